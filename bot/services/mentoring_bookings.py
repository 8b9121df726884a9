"""Mentees taking a seat: booking (with an optional note for the mentor), joining an ad-hoc
session from its announcement, and giving a seat back.

Seats are counted with the session locked (PostgreSQL: SELECT … FOR UPDATE; SQLite's one
writer serialises), so fifty people pressing at once get exactly `capacity` seats and a queue
in the order they arrived. A freed seat goes to the first in the queue, who is told.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.app import Hallway
from bot.domain.mentoring import (
    Booking,
    BookingState,
    MentoringSession,
    check_note,
    seat_for,
    waitlist_position,
)
from bot.domain.participants import Participant
from bot.errors import HallwayError, NotAllowed, NotFound
from bot.interaction import Actor
from bot.ports import Listing, UnitOfWork
from bot.services.mentoring_access import session_for
from bot.services.mentoring_effects import (
    fill_free_seats,
    listing_of,
    revise_announcement,
    seat_taken,
)
from bot.timerules import Interval


@dataclass(frozen=True)
class BookingOutcome:
    booking: Booking
    listing: Listing
    position: int | None  # on the waitlist: 1 is next in line
    overlaps: list[Listing]  # the person's other sessions at the same time (a warning)


@dataclass(frozen=True)
class CancelledBooking:
    listing: Listing
    promoted: int  # people moved up from the waitlist


async def book_session(
    hw: Hallway, actor: Actor, session_id: int, note: str | None = None
) -> BookingOutcome:
    """A seat if one is free, else a place on the waitlist."""
    person = actor.registered(hw.event.name)
    text = (note or "").strip()
    check_note(text)
    async with hw.uow() as uow:
        session = await session_for(hw, uow, session_id)
        _bookable(hw, session, person)
        booking, queue = await _take_place(hw, uow, session, person, text)
        position = None
        if booking.state == BookingState.WAITLISTED:
            position = waitlist_position(booking, queue)
        await revise_announcement(hw, uow, session)
        listing = await listing_of(uow, session)
        span = Interval(session.starts_at, session.finishes_at)
        overlaps = await uow.mentoring.commitments(hw.event.id, person.id, span, hw.now())
        await uow.commit()
    others = [found for found in overlaps if found.session.id != session.id]
    return BookingOutcome(booking, listing, position, others)


async def join_session(hw: Hallway, actor: Actor, session_id: int) -> BookingOutcome:
    """The announcement's Join button: a booking without a note."""
    return await book_session(hw, actor, session_id)


async def cancel_booking(hw: Hallway, actor: Actor, session_id: int) -> CancelledBooking:
    person = actor.registered(hw.event.name)
    async with hw.uow() as uow:
        session = await session_for(hw, uow, session_id)
        booking = await uow.mentoring.booking_of(session.id, person.id)
        if booking is None or not booking.holds_place:
            raise NotFound(f"You have no booking in session {session_id} to cancel.")
        if session.is_over(hw.now()):
            raise HallwayError(f"Session {session_id} is over already.")
        booking.state = BookingState.CANCELLED
        promoted = await fill_free_seats(hw, uow, session, await uow.mentoring.bookings(session.id))
        await revise_announcement(hw, uow, session)
        listing = await listing_of(uow, session)
        await uow.commit()
    return CancelledBooking(listing, len(promoted))


def _bookable(hw: Hallway, session: MentoringSession, person: Participant) -> None:
    if session.mentor_id == person.id:
        raise NotAllowed(f"Session {session.id} is yours: mentors cannot book their own.")
    if not session.is_live():
        raise HallwayError(
            f"Session {session.id} was {session.status.value}; it takes no bookings."
        )
    if session.is_over(hw.now()):
        raise HallwayError(f"Session {session.id} is over; it takes no bookings.")


async def _take_place(
    hw: Hallway, uow: UnitOfWork, session: MentoringSession, person: Participant, note: str
) -> tuple[Booking, list[Booking]]:
    """The person's booking, and the session's whole queue with it."""
    queue = await uow.mentoring.bookings(session.id)
    existing = next((b for b in queue if b.participant_id == person.id), None)
    if existing is not None and existing.holds_place:
        held = "a seat" if existing.state == BookingState.BOOKED else "a place on the waitlist"
        raise HallwayError(f"You already have {held} in session {session.id}.")
    booked = sum(1 for booking in queue if booking.state == BookingState.BOOKED)
    state = seat_for(session.capacity, booked)
    if existing is not None:  # cancelled before: the same row, at the back of the queue
        existing.state, existing.note, existing.created_at = state, note, hw.now()
        booking = existing
    else:
        booking = Booking(hw.event.id, session.id, person.id, note, state, hw.now())
        await uow.mentoring.add_booking(booking)
        queue.append(booking)
    if state == BookingState.BOOKED:
        await seat_taken(hw, uow, session, [person.id])
    return booking, queue
