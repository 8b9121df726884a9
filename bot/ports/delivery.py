"""The outbox and scheduled work: what waits to be sent or done, and the scheduler's reads."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from bot.domain.delivery import Delivery, DeliveryStatus
from bot.domain.socials import Social
from bot.domain.work import Work


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
