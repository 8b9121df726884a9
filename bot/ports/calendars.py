"""Published calendar events, calendar feeds and the chairs' records."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from bot.calendars.entries import SessionFacts, SocialSlotFacts
from bot.calendars.ties import Ties
from bot.calendars.versions import Version
from bot.domain.audit import AuditEntry
from bot.domain.calendar import PublishedEvent
from bot.domain.mentoring import Booking, MentoringSession, MentorProfile
from bot.domain.stats import FanoutLine


class PublishedEventRepository(Protocol):
    async def on_platform(self, event_id: int, platform: str) -> list[PublishedEvent]: ...

    async def by_key(self, event_id: int, platform: str, key: str) -> PublishedEvent | None: ...

    def add(self, published: PublishedEvent) -> None: ...

    async def remove(self, published: PublishedEvent) -> None: ...


# --- calendars, chairs' exports and statistics ---


class CalendarRepository(Protocol):
    async def social_slots(self, event_id: int) -> list[SocialSlotFacts]:
        """Slots of every social accepted and released, including those withdrawn or combined
        away since (marked cancelled), earliest first."""
        ...

    async def sessions(self, event_id: int) -> list[SessionFacts]:
        """Every mentoring session of the event, cancelled ones included, earliest first."""
        ...

    async def ties(self, event_id: int, participant_id: int) -> Ties: ...

    async def versions(self, event_id: int) -> dict[str, Version]:
        """Every calendar entry served so far, by UID."""
        ...

    async def store_versions(self, event_id: int, versions: Sequence[Version]) -> None: ...

    async def live_token(self, event_id: int, participant_id: int) -> str | None: ...

    async def add_token(
        self, event_id: int, participant_id: int, token: str, now: datetime
    ) -> None: ...

    async def revoke_tokens(self, event_id: int, participant_id: int, now: datetime) -> int: ...

    async def token_owner(self, event_id: int, token: str) -> int | None:
        """The participant whose live (not revoked) token this is."""
        ...


class RecordsRepository(Protocol):
    """Whole-event reads for the chairs' exports and statistics."""

    async def rsvp_counts(self, event_id: int) -> dict[int, tuple[int, int]]:
        """(going, waiting) per slot id, live RSVPs only."""
        ...

    async def audit_log(self, event_id: int) -> list[AuditEntry]: ...

    async def mentors(self, event_id: int) -> list[MentorProfile]: ...

    async def sessions(self, event_id: int) -> list[MentoringSession]: ...

    async def bookings(self, event_id: int) -> list[Booking]:
        """Every booking of the event, in queue order per session."""
        ...

    async def fanout_lines(self, event_id: int) -> list[FanoutLine]:
        """One line per outbox row that belongs to a fan-out."""
        ...
