"""Mentors offering sessions: scheduled ones at any time (for a start inside the conference),
ad-hoc ones "now" during it; editing, cancelling and ending them early.

A mentor never overlaps their own sessions. Mentees who hold a place are told once of a move
or a cancellation. Only the mentor may edit; the mentor or a chair may cancel or end.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar

from bot.app import Hallway
from bot.delivery.outbox import tell_person
from bot.domain.mentoring import (
    ADHOC_CAPACITY,
    ADHOC_MINUTES,
    Booking,
    BookingState,
    MentoringSession,
    check_capacity,
    check_minutes,
    check_start,
    clashes,
    outside_window,
)
from bot.domain.participants import Participant
from bot.errors import HallwayError, InvalidInput
from bot.forms import Field, parse_field
from bot.interaction import Actor
from bot.ports import UnitOfWork
from bot.scheduling.rooms import GRACE
from bot.services.mentoring_access import session_of_mentor
from bot.services.mentoring_effects import (
    announce,
    close_session_room,
    fill_free_seats,
    listing_of,
    plan_session_room,
    revise_announcement,
    room_opens_at,
    tell_holders,
)
from bot.services.mentoring_notices import cancelled_for_mentor
from bot.services.mentoring_profiles import active_profile
from bot.timerules import Interval

T = TypeVar("T")

_VIDEO = Field("video_url", "Video link", "url", max_length=500)
_TOPICS = Field("topics", "Topics", "tags", max_items=10)


@dataclass(frozen=True)
class SessionDraft:
    start: datetime
    capacity: int
    topics: list[str]
    minutes: int | None = None  # None: as it was, or the event's default for a new one
    format_note: str = ""
    video_url: str | None = None  # None: Hallway makes a link


async def schedule_session(hw: Hallway, actor: Actor, draft: SessionDraft) -> MentoringSession:
    person = actor.registered(hw.event.name)
    async with hw.uow() as uow:
        await active_profile(hw, uow, person)
        minutes, video = _checked(hw, draft, hw.event.mentoring.default_minutes)
        session = MentoringSession(
            hw.event.id,
            person.id,
            draft.start,
            minutes,
            draft.capacity,
            draft.topics,
            draft.format_note.strip(),
            video or _generated_link(hw),
            video_generated=video is None,
        )
        await _refuse_clash(hw, uow, person, session.planned)
        await uow.mentoring.add(session)
        await plan_session_room(hw, uow, session)
        await uow.commit()
    return session


async def session_for_edit(hw: Hallway, actor: Actor, session_id: int) -> MentoringSession:
    """The session as its mentor may still edit it (to fill in the edit form)."""
    async with hw.uow() as uow:
        session = await session_of_mentor(hw, uow, actor, session_id, "edit it", chairs=False)
        _editable(hw, session)
    return session


async def edit_session(
    hw: Hallway, actor: Actor, session_id: int, draft: SessionDraft
) -> MentoringSession:
    async with hw.uow() as uow:
        session = await session_of_mentor(hw, uow, actor, session_id, "edit it", chairs=False)
        _editable(hw, session)
        person = actor.registered(hw.event.name)
        await active_profile(hw, uow, person)
        minutes, video = _checked(hw, draft, session.minutes)
        before, after = session.planned, Interval.lasting(draft.start, minutes)
        if after.start != before.start and room_opens_at(hw, session) <= hw.now():
            raise InvalidInput.at(
                "start",
                "The room for this session is open already, so its start can no longer move. "
                "You can still cancel it.",
            )
        bookings = await uow.mentoring.bookings(session.id)
        _capacity_keeps_seats(draft.capacity, bookings_held=_booked(bookings))
        await _refuse_clash(hw, uow, person, after, skip=session.id)
        session.move(draft.start, minutes)
        session.capacity = draft.capacity
        session.retopic(draft.topics, draft.format_note.strip())
        if video is not None or not session.video_generated:
            # A link the mentor removed is replaced by a generated one; a generated one stays.
            session.video_url, session.video_generated = video or _generated_link(hw), video is None
        await fill_free_seats(hw, uow, session, bookings)
        await plan_session_room(hw, uow, session)
        await tell_holders(hw, uow, session, before, after)
        await uow.commit()
    return session


async def cancel_session(hw: Hallway, actor: Actor, session_id: int) -> MentoringSession:
    async with hw.uow() as uow:
        session = await session_of_mentor(hw, uow, actor, session_id, "cancel it", chairs=True)
        _still_live(hw, session)
        if session.has_started(hw.now()):
            raise HallwayError(
                f"Session {session.id} has started; end it with /mentor end {session.id}."
            )
        before = session.planned
        session.cancel()
        await close_session_room(hw, uow, session, hw.now())
        await tell_holders(hw, uow, session, before, None)
        await revise_announcement(hw, uow, session)
        await _tell_mentor_if_someone_else(hw, uow, actor, session)
        await uow.commit()
    return session


async def end_session_early(hw: Hallway, actor: Actor, session_id: int) -> MentoringSession:
    async with hw.uow() as uow:
        session = await session_of_mentor(hw, uow, actor, session_id, "end it", chairs=True)
        _still_live(hw, session)
        if not session.has_started(hw.now()):
            raise HallwayError(
                f"Session {session.id} has not started yet; to call it off, "
                f"use /mentor cancel {session.id}."
            )
        session.end(hw.now())
        await close_session_room(hw, uow, session, hw.now() + GRACE)
        await revise_announcement(hw, uow, session)
        await uow.commit()
    return session


async def start_adhoc_session(
    hw: Hallway, actor: Actor, minutes: int | None = None, topic: str | None = None
) -> MentoringSession:
    """ "Now, for 30 minutes, on X": announced at once, its room open at once, seats first come
    first served. Only while the conference is on."""
    person = actor.registered(hw.event.name)
    if not hw.event.window.contains(hw.now()):
        raise HallwayError(outside_window(hw.event, "Ad-hoc sessions run only"))
    length = minutes if minutes is not None else ADHOC_MINUTES
    check_minutes(length)
    topics: list[str] = parse_field(_TOPICS, topic, UTC) if topic else []
    async with hw.uow() as uow:
        profile = await active_profile(hw, uow, person)
        session = MentoringSession(
            hw.event.id,
            person.id,
            hw.now(),
            length,
            min(ADHOC_CAPACITY, hw.event.mentoring.max_capacity),
            topics or list(profile.topics),
            "",
            _generated_link(hw),
            video_generated=True,
            adhoc=True,
        )
        await _refuse_clash(hw, uow, person, session.planned)
        await uow.mentoring.add(session)
        await plan_session_room(hw, uow, session)
        await announce(hw, uow, session)
        await uow.commit()
    return session


def _checked(hw: Hallway, draft: SessionDraft, default_minutes: int) -> tuple[int, str | None]:
    """The minutes and own link; every field's problem reported at once, nothing stored."""
    minutes = draft.minutes if draft.minutes is not None else default_minutes
    errors: dict[str, str] = {}
    _gather(errors, check_start, draft.start, hw.now(), hw.event)
    _gather(errors, check_minutes, minutes)
    _gather(errors, check_capacity, draft.capacity, hw.event.mentoring.max_capacity)
    video = _gather(errors, parse_field, _VIDEO, draft.video_url, UTC) if draft.video_url else None
    if errors:
        raise InvalidInput(errors)
    return minutes, video


