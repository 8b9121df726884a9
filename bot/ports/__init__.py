"""The ports: what the core needs from the outside world, as protocols.

Storage implements the unit of work and repositories (`storage/`); each chat platform implements
a `Messenger` (`adapters/`). The composition root (`bot.bootstrap`) wires them together.
One module per area; everything is importable from `bot.ports`.
"""

from bot.ports.calendars import CalendarRepository, PublishedEventRepository, RecordsRepository
from bot.ports.delivery import (
    DeliveryLine,
    FanoutHead,
    OutboxRepository,
    ScheduleRepository,
    WorkRepository,
)
from bot.ports.mentoring import (
    Listing,
    MentoringRepository,
    MentorRepository,
    RoomRepository,
    SessionQuery,
)
from bot.ports.people import (
    AccountRepository,
    EventRepository,
    ParticipantRepository,
    Registration,
    SlackEventRepository,
)
from bot.ports.platforms import Attempt, DeliveryError, Messenger, RoomRequest
from bot.ports.socials import (
    AuditRepository,
    ConductReportRepository,
    ProgrammeRepository,
    RsvpRepository,
    SocialRepository,
)
from bot.ports.unit_of_work import UnitOfWork, UnitOfWorkFactory

__all__ = [
    "AccountRepository",
    "Attempt",
    "AuditRepository",
    "CalendarRepository",
    "ConductReportRepository",
    "DeliveryError",
    "DeliveryLine",
    "EventRepository",
    "FanoutHead",
    "Listing",
    "MentorRepository",
    "MentoringRepository",
    "Messenger",
    "OutboxRepository",
    "ParticipantRepository",
    "ProgrammeRepository",
    "PublishedEventRepository",
    "RecordsRepository",
    "Registration",
    "RoomRepository",
    "RoomRequest",
    "RsvpRepository",
    "ScheduleRepository",
    "SessionQuery",
    "SlackEventRepository",
    "SocialRepository",
    "UnitOfWork",
    "UnitOfWorkFactory",
    "WorkRepository",
]
