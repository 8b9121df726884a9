"""A meeting room opened on one platform for something that meets (a mentoring session, a
social). Recording the room in the same place as its opening and closing makes both happen once
per platform, however often the work that asks for them runs."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(eq=False)
class Room:
    event_id: int
    key: str  # what it is for, e.g. "mentoring:42"
    platform: str
    ref: str  # the platform's reference (a channel id), for adding people and closing
    opened_at: datetime
    closed_at: datetime | None = None
    id: int = field(init=False)

    @property
    def is_open(self) -> bool:
        return self.closed_at is None
