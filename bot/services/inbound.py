"""Platform deliveries that must be handled once, though the platform may send them twice."""

from __future__ import annotations

from datetime import timedelta

from bot.app import Hallway

# Slack retries a delivery three times within about five minutes; a day leaves ample margin.
REMEMBER_FOR = timedelta(days=1)


async def first_receipt(hw: Hallway, event_id: str) -> bool:
    """True the first time a Slack event id arrives; False for every retry of it."""
    now = hw.now()
    async with hw.uow() as uow:
        first = await uow.slack_events.record(event_id, now)
        if first:
            await uow.slack_events.forget_before(now - REMEMBER_FOR)
        await uow.commit()
    return first
