"""What follows from a change to a session, inside the caller's unit of work: its room planned,
moved or closed, people waiting moved up, mentees told once, the ad-hoc announcement revised."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from bot.app import Hallway
from bot.delivery.outbox import post_to_channel, revise_post, tell_of_change, tell_person
from bot.domain.delivery import ChannelRole
from bot.domain.mentoring import Booking, BookingState, MentoringSession, to_promote
from bot.errors import NotFound
from bot.ports import Listing, UnitOfWork
from bot.scheduling.rooms import GRACE, close_room_at, let_in, plan_room
from bot.services.mentoring_notices import announcement, promoted_notice, what
from bot.timerules import Interval


def room_key(session: MentoringSession) -> str:
    return f"mentoring:{session.id}"


def room_opens_at(hw: Hallway, session: MentoringSession) -> datetime:
    """Ad-hoc rooms open at once; scheduled ones `[reminders] rooms_open` minutes early."""
    if session.adhoc:
        return session.starts_at
    return session.starts_at - timedelta(minutes=hw.event.reminders.rooms_open)


async def listing_of(uow: UnitOfWork, session: MentoringSession) -> Listing:
    found = await uow.mentoring.listings([session.id])
    if not found:
        raise NotFound(f"There is no mentoring session {session.id}.")
    return found[0]


async def plan_session_room(hw: Hallway, uow: UnitOfWork, session: MentoringSession) -> None:
    await plan_room(
        hw, uow, room_key(session), room_opens_at(hw, session), session.finishes_at + GRACE
    )


async def close_session_room(
    hw: Hallway, uow: UnitOfWork, session: MentoringSession, at: datetime
) -> None:
    await close_room_at(hw, uow, room_key(session), at)


async def seat_taken(
    hw: Hallway, uow: UnitOfWork, session: MentoringSession, participant_ids: Sequence[int]
) -> None:
    """People who just got a seat join the room if it is already open."""
    if participant_ids and room_opens_at(hw, session) <= hw.now():
        await let_in(hw, uow, room_key(session), participant_ids)


async def fill_free_seats(
    hw: Hallway, uow: UnitOfWork, session: MentoringSession, bookings: Sequence[Booking]
) -> list[Booking]:
    """Move people up from the waitlist while seats are free, and tell each of them."""
    promoted = to_promote(session.capacity, bookings)
    if not promoted:
        return []
    for booking in promoted:
        booking.state = BookingState.BOOKED
    listing = await listing_of(uow, session)
    stamp = f"{hw.now().timestamp():.6f}"
    for booking in promoted:
        key = f"mentoring:{session.id}:seat:b{booking.id}:{stamp}"
        await tell_person(hw, uow, booking.participant_id, promoted_notice(listing), key)
    await seat_taken(hw, uow, session, [booking.participant_id for booking in promoted])
    return promoted


async def tell_holders(
    hw: Hallway,
    uow: UnitOfWork,
    session: MentoringSession,
    before: Interval,
    after: Interval | None,
) -> None:
    """Booked and waitlisted mentees, once, with before → after in their own time."""
    holders = [b.participant_id for b in await uow.mentoring.bookings(session.id) if b.holds_place]
    if not holders:
        return
    listing = await listing_of(uow, session)
    later = (after,) if after is not None else ()
    await tell_of_change(
        hw, uow, f"mentoring:{session.id}", holders, what(listing), (before,), later
    )


async def announce(hw: Hallway, uow: UnitOfWork, session: MentoringSession) -> None:
    msg = announcement(await listing_of(uow, session))
    await post_to_channel(hw, uow, ChannelRole.MENTORING, msg, _announcement_key(session))


async def revise_announcement(hw: Hallway, uow: UnitOfWork, session: MentoringSession) -> None:
    """Only ad-hoc sessions are announced; the post shows seats left, full, or ended."""
    if session.adhoc:
        msg = announcement(await listing_of(uow, session))
        await revise_post(hw, uow, ChannelRole.MENTORING, msg, _announcement_key(session))


def _announcement_key(session: MentoringSession) -> str:
    return f"mentoring:{session.id}:announcement"
