"""The unit of work: one session, one transaction, rolled back unless committed."""

from __future__ import annotations

from types import TracebackType
from typing import Any, Self

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.ports import (
    AccountRepository,
    AuditRepository,
    CalendarRepository,
    ConductReportRepository,
    EventRepository,
    MentoringRepository,
    MentorRepository,
    OutboxRepository,
    ParticipantRepository,
    ProgrammeRepository,
    PublishedEventRepository,
    RecordsRepository,
    RoomRepository,
    RsvpRepository,
    ScheduleRepository,
    SlackEventRepository,
    SocialRepository,
    WorkRepository,
)
from storage.outage import lost_connection, unavailable
from storage.repositories.calendars import SqlCalendarRepository
from storage.repositories.conduct import SqlConductReportRepository
from storage.repositories.events import SqlEventRepository
from storage.repositories.mentoring import SqlMentoringRepository, SqlMentorRepository
from storage.repositories.outbox import SqlOutboxRepository
from storage.repositories.participants import SqlAccountRepository, SqlParticipantRepository
from storage.repositories.programme import SqlProgrammeRepository
from storage.repositories.published_events import SqlPublishedEventRepository
from storage.repositories.records import SqlRecordsRepository
from storage.repositories.rooms import SqlRoomRepository
from storage.repositories.schedule import SqlScheduleRepository
from storage.repositories.slack_events import SqlSlackEventRepository
from storage.repositories.socials import (
    SqlAuditRepository,
    SqlRsvpRepository,
    SqlSocialRepository,
)
from storage.repositories.work import SqlWorkRepository


class SqlUnitOfWork:
    # Typed as the core's ports: the core sees the protocol, never the SQL class.
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

    def __init__(self, sessions: async_sessionmaker[Any]) -> None:
        self._sessions = sessions
        self._session: AsyncSession | None = None
        self._committing = False

    async def __aenter__(self) -> Self:
        session: AsyncSession = self._sessions()
        self._session = session
        self.events = SqlEventRepository(session)
        self.slack_events = SqlSlackEventRepository(session)
        self.participants = SqlParticipantRepository(session)
        self.accounts = SqlAccountRepository(session)
        self.outbox = SqlOutboxRepository(session)
        self.work = SqlWorkRepository(session)
        self.socials = SqlSocialRepository(session)
        self.rsvps = SqlRsvpRepository(session)
        self.audit = SqlAuditRepository(session)
        self.schedule = SqlScheduleRepository(session)
        self.conduct = SqlConductReportRepository(session)
        self.mentors = SqlMentorRepository(session)
        self.mentoring = SqlMentoringRepository(session)
        self.rooms = SqlRoomRepository(session)
        self.programme = SqlProgrammeRepository(session)
        self.published_events = SqlPublishedEventRepository(session)
        self.calendars = SqlCalendarRepository(session)
        self.records = SqlRecordsRepository(session)
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        # close() rolls back whatever was not committed, and, unlike rollback(), leaves the
        # objects read so far readable after the unit of work ends.
        session = self._require()
        self._session = None
        committing, self._committing = self._committing, False
        try:
            await session.close()
        except Exception as closing:
            if not lost_connection(closing):
                raise
            # The connection died, and its transaction with it: nothing is left to roll back.
        if exc is not None and lost_connection(exc):
            raise unavailable(exc, while_committing=committing) from exc

    async def commit(self) -> None:
        self._committing = True
        await self._require().commit()
        self._committing = False

    async def rollback(self) -> None:
        await self._require().rollback()

    async def flush(self) -> None:
        await self._require().flush()

    @property
    def session(self) -> AsyncSession:
        return self._require()

    def _require(self) -> AsyncSession:
        if self._session is None:
            raise RuntimeError("unit of work used outside `async with`")
        return self._session
