"""Platform deliveries handled once: Slack event ids remembered by a unique key."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from bot.app import Hallway
from bot.clock import ManualClock
from bot.services.inbound import first_receipt
from storage import Database
from storage.tables import slack_events


async def test_an_event_id_is_new_once(hw: Hallway) -> None:
    assert await first_receipt(hw, "Ev01") is True
    assert await first_receipt(hw, "Ev01") is False
    assert await first_receipt(hw, "Ev02") is True


async def test_ids_older_than_a_day_are_forgotten_when_a_new_one_arrives(
    hw: Hallway, clock: ManualClock, database: Database
) -> None:
    await first_receipt(hw, "Ev01")
    clock.advance(timedelta(days=1, minutes=1))
    await first_receipt(hw, "Ev02")
    async with database.engine.connect() as connection:
        kept = list(await connection.scalars(select(slack_events.c.event_id)))
        count = await connection.scalar(select(func.count()).select_from(slack_events))
    assert (kept, count) == (["Ev02"], 1)
