"""The ports: what the core needs from the outside world, as protocols.

Storage implements the unit of work and repositories (`storage/`); each chat platform implements
a `Messenger` (`adapters/`). The composition root (`bot.bootstrap`) wires them together.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from types import TracebackType
from typing import Protocol, Self

from bot.calendars.entries import SessionFacts, SocialSlotFacts
from bot.calendars.ties import Ties
from bot.calendars.versions import Version
from bot.domain.audit import AuditEntry
from bot.domain.balance import Proposal
from bot.domain.calendar import CalendarEntry, PublishedEvent
from bot.domain.conduct import ConductReport, ReportStatus
from bot.domain.delivery import Delivery, DeliveryStatus
from bot.domain.mentoring import Booking, MentoringSession, MentorProfile, Sector
from bot.domain.participants import Account, Participant, Role
from bot.domain.programme import ListedSlot, Place
from bot.domain.rooms import Room
from bot.domain.socials import Category, Rsvp, Social, SocialSlot
from bot.domain.stats import FanoutLine
from bot.domain.work import Work
from bot.event import Event, EventConfig
from bot.messages import Message
from bot.timerules import Interval


@dataclass(frozen=True)
class Registration:
    """One accepted row of a participants import. `None`: the file had no such column (or the
    cell was empty), so an update keeps what was stored."""

    email: str
    name: str
    registration_id: str | None
    roles: frozenset[Role] | None


class EventRepository(Protocol):
    async def save(self, config: EventConfig) -> Event:
        """Insert or update the event with this slug."""
        ...

    async def by_slug(self, slug: str) -> Event | None: ...

    async def get(self, event_id: int) -> Event | None: ...


class ParticipantRepository(Protocol):
    async def get(self, participant_id: int) -> Participant | None: ...

    async def get_many(self, participant_ids: Sequence[int]) -> list[Participant]: ...

    async def by_email(self, event_id: int, email: str) -> Participant | None: ...

    async def by_registration_id(
        self, event_id: int, registration_id: str
    ) -> Participant | None: ...

    async def by_account(self, event_id: int, platform: str, user_id: str) -> Participant | None:
        """The participant a chat account is linked to."""
        ...

    async def with_role(self, event_id: int, role: Role) -> list[Participant]: ...

    async def count(self, event_id: int) -> int: ...

    def add(self, participant: Participant) -> None: ...

    async def upsert_registrations(
        self, event_id: int, rows: Sequence[Registration]
    ) -> tuple[int, int]:
        """Insert new e-mails, update known ones; returns (added, updated)."""
        ...

    async def registration_owners(
        self, event_id: int, registration_ids: Sequence[str]
    ) -> dict[str, str]:
        """E-mail already holding each given registration id."""
        ...


class AccountRepository(Protocol):
    async def find(self, event_id: int, platform: str, user_id: str) -> Account | None: ...

    async def for_participant(self, participant_id: int, platform: str) -> Account | None: ...

    async def for_participants(
        self, participant_ids: Sequence[int], platform: str
    ) -> dict[int, Account]: ...

    def add(self, account: Account) -> None: ...


class SlackEventRepository(Protocol):
    async def record(self, event_id: str, received_at: datetime) -> bool:
        """Remember a Slack event id; False when it was seen before (Slack retried a delivery)."""
        ...

    async def forget_before(self, instant: datetime) -> int:
        """Drop ids received before `instant` (Slack stops retrying within the hour)."""
        ...


class OutboxRepository(Protocol):
    async def enqueue(self, deliveries: Sequence[Delivery]) -> int:
        """Queue deliveries whose (platform, key) is new; returns how many were queued."""
        ...

    async def due(
        self,
        platform: str,
        now: datetime,
        limit: int,
        after: tuple[datetime, int] | None = None,
    ) -> list[Delivery]:
        """Pending deliveries due by `now`, oldest first (by due time, then id); with `after`,
        only those past that (due time, id): the next page of one round."""
        ...

    async def next_due(self, platform: str) -> datetime | None:
        """When the earliest pending delivery on `platform` falls due."""
        ...

    async def get(self, delivery_id: int) -> Delivery | None: ...

    async def by_fanout(self, fanout: str) -> list[Delivery]: ...

    async def cancel(self, key_prefix: str) -> int:
        """Mark pending deliveries whose key starts with the prefix as skipped."""
        ...

    async def pending(self, key_prefix: str, recipient: str) -> list[Delivery]:
        """Pending deliveries to `recipient` whose key starts with the prefix."""
        ...

    async def sent_ref(self, platform: str, key: str) -> str | None:
        """The platform's reference of the message posted under `key`, once sent."""
        ...

    async def by_key(self, platform: str, key: str) -> Delivery | None: ...

    async def add_new(self, deliveries: Sequence[Delivery]) -> None:
        """Queue many at once (a fan-out), skipping any whose (platform, key) is already there."""
        ...

    async def recorded(self, keys: Sequence[str]) -> set[tuple[str, str]]:
        """The (platform, key) pairs among `keys` already in the outbox, whatever their state."""
        ...

    async def claim(self, delivery_id: int, token: str, address: str, at: datetime) -> bool:
        """Pending → sending under `token`, unless someone else took it first."""
        ...

    async def mark_sent(self, delivery_id: int, token: str, ref: str, at: datetime) -> bool:
        """Sending → sent, if the attempt under `token` still holds it."""
        ...

    async def in_doubt(self, platform: str, claimed_before: datetime, limit: int) -> list[Delivery]:
        """Deliveries left "sending" since before `claimed_before`: the platform may have them."""
        ...

    async def recent_fanouts(self, event_id: int, limit: int) -> list[FanoutHead]:
        """The latest fan-outs (by their newest due time), newest first."""
        ...

    async def fanout_head(self, event_id: int, fanout: str) -> FanoutHead | None: ...

    async def fanout_lines(self, fanout: str) -> list[DeliveryLine]: ...


