"""Due work derived from the database: what a source says is due, and how its keys are made.

A `DueSource` looks at domain state (slots and RSVPs; mentoring sessions and bookings) and says
which messages are due by now. Nothing remembers what was sent: each item's key — subject,
start instant, audience, offset and person — is unique, and the outbox refuses a key twice. A
session that moves has a new start, hence new keys; the old ones are no longer derived, and the
dispatcher drops any still waiting (see `deriving.DueWork.stale`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import Protocol

from bot.app import Hallway
from bot.delivery.outbox import channel_key, person_key
from bot.domain.delivery import ChannelRole, to_channel, to_person
from bot.messages import Message
from bot.ports import UnitOfWork


@dataclass(frozen=True)
class DueItem:
    subject: str  # what meets: "social-slot:42", "mentoring:17"
    key: str  # the outbox key, recipient included
    recipient: str  # person:<id> or channel:<role>
    due_at: datetime
    useful_until: datetime  # later than this it is skipped (a reminder once the session began)
    fanout: str  # one notice to many: chairs see "n of m delivered" per fan-out
    series: str  # of the due items in one series, only the latest is sent (the others superseded)
    compose: Callable[[], Message]  # built only when the item is queued
    too_late: str = "no longer useful"  # why it is skipped once `useful_until` has passed


class DueSource(Protocol):
    """Something that meets at set times and needs reminders and announcements."""

    name: str  # also the first part of its items' subjects: "social-slot" → "social-slot:42"

    async def due(
        self,
        hw: Hallway,
        uow: UnitOfWork,
        now: datetime,
        subjects: frozenset[str] | None = None,
    ) -> list[DueItem]:
        """Every item due by `now` that may still matter: at least those whose `useful_until`
        is after `now` (the caller skips the others, so returning a few stale ones is fine).

        Called every second (`subjects` None: everything), and before each batch is sent with
        the batch's `subjects`, when only those are needed (returning more is harmless but
        slower). Keep it to indexed reads."""
        ...


@lru_cache(maxsize=4096)  # a tick stamps the same few starts for thousands of people
def stamp(instant: datetime) -> str:
    """An instant as it appears in keys: 20210719T150000Z."""
    return instant.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def reminder(
    subject: str,
    start: datetime,
    audience: str,
    offset_minutes: int,
    participant_id: int,
    compose: Callable[[], Message],
) -> DueItem:
    """A direct message `offset_minutes` before `start`, useful until the start.

    `subject` names what meets, e.g. "social-slot:42" or "mentoring:17"; `audience` says why
    this person hears of it ("lead", "attendee", "mentor", "mentee")."""
    series = f"remind:{subject}@{stamp(start)}:{audience}"
    fanout = f"{series}:{offset_minutes}m"
    return DueItem(
        subject=subject,
        key=person_key(fanout, participant_id),
        recipient=to_person(participant_id),
        due_at=start - timedelta(minutes=offset_minutes),
        useful_until=start,
        fanout=fanout,
        series=person_key(series, participant_id),
        compose=compose,
        too_late="the session had already started",
    )


def announcement(
    subject: str,
    start: datetime,
    end: datetime,
    role: ChannelRole,
    compose: Callable[[], Message],
) -> DueItem:
    """A post in a channel as the session starts, useful while it runs."""
    base = f"announce:{subject}@{stamp(start)}"
    key = channel_key(base, role)
    return DueItem(
        subject=subject,
        key=key,
        recipient=to_channel(role),
        due_at=start,
        useful_until=end,
        fanout=base,
        series=key,
        compose=compose,
        too_late="the session was already over",
    )


def once(compose: Callable[[], Message]) -> Callable[[], Message]:
    """The same message for everyone reminded of one session: built once, when first needed."""
    built: list[Message] = []

    def build() -> Message:
        if not built:
            built.append(compose())
        return built[0]

    return build
