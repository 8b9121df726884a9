"""Scheduled work other than messages: open a room, close it, release decisions.

Like the outbox, work is written in the transaction that makes it necessary, under a unique
key, and marked done in the transaction that records its effect, so a restart neither loses
nor repeats it. Moving a session reschedules its work under the same key.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any


class WorkStatus(StrEnum):
    PENDING = "pending"
    DONE = "done"
    SKIPPED = "skipped"  # cancelled, or no longer useful when it came due
    FAILED = "failed"


@dataclass(eq=False)
class Work:
    event_id: int
    key: str  # e.g. "room.open:mentoring:42"
    kind: str  # a handler name, e.g. "room.open"
    due_at: datetime
    payload: dict[str, Any]
    status: WorkStatus = WorkStatus.PENDING
    attempts: int = 0
    last_error: str | None = None
    done_at: datetime | None = None
    id: int = field(init=False)
