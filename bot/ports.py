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

from bot.domain.audit import AuditEntry
from bot.domain.delivery import Delivery, DeliveryStatus
from bot.domain.participants import Account, Participant, Role
from bot.domain.socials import Rsvp, Social, SocialSlot
from bot.domain.work import Work
from bot.event import Event, EventConfig
from bot.messages import Message


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


class AuditRepository(Protocol):
    def add(self, entry: AuditEntry) -> None: ...

    async def for_subject(self, subject: str) -> list[AuditEntry]: ...


class UnitOfWork(Protocol):
    """One transaction. Nothing is stored unless `commit()` is awaited before leaving."""

    events: EventRepository
    participants: ParticipantRepository
    accounts: AccountRepository
    outbox: OutboxRepository
    work: WorkRepository
    socials: SocialRepository
    rsvps: RsvpRepository
    audit: AuditRepository
    schedule: ScheduleRepository

    async def commit(self) -> None: ...

    async def rollback(self) -> None: ...

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

    async def resolve_user(self, participant: Participant) -> str | None:
        """The platform user id of a participant with no linked account (Slack can look one up
        by e-mail), or None."""
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
