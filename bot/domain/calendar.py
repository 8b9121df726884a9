"""What Hallway publishes in the platforms' own calendars (Discord's Guild Scheduled Events).

A `CalendarEntry` is what one thing that meets should look like there now; a `PublishedEvent`
records what was last published for it on one platform, with a fingerprint of the entry, so
that publishing is a diff: create what is new, update what changed, withdraw what is gone.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, replace
from datetime import datetime


@dataclass(frozen=True)
class CalendarEntry:
    title: str
    description: str
    start: datetime
    end: datetime
    video_url: str | None  # where to meet when no room is open
    room_key: str | None = None  # the room it meets in once open ("mentoring:42"), if any
    room_ref: str | None = None  # that room's reference on the platform, once open

    def in_room(self, ref: str | None) -> CalendarEntry:
        return replace(self, room_ref=ref)

    def fingerprint(self) -> str:
        """Changes exactly when what a platform shows would change."""
        shown = [
            self.title,
            self.description,
            self.start.isoformat(),
            self.end.isoformat(),
            self.video_url,
            self.room_ref,
        ]
        return hashlib.sha256(json.dumps(shown).encode()).hexdigest()[:32]


@dataclass(eq=False)
class PublishedEvent:
    event_id: int
    platform: str
    key: str  # what it is for: "social-slot:7", "mentoring:42"
    ref: str  # the platform's id of the calendar event
    fingerprint: str
    starts_at: datetime  # as published: once it has begun, the platform owns it
    id: int = field(init=False)
