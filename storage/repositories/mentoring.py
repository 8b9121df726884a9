"""Mentor profiles, sessions and bookings. Browsing filters and counts in SQL, so only the
sessions shown are loaded (see bench/bench_browse.py)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, false, func, literal, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.mentoring import (
    Booking,
    BookingState,
    MentoringSession,
    MentorProfile,
    SessionStatus,
)
from bot.ports import Listing, SessionQuery
from bot.timerules import Interval
from storage.tables import mentor_profiles, mentoring_bookings, mentoring_sessions, participants

sessions, bookings, profiles = mentoring_sessions, mentoring_bookings, mentor_profiles


class SqlMentorRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def for_participant(self, event_id: int, participant_id: int) -> MentorProfile | None:
        query = select(MentorProfile).where(
            profiles.c.event_id == event_id, profiles.c.participant_id == participant_id
        )
        return await self.session.scalar(query)

    def add(self, profile: MentorProfile) -> None:
        self.session.add(profile)


class SqlMentoringRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, session: MentoringSession) -> None:
        self.session.add(session)
        await self.session.flush()

    async def get(self, session_id: int) -> MentoringSession | None:
        return await self.session.get(MentoringSession, session_id)

    async def lock(self, session_id: int) -> MentoringSession | None:
        # populate_existing: the row as it is once the lock is ours, not as this unit of work
        # may have read it before. SQLite ignores FOR UPDATE; its one writer serialises instead.
        query = (
            select(MentoringSession)
            .where(sessions.c.id == session_id)
            .with_for_update()
            .execution_options(populate_existing=True)
        )
        return await self.session.scalar(query)

    async def mentor_sessions(
        self, event_id: int, mentor_id: int, since: datetime
    ) -> list[MentoringSession]:
        query = select(MentoringSession).where(
            sessions.c.event_id == event_id,
            sessions.c.mentor_id == mentor_id,
            sessions.c.status == SessionStatus.SCHEDULED,
            sessions.c.ends_at > since,
        )
        return list(await self.session.scalars(query.order_by(sessions.c.starts_at)))

    async def starting_between(
        self, event_id: int, start: datetime, end: datetime
    ) -> list[MentoringSession]:
        query = select(MentoringSession).where(
            sessions.c.event_id == event_id,
            sessions.c.status == SessionStatus.SCHEDULED,
            sessions.c.starts_at >= start,
            sessions.c.starts_at < end,
        )
        return list(await self.session.scalars(query.order_by(sessions.c.starts_at)))

    async def browse(self, query: SessionQuery) -> tuple[list[Listing], int]:
        conditions = _browse_conditions(query)
        counted = select(func.count()).select_from(_joined()).where(*conditions)
        total = int(await self.session.scalar(counted) or 0)
        if total == 0:
            return [], 0
        shown = _listing_select().where(*conditions)
        shown = shown.order_by(sessions.c.starts_at, sessions.c.id).limit(query.limit)
        return await self._listings(shown), total

    async def listings(self, session_ids: Sequence[int]) -> list[Listing]:
        if not session_ids:
            return []
        query = _listing_select().where(sessions.c.id.in_(sorted(set(session_ids))))
        return await self._listings(query.order_by(sessions.c.starts_at, sessions.c.id))

    async def commitments(
        self, event_id: int, participant_id: int, span: Interval, now: datetime
    ) -> list[Listing]:
        holds = select(bookings.c.session_id).where(
            bookings.c.participant_id == participant_id,
            bookings.c.state.in_((BookingState.BOOKED, BookingState.WAITLISTED)),
        )
        query = _listing_select().where(
            sessions.c.event_id == event_id,
            sessions.c.status == SessionStatus.SCHEDULED,
            sessions.c.ends_at > now,
            sessions.c.starts_at < span.end,
            sessions.c.ends_at > span.start,
            (sessions.c.mentor_id == participant_id) | sessions.c.id.in_(holds),
        )
        return await self._listings(query.order_by(sessions.c.starts_at, sessions.c.id))

    async def add_booking(self, booking: Booking) -> None:
        self.session.add(booking)
        await self.session.flush()

    async def bookings(self, session_id: int) -> list[Booking]:
        query = (
            select(Booking)
            .where(bookings.c.session_id == session_id)
            .order_by(bookings.c.created_at, bookings.c.id)
        )
        return list(await self.session.scalars(query))

    async def booking_of(self, session_id: int, participant_id: int) -> Booking | None:
        query = select(Booking).where(
            bookings.c.session_id == session_id, bookings.c.participant_id == participant_id
        )
        return await self.session.scalar(query)

    async def bookings_of(
        self, event_id: int, participant_id: int, since: datetime
    ) -> list[Booking]:
        query = (
            select(Booking)
            .join(sessions, sessions.c.id == bookings.c.session_id)
            .where(
                bookings.c.event_id == event_id,
                bookings.c.participant_id == participant_id,
                bookings.c.state.in_((BookingState.BOOKED, BookingState.WAITLISTED)),
                sessions.c.status == SessionStatus.SCHEDULED,
                sessions.c.ends_at > since,
            )
            .order_by(sessions.c.starts_at)
        )
        return list(await self.session.scalars(query))

    async def _listings(self, query: Select[Any]) -> list[Listing]:
        rows = await self.session.execute(query)
        return [
            Listing(row[0], row.name, row.affiliation, row.sector, row.booked, row.waitlisted)
            for row in rows
        ]


def _joined() -> Any:
    return sessions.join(
        profiles,
        (profiles.c.participant_id == sessions.c.mentor_id)
        & (profiles.c.event_id == sessions.c.event_id),
    )


def _seats(state: BookingState) -> Any:
    return (
        select(func.count())
        .where(bookings.c.session_id == sessions.c.id, bookings.c.state == state)
        .correlate(sessions)
        .scalar_subquery()
    )


def _listing_select() -> Select[Any]:
    return (
        select(
            MentoringSession,
            participants.c.name,
            profiles.c.affiliation,
            profiles.c.sector,
            _seats(BookingState.BOOKED).label("booked"),
            _seats(BookingState.WAITLISTED).label("waitlisted"),
        )
        .select_from(_joined())
        .join(participants, participants.c.id == sessions.c.mentor_id)
    )


def _browse_conditions(query: SessionQuery) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [
        sessions.c.event_id == query.event_id,
        sessions.c.status == SessionStatus.SCHEDULED,
        sessions.c.ends_at > query.now,
        profiles.c.suspended == false(),
    ]
    if query.starts_from is not None:
        conditions.append(sessions.c.starts_at >= query.starts_from)
    if query.starts_before is not None:
        conditions.append(sessions.c.starts_at < query.starts_before)
    if query.words:
        # Words are [0-9a-z]+ (bot.domain.search), so nothing in them is a LIKE wildcard.
        document = sessions.c.search_text + literal(" ") + profiles.c.search_text
        conditions.extend(document.contains(f" {word}") for word in query.words)
    if query.free_only:
        conditions.append(sessions.c.capacity > _seats(BookingState.BOOKED))
    return conditions
