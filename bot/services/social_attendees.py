"""People who RSVPed to a social on the programme, told when its times change or it is
cancelled. Read who is going BEFORE changing the slots: a removed slot takes its RSVPs with it."""

from __future__ import annotations

from dataclasses import dataclass

from bot.app import Hallway
from bot.delivery.outbox import tell_of_change, tell_person
from bot.domain.socials import Social
from bot.messages import Line, Paragraph, Strong, When, line, message
from bot.ports import UnitOfWork
from bot.timerules import Interval


@dataclass(frozen=True)
class Attendance:
    """Per slot id: its times and the people holding a place (going or waiting) before a change."""

    was_public: bool
    slots: dict[int, tuple[Interval, list[int]]]


async def attendance(uow: UnitOfWork, social: Social) -> Attendance:
    if not social.is_public:
        return Attendance(False, {})
    slots: dict[int, tuple[Interval, list[int]]] = {}
    for slot in social.ordered_slots():
        holders = [rsvp.participant_id for rsvp in await uow.rsvps.live_for_slot(slot.id)]
        slots[slot.id] = (social.interval_of(slot), holders)
    return Attendance(True, slots)


async def tell_attendees(hw: Hallway, uow: UnitOfWork, social: Social, before: Attendance) -> None:
    """One notice per person and slot, before → after in their own time; coalesced with any
    other change in the next minutes. A slot gone, or a social off the programme, is cancelled."""
    if not before.was_public:
        return
    current = (
        {slot.id: social.interval_of(slot) for slot in social.slots} if social.is_public else {}
    )
    what = ("The social ", Strong(social.title))
    for slot_id, (old, holders) in before.slots.items():
        new = current.get(slot_id)
        after = [new] if new is not None else []
        await tell_of_change(hw, uow, f"social-slot:{slot_id}", holders, what, [old], after)


async def tell_attendees_under_review(
    hw: Hallway, uow: UnitOfWork, social: Social, before: Attendance
) -> None:
    """Its leads edited a social already on the programme: it goes back to the chairs (the
    call's rule), off the programme until approved again. Places are kept; holders are told."""
    if not before.was_public or social.is_public:
        return
    notice = message(
        "A social you joined is being reviewed again",
        line(
            "Its leads changed {title}, so the chairs review it again.", title=Strong(social.title)
        ),
        "Your place is kept. Until the chairs approve it, it is off the programme.",
        Paragraph(tuple(_times(social))),
    )
    revision = social.updated_at.timestamp() if social.updated_at else 0.0
    holders = {person for _, people in before.slots.values() for person in people}
    for person in sorted(holders):
        await tell_person(
            hw, uow, person, notice, f"social:{social.id}:review-again:{revision:.0f}"
        )


def _times(social: Social) -> list[Line]:
    return [
        line("Proposed now: {start} – {end}", start=When(span.start), end=When(span.end, "time"))
        for span in social.intervals()
    ]
