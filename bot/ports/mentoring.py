"""Mentor profiles, mentoring sessions and bookings, and meeting rooms."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from bot.domain.mentoring import Booking, MentoringSession, MentorProfile, Sector
from bot.domain.rooms import Room
from bot.timerules import Interval


@dataclass(frozen=True)
class SessionQuery:
    """Live sessions of one event not yet over at `now`, narrowed by start, words and seats."""

    event_id: int
    now: datetime
    starts_from: datetime | None = None
    starts_before: datetime | None = None
    words: tuple[str, ...] = ()  # normalised; each must start a word of the session or mentor
    free_only: bool = False
    limit: int = 15


@dataclass(frozen=True)
class Listing:
    """A session as people browse it: who holds it and how full it is."""

    session: MentoringSession
    mentor_name: str
    affiliation: str
    sector: Sector
    booked: int
    waitlisted: int

    @property
    def free(self) -> int:
        return max(self.session.capacity - self.booked, 0)


class MentorRepository(Protocol):
    async def for_participant(self, event_id: int, participant_id: int) -> MentorProfile | None: ...

    def add(self, profile: MentorProfile) -> None: ...


class MentoringRepository(Protocol):
    async def add(self, session: MentoringSession) -> None:
        """Store a new session; its id is set on return (room and notice keys need it)."""
        ...

    async def get(self, session_id: int) -> MentoringSession | None: ...

    async def lock(self, session_id: int) -> MentoringSession | None:
        """The session, locked until the transaction ends, so seats are counted one booking at
        a time (PostgreSQL: SELECT … FOR UPDATE; SQLite's single writer already serialises)."""
        ...

    async def mentor_sessions(
        self, event_id: int, mentor_id: int, since: datetime
    ) -> list[MentoringSession]:
        """A mentor's live sessions that end after `since`, earliest first."""
        ...

    async def starting_between(
        self, event_id: int, start: datetime, end: datetime
    ) -> list[MentoringSession]:
        """Live sessions starting in [start, end), earliest first (for reminders)."""
        ...

    async def browse(self, query: SessionQuery) -> tuple[list[Listing], int]:
        """The first `query.limit` matches, earliest first, and how many match in all."""
        ...

    async def listings(self, session_ids: Sequence[int]) -> list[Listing]: ...

    async def commitments(
        self, event_id: int, participant_id: int, span: Interval, now: datetime
    ) -> list[Listing]:
        """Live sessions not over at `now` overlapping `span` that this person mentors, or
        holds a seat or waitlist place in."""
        ...

    async def add_booking(self, booking: Booking) -> None:
        """Store a new booking; its id is set on return (it breaks ties in the queue)."""
        ...

    async def bookings(self, session_id: int) -> list[Booking]:
        """Every booking of a session, in queue order (created_at, then id)."""
        ...

    async def booking_of(self, session_id: int, participant_id: int) -> Booking | None: ...

    async def bookings_of(
        self, event_id: int, participant_id: int, since: datetime
    ) -> list[Booking]:
        """A person's booked or waitlisted places in live sessions ending after `since`."""
        ...


class RoomRepository(Protocol):
    async def get(self, key: str, platform: str) -> Room | None: ...

    async def open_on(self, event_id: int, platform: str) -> list[Room]:
        """The rooms open on a platform now."""
        ...

    def add(self, room: Room) -> None: ...
