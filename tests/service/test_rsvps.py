"""RSVP and cancel on both databases: places, the waitlist, promotion with a message in the
promoted person's own time, and every refusal storing nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.app import Hallway
from bot.clock import ManualClock
from bot.delivery.dispatcher import Dispatcher
from bot.domain.socials import Social
from bot.errors import HallwayError, NotFound
from bot.interaction import Actor
from bot.messages import plain
from bot.services.rsvps import RsvpStatus, cancel_rsvp, rsvp_slot
from tests.factories import actor, register, stored_social
from tests.fakes import RecordingMessenger

START = datetime(2021, 7, 19, 15, tzinfo=UTC)


async def social(
    hw: Hallway, capacity: int | None = None, *, accepted: bool = False, released: bool = False
) -> Social:
    pair = [(await register(hw, f"{name}@example.org")).id for name in ("lead1", "lead2")]
    starts = [START, START + timedelta(hours=12)]
    return await stored_social(
        hw, "Tea", pair, starts, capacity=capacity, accepted=accepted, released=released
    )


def pid(who: Actor) -> int:
    assert who.participant is not None
    return who.participant.id


async def person(hw: Hallway, name: str, zone: str | None = None) -> Actor:
    await register(hw, f"{name}@example.org")
    return await actor(hw, f"{name}@example.org", zone)


async def live(hw: Hallway, slot_id: int) -> list[tuple[str, bool]]:
    async with hw.uow() as uow:
        found = await uow.rsvps.live_for_slot(slot_id)
        people = {
            p.id: p.email
            for p in await uow.participants.get_many([r.participant_id for r in found])
        }
    return [(people[r.participant_id].split("@")[0], r.waitlisted) for r in found]


async def test_an_rsvp_gives_a_place(hw: Hallway) -> None:
    made = await social(hw, released=True)
    receipt = await rsvp_slot(hw, await person(hw, "ada"), made.slots[0].id)
    assert (receipt.status, receipt.position, receipt.slot.going) == (RsvpStatus.GOING, None, 1)
    assert await live(hw, made.slots[0].id) == [("ada", False)]


async def test_past_capacity_you_wait_and_learn_your_position(hw: Hallway) -> None:
    made = await social(hw, capacity=1, released=True)
    slot = made.slots[0].id
    await rsvp_slot(hw, await person(hw, "ada"), slot)
    second = await rsvp_slot(hw, await person(hw, "bob"), slot)
    third = await rsvp_slot(hw, await person(hw, "cy"), slot)
    assert [(r.status, r.position) for r in (second, third)] == [
        (RsvpStatus.WAITING, 1),
        (RsvpStatus.WAITING, 2),
    ]
    assert await live(hw, slot) == [("ada", False), ("bob", True), ("cy", True)]


async def test_without_capacity_nobody_waits(hw: Hallway) -> None:
    made = await social(hw, released=True)
    for name in ("ada", "bob", "cy"):
        receipt = await rsvp_slot(hw, await person(hw, name), made.slots[0].id)
        assert receipt.status == RsvpStatus.GOING


async def test_a_second_rsvp_to_the_same_slot_is_refused_and_stores_nothing(hw: Hallway) -> None:
    made = await social(hw, capacity=1, released=True)
    ada, bob = await person(hw, "ada"), await person(hw, "bob")
    await rsvp_slot(hw, ada, made.slots[0].id)
    await rsvp_slot(hw, bob, made.slots[0].id)
    with pytest.raises(
        HallwayError, match="You already RSVPed to “Tea” at that time: you are going"
    ):
        await rsvp_slot(hw, ada, made.slots[0].id)
    with pytest.raises(HallwayError, match="you are number 1 on its waitlist"):
        await rsvp_slot(hw, bob, made.slots[0].id)
    assert await live(hw, made.slots[0].id) == [("ada", False), ("bob", True)]


async def test_each_slot_of_a_double_session_takes_its_own_rsvp(hw: Hallway) -> None:
    made = await social(hw, released=True)
    ada = await person(hw, "ada")
    for slot in made.slots:
        assert (await rsvp_slot(hw, ada, slot.id)).status == RsvpStatus.GOING


@pytest.mark.parametrize("accepted", [False, True])
async def test_a_slot_not_on_the_programme_cannot_be_rsvped(hw: Hallway, accepted: bool) -> None:
    made = await social(hw, accepted=accepted)
    with pytest.raises(NotFound, match="There is no slot"):
        await rsvp_slot(hw, await person(hw, "ada"), made.slots[0].id)
    assert await live(hw, made.slots[0].id) == []


async def test_an_unknown_slot_is_not_found(hw: Hallway) -> None:
    with pytest.raises(NotFound, match="There is no slot 999 on the programme of ICML 2021"):
        await rsvp_slot(hw, await person(hw, "ada"), 999)


async def test_a_lead_needs_no_rsvp_and_none_is_stored(hw: Hallway) -> None:
    made = await social(hw, released=True)
    lead = await actor(hw, "lead1@example.org")
    receipt = await rsvp_slot(hw, lead, made.slots[0].id)
    assert receipt.status == RsvpStatus.LEADING
    assert await live(hw, made.slots[0].id) == []


async def test_a_slot_that_is_over_takes_no_rsvp(hw: Hallway, clock: ManualClock) -> None:
    made = await social(hw, released=True)
    ada = await person(hw, "ada")
    clock.set(START + timedelta(hours=2))
    with pytest.raises(HallwayError, match="is over; you can no longer RSVP to it"):
        await rsvp_slot(hw, ada, made.slots[0].id)
    clock.set(START + timedelta(hours=1))  # running: latecomers welcome
    assert (await rsvp_slot(hw, ada, made.slots[0].id)).status == RsvpStatus.GOING


async def test_overlapping_rsvps_are_allowed_with_a_warning(hw: Hallway) -> None:
    first = await social(hw, released=True)
    pair = [
        (await register(hw, "lead3@example.org")).id,
        (await register(hw, "lead4@example.org")).id,
    ]
    clash = await stored_social(hw, "Quiz", pair, [START + timedelta(hours=1)], released=True)
    later = await stored_social(hw, "Late", pair, [START + timedelta(hours=5)], released=True)
    ada = await person(hw, "ada")
    assert (await rsvp_slot(hw, ada, first.slots[0].id)).clashes == ()
    receipt = await rsvp_slot(hw, ada, clash.slots[0].id)
    assert receipt.status == RsvpStatus.GOING
    assert [entry.title for entry in receipt.clashes] == ["Tea"]
    assert (await rsvp_slot(hw, ada, later.slots[0].id)).clashes == ()


async def test_cancelling_frees_the_place_for_the_first_waiting_who_is_told(
    hw: Hallway, messenger: RecordingMessenger
) -> None:
    made = await social(hw, capacity=1, released=True)
    slot = made.slots[0].id
    ada, bob, cy = (
        await person(hw, "ada"),
        await person(hw, "bob", "Asia/Tokyo"),
        await person(hw, "cy"),
    )
    for who in (ada, bob, cy):
        await rsvp_slot(hw, who, slot)
    cancelled = await cancel_rsvp(hw, ada, slot)
    assert (cancelled.was_waiting, cancelled.promoted) == (False, 1)
    assert await live(hw, slot) == [("bob", False), ("cy", True)]
    async with hw.uow() as uow:
        waiting = await uow.outbox.pending(f"rsvp:{slot}:promoted:{pid(bob)}", f"person:{pid(bob)}")
    assert len(waiting) == 1
    await Dispatcher(hw, {"fake": messenger}).deliver_due()
    [sent] = messenger.sent
    assert (sent.kind, sent.address) == ("direct", "U-bob@example.org")
    assert sent.message is not None
    told = plain(sent.message, ZoneInfo("Asia/Tokyo"))
    assert "you are now going to Tea, Tuesday 20 July 2021, 00:00 JST – 02:00 JST." in told


async def test_cancelling_a_waitlist_place_moves_nobody_and_tells_nobody(hw: Hallway) -> None:
    made = await social(hw, capacity=1, released=True)
    slot = made.slots[0].id
    ada, bob, cy = await person(hw, "ada"), await person(hw, "bob"), await person(hw, "cy")
    for who in (ada, bob, cy):
        await rsvp_slot(hw, who, slot)
    cancelled = await cancel_rsvp(hw, bob, slot)
    assert (cancelled.was_waiting, cancelled.promoted) == (True, 0)
    assert await live(hw, slot) == [("ada", False), ("cy", True)]
    async with hw.uow() as uow:
        assert await uow.outbox.due("fake", hw.now(), 10) == []


async def test_without_a_waitlist_a_cancellation_tells_nobody(hw: Hallway) -> None:
    made = await social(hw, released=True)
    ada = await person(hw, "ada")
    await rsvp_slot(hw, ada, made.slots[0].id)
    assert (await cancel_rsvp(hw, ada, made.slots[0].id)).promoted == 0
    async with hw.uow() as uow:
        assert await uow.outbox.due("fake", hw.now(), 10) == []


async def test_cancelling_without_an_rsvp_is_refused(hw: Hallway) -> None:
    made = await social(hw, released=True)
    with pytest.raises(NotFound, match="You have no RSVP to “Tea” at that time"):
        await cancel_rsvp(hw, await person(hw, "ada"), made.slots[0].id)


async def test_a_lead_is_told_they_need_no_rsvp_to_cancel(hw: Hallway) -> None:
    made = await social(hw, released=True)
    with pytest.raises(NotFound, match="You lead “Tea”, so you need no RSVP"):
        await cancel_rsvp(hw, await actor(hw, "lead1@example.org"), made.slots[0].id)


async def test_a_slot_that_is_over_cannot_be_cancelled(hw: Hallway, clock: ManualClock) -> None:
    made = await social(hw, capacity=1, released=True)
    ada, bob = await person(hw, "ada"), await person(hw, "bob")
    await rsvp_slot(hw, ada, made.slots[0].id)
    await rsvp_slot(hw, bob, made.slots[0].id)
    clock.set(START + timedelta(hours=3))
    with pytest.raises(HallwayError, match="is over; you can no longer cancel it"):
        await cancel_rsvp(hw, ada, made.slots[0].id)
    assert await live(hw, made.slots[0].id) == [("ada", False), ("bob", True)]


async def test_rejoining_after_cancelling_goes_to_the_end_of_the_waitlist(
    hw: Hallway, clock: ManualClock
) -> None:
    made = await social(hw, capacity=1, released=True)
    slot = made.slots[0].id
    ada, bob, cy = await person(hw, "ada"), await person(hw, "bob"), await person(hw, "cy")
    for who in (ada, bob, cy):
        await rsvp_slot(hw, who, slot)
    await cancel_rsvp(hw, ada, slot)
    clock.advance(timedelta(minutes=1))
    again = await rsvp_slot(hw, ada, slot)
    assert (again.status, again.position) == (RsvpStatus.WAITING, 2)
    assert await live(hw, slot) == [("bob", False), ("cy", True), ("ada", True)]


async def test_a_second_promotion_of_the_same_person_is_a_notice_of_its_own(
    hw: Hallway, clock: ManualClock, messenger: RecordingMessenger
) -> None:
    made = await social(hw, capacity=1, released=True)
    slot = made.slots[0].id
    ada, bob = await person(hw, "ada"), await person(hw, "bob")
    await rsvp_slot(hw, ada, slot)
    await rsvp_slot(hw, bob, slot)
    await cancel_rsvp(hw, ada, slot)  # bob moves up
    clock.advance(timedelta(minutes=1))
    await cancel_rsvp(hw, bob, slot)
    await rsvp_slot(hw, ada, slot)
    await rsvp_slot(hw, bob, slot)  # bob waits again
    await cancel_rsvp(hw, ada, slot)  # and moves up again
    await Dispatcher(hw, {"fake": messenger}).deliver_due()
    told = [sent.text.splitlines()[0] for sent in messenger.to("U-bob@example.org")]
    assert told == ["A place opened up", "A place opened up"]


async def test_a_place_freed_fills_every_free_place_when_capacity_grew(hw: Hallway) -> None:
    made = await social(hw, capacity=1, released=True)
    slot = made.slots[0].id
    ada, bob, cy = await person(hw, "ada"), await person(hw, "bob"), await person(hw, "cy")
    for who in (ada, bob, cy):
        await rsvp_slot(hw, who, slot)
    async with hw.uow() as uow:
        stored = await uow.socials.get(made.id)
        assert stored is not None
        stored.capacity = 3
        await uow.commit()
    assert (await cancel_rsvp(hw, ada, slot)).promoted == 2
    assert await live(hw, slot) == [("bob", False), ("cy", False)]
