"""The audit log: who did what to which proposal, when, and what it was before and after."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(eq=False)
class AuditEntry:
    event_id: int
    subject: str  # e.g. "social:42"
    actor_id: int | None  # the participant who acted; None for Hallway itself (a release job)
    at: datetime
    action: str  # e.g. "approve", "suggest", "edit"
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None
    message: str = ""
    id: int = field(init=False)
