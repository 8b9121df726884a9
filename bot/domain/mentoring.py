"""Mentoring: a mentor's profile, the sessions they hold and the seats booked in them.

The rules of the call, pure: where a start may fall, how long and how large a session may be,
that a mentor never overlaps themselves, and who gets a seat and who waits. No I/O here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from bot.domain.search import search_text
from bot.errors import InvalidInput
from bot.event import EventConfig
from bot.timerules import Interval

MIN_MINUTES, MAX_MINUTES = 15, 120
BIO_LIMIT = 600
NOTE_LIMIT = 500
FORMAT_NOTE_LIMIT = 500
ADHOC_MINUTES = 30
ADHOC_CAPACITY = 5  # small: an ad-hoc session is a conversation, not a lecture


class Sector(StrEnum):
    ACADEMIC = "academic"
    INDUSTRY = "industry"
    OTHER = "other"


class SessionStatus(StrEnum):
    SCHEDULED = "scheduled"  # also while it runs and after its planned end: time tells
    CANCELLED = "cancelled"
    ENDED = "ended"  # ended early by its mentor (or a chair); `ended_at` says when


class BookingState(StrEnum):
    BOOKED = "booked"
    WAITLISTED = "waitlisted"
    CANCELLED = "cancelled"


@dataclass(eq=False)
class MentorProfile:
    """A participant who volunteered to mentor at one event."""

    event_id: int
    participant_id: int
    affiliation: str
    sector: Sector
    topics: list[str]
    bio: str
    suspended: bool = False
    search_text: str = ""  # normalised words of the topics, bio and name, for browsing
    id: int = field(init=False)

    def describe(
        self, name: str, affiliation: str, sector: Sector, topics: list[str], bio: str
    ) -> None:
        if len(bio) > BIO_LIMIT:
            raise InvalidInput.at("bio", f"The bio is {len(bio):,} characters; {BIO_LIMIT} fit.")
        self.affiliation, self.sector, self.topics, self.bio = affiliation, sector, topics, bio
        self.search_text = search_text(name, affiliation, *topics, bio)


@dataclass(eq=False)
class MentoringSession:
    event_id: int
    mentor_id: int  # the mentor's participant id
    starts_at: datetime
    minutes: int
    capacity: int
    topics: list[str]
    format_note: str
    video_url: str
    video_generated: bool  # Hallway made the link (the mentor gave none)
    adhoc: bool = False
    status: SessionStatus = SessionStatus.SCHEDULED
    ended_at: datetime | None = None
    search_text: str = ""
    ends_at: datetime = field(init=False)  # the planned end, stored for range queries
    id: int = field(init=False)

    def __post_init__(self) -> None:
        self.ends_at = self.starts_at + timedelta(minutes=self.minutes)
        self.search_text = search_text(*self.topics)

    @property
    def planned(self) -> Interval:
        return Interval(self.starts_at, self.ends_at)

    @property
    def finishes_at(self) -> datetime:
        """When it is (or was) over: the planned end, or earlier when ended early."""
        return self.ended_at if self.ended_at is not None else self.ends_at

    def is_live(self) -> bool:
        """Not cancelled and not ended early (it may still be over by the clock)."""
        return self.status == SessionStatus.SCHEDULED

    def has_started(self, now: datetime) -> bool:
        return self.starts_at <= now

    def is_over(self, now: datetime) -> bool:
        return not self.is_live() or self.finishes_at <= now

    def move(self, starts_at: datetime, minutes: int) -> None:
        self.starts_at, self.minutes = starts_at, minutes
        self.ends_at = starts_at + timedelta(minutes=minutes)

    def retopic(self, topics: list[str], format_note: str) -> None:
        self.topics, self.format_note = topics, format_note
        self.search_text = search_text(*topics)

    def end(self, now: datetime) -> None:
        self.status, self.ended_at = SessionStatus.ENDED, now

    def cancel(self) -> None:
        self.status = SessionStatus.CANCELLED


@dataclass(eq=False)
class Booking:
    """One person's seat (or place in the queue) in one session; `created_at` orders the queue."""

    event_id: int
    session_id: int
    participant_id: int
    note: str
    state: BookingState
    created_at: datetime
    id: int = field(init=False)

    @property
    def holds_place(self) -> bool:
        return self.state in (BookingState.BOOKED, BookingState.WAITLISTED)


# --- the rules ---


def check_start(start: datetime, now: datetime, event: EventConfig) -> None:
    if start < now:
        raise InvalidInput.at(
            "start", "That time has passed. For a session right now, use /mentor now."
        )
    if not event.window.contains(start):
        raise InvalidInput.at("start", outside_window(event, "A session must start"))


def outside_window(event: EventConfig, subject: str) -> str:
    """`subject` + the conference dates, e.g. "Ad-hoc sessions run during ICML 2021, from…"."""
    first, last = event.first_day, event.last_day
    return (
        f"{subject} during {event.name}, from {first.day} {first:%B %Y} to "
        f"{last.day} {last:%B %Y} (on one of those dates somewhere on Earth)."
    )


def check_minutes(minutes: int) -> None:
    if not MIN_MINUTES <= minutes <= MAX_MINUTES:
        raise InvalidInput.at(
            "minutes", f"A session lasts from {MIN_MINUTES} to {MAX_MINUTES} minutes."
        )


def check_capacity(capacity: int, max_capacity: int) -> None:
    if not 1 <= capacity <= max_capacity:
        raise InvalidInput.at(
            "capacity",
            f"Capacity must be from 1 (one-to-one) to {max_capacity}, the most this event allows.",
        )


def check_note(note: str) -> None:
    if len(note) > NOTE_LIMIT:
        raise InvalidInput.at("note", f"The note is {len(note):,} characters; {NOTE_LIMIT} fit.")


def clashes(
    span: Interval, sessions: Iterable[MentoringSession], now: datetime, *, skip: int | None = None
) -> list[MentoringSession]:
    """The live sessions among `sessions` that overlap `span` (a mentor's own calendar)."""
    return [
        session
        for session in sessions
        if getattr(session, "id", None) != skip
        and not session.is_over(now)
        and Interval(session.starts_at, session.finishes_at).overlaps(span)
    ]


def seat_for(capacity: int, booked: int) -> BookingState:
    """First come, first served: a seat while there is one, the waitlist after."""
    return BookingState.BOOKED if booked < capacity else BookingState.WAITLISTED


def queue_order(bookings: Iterable[Booking]) -> list[Booking]:
    return sorted(bookings, key=lambda booking: (booking.created_at, booking.id))


def to_promote(capacity: int, bookings: Sequence[Booking]) -> list[Booking]:
    """Waitlisted bookings that now get a seat, oldest first, while seats are free."""
    free = capacity - sum(1 for booking in bookings if booking.state == BookingState.BOOKED)
    waiting = [b for b in queue_order(bookings) if b.state == BookingState.WAITLISTED]
    return waiting[: max(free, 0)]


def waitlist_position(booking: Booking, bookings: Sequence[Booking]) -> int:
    """1 for the next in line."""
    waiting = [b for b in queue_order(bookings) if b.state == BookingState.WAITLISTED]
    return next(index for index, b in enumerate(waiting, start=1) if b.id == booking.id)
