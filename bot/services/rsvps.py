"""RSVP and cancel: a place at a slot of a public social, or a place on its waitlist.

Race-safe: each change locks the social's row first (PostgreSQL: SELECT … FOR UPDATE; SQLite
has one writer at a time), then reads the slot's live RSVPs, so thirty people pressing RSVP
at once for five places get five places and a waitlist of twenty-five in order of arrival.
The social's row is locked rather than the RSVPs alone because the first RSVPs of a slot have
no rows to lock yet. The unique index on live RSVPs is the last line of defence.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bot.app import Hallway
from bot.delivery.outbox import tell_person
from bot.domain.attendance import Attendance
from bot.domain.programme import ListedSlot
from bot.domain.socials import Rsvp, Social, SocialSlot
from bot.errors import HallwayError, NotFound
from bot.interaction import Actor
from bot.messages import Button, Item, Message, Strong, When, line, message
from bot.ports import UnitOfWork


class RsvpStatus(StrEnum):
    GOING = "going"
    WAITING = "waiting"
    LEADING = "leading"  # a lead needs no RSVP: nothing is stored


@dataclass(frozen=True)
class RsvpReceipt:
    status: RsvpStatus
    slot: ListedSlot
    position: int | None = None  # on the waitlist, from 1
    clashes: tuple[ListedSlot, ...] = ()  # other slots I RSVPed to that overlap this one


@dataclass(frozen=True)
class Cancellation:
    slot: ListedSlot
    was_waiting: bool
    promoted: int  # how many on the waitlist got a place


async def rsvp_slot(hw: Hallway, actor: Actor, slot_id: int) -> RsvpReceipt:
    person = actor.registered(hw.event.name)
    position: int | None = None
    async with hw.uow() as uow:
        social, slot = await _locked_public_slot(hw, uow, slot_id)
        leading = social.is_lead(person.id)
        if not leading:
            position = await _take_place(hw, uow, social, slot, person.id)
            await uow.commit()
    listed, clashes = await _after(hw, slot_id, person.id)
    if leading:
        return RsvpReceipt(RsvpStatus.LEADING, listed)
    status = RsvpStatus.WAITING if position else RsvpStatus.GOING
    return RsvpReceipt(status, listed, position, clashes)


async def cancel_rsvp(hw: Hallway, actor: Actor, slot_id: int) -> Cancellation:
    """Cancel my RSVP; a place freed goes to the first on the waitlist, who is told."""
    person = actor.registered(hw.event.name)
    async with hw.uow() as uow:
        social, slot = await _locked_public_slot(hw, uow, slot_id)
        _refuse_if_over(hw, social, slot, "cancel")
        attendance = Attendance.of(await uow.rsvps.live_for_slot(slot_id, for_update=True))
        mine = attendance.of_person(person.id)
        if mine is None:
            raise NotFound(_no_rsvp(social, person.id))
        mine.cancelled_at = hw.now()
        rest = Attendance.of([r for r in (*attendance.going, *attendance.waiting) if r is not mine])
        promoted = rest.to_promote(social.capacity)
        for rsvp in promoted:
            await _promote(hw, uow, social, slot, rsvp)
        await uow.commit()
    listed, _ = await _after(hw, slot_id, person.id)
    return Cancellation(listed, mine.waitlisted, len(promoted))


async def _locked_public_slot(
    hw: Hallway, uow: UnitOfWork, slot_id: int
) -> tuple[Social, SocialSlot]:
    slot = await uow.socials.slot(slot_id)
    social = await uow.socials.get(slot.social_id, for_update=True) if slot else None
    if slot is None or social is None or social.event_id != hw.event.id or not social.is_public:
        raise NotFound(
            f"There is no slot {slot_id} on the programme of {hw.event.name}. "
            "/social list shows the slots and their numbers."
        )
    return social, slot


async def _take_place(
    hw: Hallway, uow: UnitOfWork, social: Social, slot: SocialSlot, person_id: int
) -> int | None:
    """Add my RSVP; returns my waitlist position, or None when I have a place."""
    _refuse_if_over(hw, social, slot, "RSVP to")
    attendance = Attendance.of(await uow.rsvps.live_for_slot(slot.id, for_update=True))
    already = attendance.of_person(person_id)
    if already is not None:
        where = (
            f"number {attendance.position(already)} on its waitlist"
            if already.waitlisted
            else "going"
        )
        raise HallwayError(f"You already RSVPed to “{social.title}” at that time: you are {where}.")
    waitlisted = not attendance.has_room(social.capacity)
    uow.rsvps.add(Rsvp(slot.id, person_id, hw.now(), waitlisted=waitlisted))
    return len(attendance.waiting) + 1 if waitlisted else None


def _refuse_if_over(hw: Hallway, social: Social, slot: SocialSlot, doing: str) -> None:
    if social.interval_of(slot).end <= hw.now():
        raise HallwayError(f"“{social.title}” at that time is over; you can no longer {doing} it.")


def _no_rsvp(social: Social, person_id: int) -> str:
    if social.is_lead(person_id):
        return f"You lead “{social.title}”, so you need no RSVP and have none to cancel."
    return f"You have no RSVP to “{social.title}” at that time, so there is nothing to cancel."


async def _promote(
    hw: Hallway, uow: UnitOfWork, social: Social, slot: SocialSlot, rsvp: Rsvp
) -> None:
    rsvp.waitlisted = False
    # The RSVP id keeps a second promotion (after leaving and rejoining) a notice of its own.
    key = f"rsvp:{slot.id}:promoted:{rsvp.participant_id}:{rsvp.id}"
    await tell_person(hw, uow, rsvp.participant_id, promoted_notice(social, slot), key)


def promoted_notice(social: Social, slot: SocialSlot) -> Message:
    span = social.interval_of(slot)
    return message(
        "A place opened up",
        line(
            "Someone cancelled, so you moved up from the waitlist: you are now going to "
            "{title}, {start} – {end}.",
            title=Strong(social.title),
            start=When(span.start),
            end=When(span.end, "time"),
        ),
        Item(
            (line("If you can no longer come, free the place for the next person."),),
            (Button("Cancel my RSVP", "social.cancel_rsvp", str(slot.id), "danger"),),
        ),
    )


async def _after(
    hw: Hallway, slot_id: int, person_id: int
) -> tuple[ListedSlot, tuple[ListedSlot, ...]]:
    """The slot as it now stands, and my other RSVPed slots that overlap it."""
    async with hw.uow() as uow:
        found = await uow.programme.slots(hw.event.id, slot_ids=[slot_id])
        if not found:  # unpublished a moment ago, by a withdrawal or a combination
            raise NotFound("That social has just left the programme.")
        listed = found[0]
        places = await uow.programme.places_of(hw.event.id, person_id)
        others = [other for other in places if other != slot_id]
        mine = await uow.programme.slots(hw.event.id, slot_ids=others) if others else []
    return listed, tuple(entry for entry in mine if entry.span.overlaps(listed.span))