@dataclass(frozen=True)
class FanoutHead:
    fanout: str
    title: str | None  # the title of its message, to name it for the chairs
    last_due: datetime


@dataclass(frozen=True)
class DeliveryLine:
    """One delivery of a fan-out, without its message: enough to count and explain."""

    recipient: str
    platform: str
    status: DeliveryStatus
    last_error: str | None


class WorkRepository(Protocol):
    async def get(self, work_id: int) -> Work | None: ...

    async def by_key(self, key: str) -> Work | None: ...

    def add(self, work: Work) -> None: ...

    async def due(self, now: datetime, limit: int) -> list[Work]:
        """Pending work due by `now`, oldest first."""
        ...

    async def next_due_at(self) -> datetime | None:
        """When the earliest pending work falls due (for waking the scheduler)."""
        ...

    async def cancel(self, key_prefix: str) -> int:
        """Mark pending work whose key starts with the prefix as skipped."""
        ...


class SocialRepository(Protocol):
    async def get(self, social_id: int, *, for_update: bool = False) -> Social | None:
        """With `for_update`, the row is locked until the transaction ends (PostgreSQL), so
        two chairs or leads acting at once are applied one after the other."""
        ...

    def add(self, social: Social) -> None: ...

    async def for_event(self, event_id: int) -> list[Social]:
        """Every proposal of the event, with leads, slots and suggestions loaded."""
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


class ScheduleRepository(Protocol):
    """What the scheduler reads to derive due work (reminders, announcements)."""

    async def public_socials_starting(
        self,
        event_id: int,
        since: datetime,
        until: datetime,
        slot_ids: Collection[int] | None = None,
    ) -> list[Social]:
        """Public socials with a slot starting in [since, until] (one of `slot_ids`, if
        given), slots and leads loaded."""
        ...

    async def going(self, slot_ids: Sequence[int]) -> dict[int, list[int]]:
        """Participant ids going to each slot (RSVPed, not waitlisted, not cancelled)."""
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


@dataclass(frozen=True)
class RoomRequest:
    """A meeting room to open: a chat channel and/or a video link, for named people."""

    key: str  # stable, e.g. "mentoring:42"
    name: str
    topic: str
    video_url: str | None
    members: tuple[str, ...]  # platform user ids
    moderators: tuple[str, ...]  # platform user ids with moderator rights
    closes_at: datetime


@dataclass(frozen=True)
class Attempt:
    """One try at posting a message that may or may not have reached the platform (the process
    died, or the answer was lost): what a messenger needs to look for it."""

    key: str  # the outbox key, sent along with the message (see `Messenger.send_direct`)
    address: str  # the user id (direct) or channel id/name (post) the try went to
    direct: bool
    message: Message
    since: datetime  # the try began then (wall clock): the message, if posted, is not older


class Messenger(Protocol):
    """One chat platform's way out. Raises `DeliveryError` when the platform refuses.

    Exactly once: `key` (stable across retries, unique per platform) travels with each message
    so that `was_delivered` can find it later — Slack in the message's metadata, Discord as the
    nonce (with `enforce_nonce`) — and a retry after a lost answer never posts twice.
    """

    platform: str

    async def send_direct(
        self, user_id: str, message: Message, zone: str | None, *, key: str | None = None
    ) -> str:
        """Message a person; returns the platform's reference of the posted message."""
        ...

    async def post(self, channel: str, message: Message, *, key: str | None = None) -> str:
        """Post in a channel (an id or a name from the event file); returns its reference."""
        ...

    async def was_delivered(self, attempt: Attempt) -> str | None:
        """The reference of the message posted under `attempt.key` at `attempt.address`, if the
        platform has it; None when it certainly does not. Raise `DeliveryError` when it cannot
        tell (the platform is down): the question is asked again later."""
        ...

    async def update(self, ref: str, message: Message) -> None:
        """Replace a message posted earlier (a review card changes state)."""
        ...

    async def open_room(self, room: RoomRequest) -> str:
        """Open a room; returns its reference (channel id) for closing."""
        ...

    async def close_room(self, ref: str) -> None: ...

    async def add_to_room(self, ref: str, user_ids: Sequence[str]) -> None:
        """Let more people into an open room (someone booked after it opened)."""
        ...

    async def resolve_user(self, participant: Participant) -> str | None:
        """The platform user id of a participant with no linked account (Slack can look one up
        by e-mail), or None."""
        ...

    async def publish_event(self, key: str, entry: CalendarEntry, ref: str | None) -> str | None:
        """Show `entry` in the platform's calendar: create it (`ref` None) or replace the one
        published as `ref`. Returns its reference, or None where the platform has no calendar."""
        ...

    async def withdraw_event(self, ref: str) -> None:
        """Call off a published calendar event (its session was withdrawn or cancelled)."""
        ...


class DeliveryError(Exception):
    """A platform refused or failed a delivery. `retry_after` is set when it asked to wait."""

    def __init__(
        self,
        reason: str,
        *,
        retry_after: float | None = None,
        permanent: bool = False,
        maybe_delivered: bool = False,
    ):
        super().__init__(reason)
        self.reason = reason
        self.retry_after = retry_after
        self.permanent = permanent
        # The request left and no clear answer came back (a timeout, a dropped connection, a
        # 5xx): the platform may have posted it. The dispatcher asks `was_delivered` later.
        self.maybe_delivered = maybe_delivered


# --- mentoring and rooms ---


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
