"""The outbox: every message Hallway sends is first written here, in the same transaction as
the change that caused it, under a unique key. A dispatcher then delivers it, once.

Recipients are addresses, resolved to platform accounts only at delivery time:
`person:<participant id>`, `channel:<chairs|announcements|mentoring|conduct>`, or
`post:<key>` — an edit of the message posted earlier under that key (a review card).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from bot.messages import Message


class DeliveryStatus(StrEnum):
    PENDING = "pending"
    SENDING = "sending"  # handed to the platform under `token`; on recovery, ask the platform
    SENT = "sent"
    FAILED = "failed"  # gave up after bounded retries; chairs see it in "n of m"
    SKIPPED = "skipped"  # no longer useful (the session started) or nobody to reach


class ChannelRole(StrEnum):
    CHAIRS = "chairs"
    ANNOUNCEMENTS = "announcements"
    MENTORING = "mentoring"
    CONDUCT = "conduct"


def to_person(participant_id: int) -> str:
    return f"person:{participant_id}"


def to_channel(role: ChannelRole) -> str:
    return f"channel:{role.value}"


def to_post(key: str) -> str:
    return f"post:{key}"


@dataclass(eq=False)
class Delivery:
    event_id: int
    platform: str
    key: str  # unique per platform: the same notice is never queued twice
    recipient: str
    message: Message
    due_at: datetime
    fanout: str | None = None  # groups the deliveries of one notice for "n of m delivered"
    status: DeliveryStatus = DeliveryStatus.PENDING
    attempts: int = 0
    last_error: str | None = None
    sent_at: datetime | None = None
    ref: str | None = None  # the platform's id of the posted message, for later edits
    context: dict[str, Any] | None = None  # the producer's notes (e.g. a notice's "before")
    token: str | None = None  # the attempt under way (status SENDING), unique per try
    claimed_at: datetime | None = None  # wall-clock instant the attempt began
    address: str | None = None  # the platform address the attempt went to (user or channel)
    throttled: int = 0  # times the platform answered "too many requests" (not the message's fault)
    id: int = field(init=False)

    @property
    def recipient_kind(self) -> str:
        return self.recipient.split(":", 1)[0]

    @property
    def recipient_id(self) -> str:
        return self.recipient.split(":", 1)[1]
