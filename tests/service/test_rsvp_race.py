"""Thirty people press RSVP at once for five places: five go, twenty-five wait in order."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from bot.app import Hallway
from bot.services.rsvps import RsvpStatus, rsvp_slot
from tests.factories import actor, register, stored_social

START = datetime(2021, 7, 19, 15, tzinfo=UTC)


async def test_thirty_rsvps_at_once_fill_five_places_and_queue_the_rest_in_order(
    hw: Hallway,
) -> None:
    pair = [(await register(hw, f"lead{n}@example.org")).id for n in (1, 2)]
    made = await stored_social(hw, "Popular", pair, [START], released=True, capacity=5)
    people = []
    for n in range(30):
        await register(hw, f"p{n}@example.org")
        people.append(await actor(hw, f"p{n}@example.org"))
    slot = made.slots[0].id

    receipts = await asyncio.gather(*(rsvp_slot(hw, who, slot) for who in people))

    statuses = [receipt.status for receipt in receipts]
    assert statuses.count(RsvpStatus.GOING) == 5
    assert statuses.count(RsvpStatus.WAITING) == 25
    async with hw.uow() as uow:
        live = await uow.rsvps.live_for_slot(slot)
    assert [rsvp.waitlisted for rsvp in live] == [False] * 5 + [True] * 25
    # The positions people were told are the order the waitlist keeps: 1 to 25, no gaps.
    told = {
        who.participant.id: receipt.position  # type: ignore[union-attr]
        for who, receipt in zip(people, receipts, strict=True)
        if receipt.status == RsvpStatus.WAITING
    }
    waiting = [rsvp.participant_id for rsvp in live if rsvp.waitlisted]
    assert [told[person] for person in waiting] == list(range(1, 26))
