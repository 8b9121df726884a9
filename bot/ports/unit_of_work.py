"""One transaction over every repository."""

from __future__ import annotations

from collections.abc import Callable
from types import TracebackType
from typing import Protocol, Self

from bot.ports.calendars import CalendarRepository, PublishedEventRepository, RecordsRepository
from bot.ports.delivery import OutboxRepository, ScheduleRepository, WorkRepository
from bot.ports.mentoring import MentoringRepository, MentorRepository, RoomRepository
from bot.ports.people import (
    AccountRepository,
    EventRepository,
    ParticipantRepository,
    SlackEventRepository,
)
from bot.ports.socials import (
    AuditRepository,
    ConductReportRepository,
    ProgrammeRepository,
    RsvpRepository,
    SocialRepository,
)


class UnitOfWork(Protocol):
    """One transaction. Nothing is stored unless `commit()` is awaited before leaving."""

    events: EventRepository
    slack_events: SlackEventRepository
    participants: ParticipantRepository
    accounts: AccountRepository
    outbox: OutboxRepository
    work: WorkRepository
    socials: SocialRepository
    rsvps: RsvpRepository
    audit: AuditRepository
    schedule: ScheduleRepository
    conduct: ConductReportRepository
    mentors: MentorRepository
    mentoring: MentoringRepository
    rooms: RoomRepository
    programme: ProgrammeRepository
    published_events: PublishedEventRepository
    calendars: CalendarRepository
    records: RecordsRepository

    async def commit(self) -> None: ...

    async def rollback(self) -> None: ...

    async def flush(self) -> None:
        """Write what was added so far, so new rows get their ids; nothing is committed."""
        ...

    async def __aenter__(self) -> Self: ...

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...


UnitOfWorkFactory = Callable[[], UnitOfWork]
