"""Browsing the programme on both databases: only public socials, by the reader's day, now,
next, category and tag, and "mine" with waitlist positions."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from bot.app import Hallway
from bot.clock import ManualClock
from bot.domain.programme import Place, Selection, Standing
from bot.domain.socials import Category, Decision, Rsvp
from bot.errors import InvalidInput, NotRegistered
from bot.services import programme
from tests.factories import actor, register, stored_social

MON = datetime(2021, 7, 19, tzinfo=UTC)


async def leads(hw: Hallway) -> list[int]:
    return [(await register(hw, f"{name}@example.org")).id for name in ("ada", "bob")]


def titles(listing: programme.Listing) -> list[str]:
    return [entry.title for entry in listing.entries]


async def test_only_accepted_released_standing_socials_are_listed(hw: Hallway) -> None:
    pair = await leads(hw)
    at = [MON + timedelta(hours=15)]
    await stored_social(hw, "Proposed", pair, at)
    await stored_social(hw, "Accepted, held", pair, at, accepted=True)
    await stored_social(hw, "Public", pair, at, released=True)
    for change in ("withdrawn", "rejected", "combined"):
        gone = await stored_social(hw, change.title(), pair, at, released=True)
        async with hw.uow() as uow:
            stored = await uow.socials.get(gone.id)
            assert stored is not None
            if change == "withdrawn":
                stored.withdrawn_at = hw.now()
            elif change == "rejected":
                stored.decision = Decision.REJECTED
            else:
                stored.combined_into = gone.id - 1
            await uow.commit()
    reader = await actor(hw, "ada@example.org")
    listing = await programme.browse_programme(hw, reader, Selection())
    assert titles(listing) == ["Public"]
    async with hw.uow() as uow:
        public = {
            social.id for social in await uow.socials.for_event(hw.event.id) if social.is_public
        }
    assert {entry.social_id for entry in listing.entries} == public


async def test_a_tokyo_readers_day_holds_what_starts_on_their_date(hw: Hallway) -> None:
    pair = await leads(hw)
    await stored_social(hw, "Late Monday UTC", pair, [MON + timedelta(hours=20)], released=True)
    await stored_social(hw, "Monday noon UTC", pair, [MON + timedelta(hours=12)], released=True)
    tokyo = await actor(hw, "ada@example.org", "Asia/Tokyo")
    utc_reader = await actor(hw, "bob@example.org")
    assert titles(await programme.programme_day(hw, tokyo, date(2021, 7, 20))) == [
        "Late Monday UTC"
    ]
    assert titles(await programme.programme_day(hw, tokyo, date(2021, 7, 19))) == [
        "Monday noon UTC"
    ]
    assert titles(await programme.programme_day(hw, utc_reader, date(2021, 7, 19))) == [
        "Monday noon UTC",
        "Late Monday UTC",
    ]


async def test_now_lists_what_runs_at_this_instant(hw: Hallway, clock: ManualClock) -> None:
    pair = await leads(hw)
    await stored_social(hw, "Running", pair, [MON + timedelta(hours=14)], released=True)
    await stored_social(hw, "Over", pair, [MON + timedelta(hours=13)], released=True)
    await stored_social(hw, "Soon", pair, [MON + timedelta(hours=16)], released=True)
    clock.set(MON + timedelta(hours=15))
    reader = await actor(hw, "ada@example.org")
    assert titles(await programme.programme_now(hw, reader)) == ["Running"]


async def test_next_lists_what_starts_within_the_hours_asked(
    hw: Hallway, clock: ManualClock
) -> None:
    pair = await leads(hw)
    for hours in (15, 16, 18, 20):
        await stored_social(hw, f"At {hours}", pair, [MON + timedelta(hours=hours)], released=True)
    clock.set(MON + timedelta(hours=15))
    reader = await actor(hw, "ada@example.org")
    assert titles(await programme.programme_next(hw, reader)) == ["At 15", "At 16"]
    assert titles(await programme.programme_next(hw, reader, 5)) == ["At 15", "At 16", "At 18"]


@pytest.mark.parametrize("hours", [0, -1, 73])
async def test_next_refuses_hours_out_of_range(hw: Hallway, hours: int) -> None:
    reader = await actor(hw, "nobody@example.org")
    with pytest.raises(InvalidInput) as refused:
        await programme.programme_next(hw, reader, hours)
    assert "hours" in refused.value.errors


async def test_category_and_tags_narrow_the_programme(hw: Hallway) -> None:
    pair = await leads(hw)
    at = [MON + timedelta(hours=15)]
    await stored_social(hw, "RL", pair, at, released=True, tags=["RL", "theory"])
    await stored_social(
        hw, "RL skills", pair, at, released=True, tags=["rl"], category=Category.SKILLS
    )
    await stored_social(hw, "Vision", pair, at, released=True, tags=["cv"])
    reader = await actor(hw, "ada@example.org")
    by_tag = await programme.browse_programme(hw, reader, Selection(tags=frozenset({"#rl"})))
    assert titles(by_tag) == ["RL", "RL skills"]
    both = Selection(tags=frozenset({"rl"}), categories=frozenset({Category.SKILLS}))
    assert titles(await programme.browse_programme(hw, reader, both)) == ["RL skills"]
    assert (
        titles(await programme.browse_programme(hw, reader, Selection(tags=frozenset({"nlp"}))))
        == []
    )


async def test_listed_slots_carry_leads_and_counts(hw: Hallway) -> None:
    pair = await leads(hw)
    made = await stored_social(hw, "Small", pair, [MON], released=True, capacity=1)
    others = [await register(hw, f"p{n}@example.org") for n in range(3)]
    async with hw.uow() as uow:
        for n, person in enumerate(others):
            uow.rsvps.add(
                Rsvp(made.slots[0].id, person.id, hw.now() + timedelta(seconds=n), waitlisted=n > 0)
            )
        await uow.commit()
    [entry] = (
        await programme.browse_programme(hw, await actor(hw, "ada@example.org"), Selection())
    ).entries
    assert (entry.going, entry.waiting, entry.is_full) == (1, 2, True)
    assert [lead.name for lead in entry.leads] == ["Ada", "Bob"]


async def test_mine_lists_what_i_lead_and_my_rsvps_with_waitlist_positions(hw: Hallway) -> None:
    ada, bob = await leads(hw)
    cy = await register(hw, "cy@example.org")
    mine = await stored_social(hw, "Mine", [cy.id, bob], [MON + timedelta(hours=9)], released=True)
    full = await stored_social(
        hw, "Full", [ada, bob], [MON + timedelta(hours=12)], released=True, capacity=1
    )
    open_ = await stored_social(hw, "Open", [ada, bob], [MON + timedelta(hours=3)], released=True)
    await stored_social(hw, "Not mine", [ada, bob], [MON], released=True)
    await stored_social(hw, "Mine, held", [cy.id, bob], [MON], accepted=True)
    dee = await register(hw, "dee@example.org")
    async with hw.uow() as uow:
        uow.rsvps.add(Rsvp(full.slots[0].id, dee.id, hw.now()))
        uow.rsvps.add(
            Rsvp(full.slots[0].id, cy.id, hw.now() + timedelta(seconds=1), waitlisted=True)
        )
        uow.rsvps.add(Rsvp(open_.slots[0].id, cy.id, hw.now()))
        await uow.commit()
    listing = await programme.my_programme(hw, await actor(hw, "cy@example.org"))
    assert titles(listing) == ["Open", "Mine", "Full"]
    assert [listing.place(entry) for entry in listing.entries] == [
        Place(Standing.GOING),
        Place(Standing.LEAD),
        Place(Standing.WAITING, 1),
    ]
    assert mine.slots[0].id in {entry.slot_id for entry in listing.entries}


async def test_cancelled_rsvps_are_not_mine(hw: Hallway) -> None:
    ada, bob = await leads(hw)
    cy = await register(hw, "cy@example.org")
    made = await stored_social(hw, "Gone", [ada, bob], [MON], released=True)
    async with hw.uow() as uow:
        left = Rsvp(made.slots[0].id, cy.id, hw.now())
        left.cancelled_at = hw.now()
        uow.rsvps.add(left)
        await uow.commit()
    assert titles(await programme.my_programme(hw, await actor(hw, "cy@example.org"))) == []


async def test_mine_needs_a_registration(hw: Hallway) -> None:
    with pytest.raises(NotRegistered):
        await programme.my_programme(hw, await actor(hw, "stranger@example.org"))
