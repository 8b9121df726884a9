"""Socials, RSVPs, the programme, the audit log and conduct reports."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from bot.domain.audit import AuditEntry
from bot.domain.balance import Proposal
from bot.domain.conduct import ConductReport, ReportStatus
from bot.domain.programme import ListedSlot, Place
from bot.domain.socials import Category, QueueState, Rsvp, Social, SocialSlot


class SocialRepository(Protocol):
    async def get(self, social_id: int, *, for_update: bool = False) -> Social | None:
        """With `for_update`, the row is locked until the transaction ends (PostgreSQL), so
        two chairs or leads acting at once are applied one after the other."""
        ...

    def add(self, social: Social) -> None: ...

    async def for_event(self, event_id: int) -> list[Social]:
        """Every proposal of the event, with leads, slots and suggestions loaded."""
        ...

    async def many(self, social_ids: Sequence[int]) -> list[Social]:
        """These proposals, in id order, with leads, slots and suggestions loaded."""
        ...

    async def states(self, event_id: int) -> dict[int, QueueState]:
        """Every proposal's `Social.state` by id, read without loading the proposals."""
        ...

    async def led_by(self, event_id: int, participant_id: int) -> list[Social]: ...

    async def public(self, event_id: int) -> list[Social]:
        """Accepted, released and standing: the programme."""
        ...

    async def slot(self, slot_id: int) -> SocialSlot | None: ...


class RsvpRepository(Protocol):
    def add(self, rsvp: Rsvp) -> None: ...

    async def live_for_slot(self, slot_id: int, *, for_update: bool = False) -> list[Rsvp]:
        """RSVPs not cancelled, going first then the waitlist, each in order of arrival."""
        ...

    async def live_of(self, participant_id: int) -> list[Rsvp]: ...

    async def going_counts(self, slot_ids: Sequence[int]) -> dict[int, int]:
        """How many are going (not waitlisted, not cancelled) per slot."""
        ...


class ProgrammeRepository(Protocol):
    """Read-only views of the programme, narrowed in the database so that a query reads only
    what it may show. Listed slots are those of public socials (`Social.is_public`)."""

    async def slots(
        self,
        event_id: int,
        *,
        starts_from: datetime | None = None,
        starts_before: datetime | None = None,
        categories: Sequence[Category] = (),
        social_ids: Sequence[int] | None = None,
        slot_ids: Sequence[int] | None = None,
        led_by: int | None = None,
    ) -> list[ListedSlot]:
        """Public slots starting in [starts_from, starts_before), with counts and leads."""
        ...

    async def public_tags(self, event_id: int) -> dict[int, list[str]]:
        """The tags of each public social, by social id."""
        ...

    async def longest_minutes(self, event_id: int) -> int:
        """The longest duration of a public social (0 when there is none)."""
        ...

    async def places_of(self, event_id: int, participant_id: int) -> dict[int, Place]:
        """A person's live RSVPs to public slots, by slot id, with waitlist positions."""
        ...

    async def standing_proposals(self, event_id: int) -> list[Proposal]:
        """Proposals neither withdrawn, combined away nor rejected, with slots and leads."""
        ...


class AuditRepository(Protocol):
    def add(self, entry: AuditEntry) -> None: ...

    async def for_subject(self, subject: str) -> list[AuditEntry]: ...


class ConductReportRepository(Protocol):
    async def add(self, report: ConductReport) -> None:
        """Store a new report and give it its id."""
        ...

    async def get(self, event_id: int, report_id: int) -> ConductReport | None:
        """The report, claimed for this transaction (two team members handling it at once
        cannot both succeed)."""
        ...

    async def listed(self, event_id: int, status: ReportStatus | None) -> list[ConductReport]:
        """Reports of the event, newest first; `None`: every status."""
        ...