def _gather(errors: dict[str, str], check: Callable[..., T], *args: Any) -> T | None:
    try:
        return check(*args)
    except InvalidInput as exc:
        errors.update(exc.errors)
        return None


async def _refuse_clash(
    hw: Hallway, uow: UnitOfWork, mentor: Participant, span: Interval, *, skip: int | None = None
) -> None:
    mine = await uow.mentoring.mentor_sessions(hw.event.id, mentor.id, hw.now())
    clash = clashes(span, mine, hw.now(), skip=skip)
    if clash:
        other = clash[0]
        raise InvalidInput.at(
            "start",
            f"That overlaps your session {other.id} "
            f"({other.starts_at:%d %b %H:%M}–{other.finishes_at:%H:%M} UTC). "
            "A mentor holds one session at a time.",
        )


def _editable(hw: Hallway, session: MentoringSession) -> None:
    _still_live(hw, session)
    if session.has_started(hw.now()):
        raise HallwayError(
            f"Session {session.id} has started, so it can no longer be edited. "
            f"You can end it with /mentor end {session.id}."
        )


def _still_live(hw: Hallway, session: MentoringSession) -> None:
    if not session.is_live():
        raise HallwayError(f"Session {session.id} was {session.status.value} already.")
    if session.is_over(hw.now()):
        raise HallwayError(f"Session {session.id} is over already.")


def _booked(bookings: Sequence[Booking]) -> int:
    return sum(1 for booking in bookings if booking.state == BookingState.BOOKED)


def _capacity_keeps_seats(capacity: int, *, bookings_held: int) -> None:
    if capacity < bookings_held:
        raise InvalidInput.at(
            "capacity",
            f"{bookings_held} people have a seat already; capacity cannot go below that.",
        )


def _generated_link(hw: Hallway) -> str:
    # Unguessable, so only those who booked (and see it) can find the room.
    return hw.event.rooms.video_base + secrets.token_urlsafe(12)


async def _tell_mentor_if_someone_else(
    hw: Hallway, uow: UnitOfWork, actor: Actor, session: MentoringSession
) -> None:
    if actor.participant is not None and actor.participant.id != session.mentor_id:
        msg = cancelled_for_mentor(await listing_of(uow, session))
        key = f"mentoring:{session.id}:cancelled-by-chair"
        await tell_person(hw, uow, session.mentor_id, msg, key)
