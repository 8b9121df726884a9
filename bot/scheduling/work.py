"""What use cases call to have something happen later (open a room, release decisions).

Like the outbox, nothing runs here: a row is written in the caller's transaction. Scheduling
the same key again moves pending work (a session moved); work already done stays done.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.app import Hallway
from bot.domain.work import Work, WorkStatus
from bot.ports import UnitOfWork


async def schedule_work(
    hw: Hallway,
    uow: UnitOfWork,
    key: str,
    kind: str,
    due_at: datetime,
    payload: dict[str, Any] | None = None,
) -> None:
    existing = await uow.work.by_key(key)
    if existing is None:
        uow.work.add(Work(hw.event.id, key, kind, due_at, payload or {}))
    elif existing.status in (WorkStatus.PENDING, WorkStatus.SKIPPED):
        # Rescheduling revives cancelled work: a session cancelled then restored opens again.
        existing.due_at, existing.payload = due_at, payload or {}
        existing.status, existing.last_error = WorkStatus.PENDING, None


async def cancel_work(uow: UnitOfWork, key_prefix: str) -> int:
    """Cancel pending work whose key starts with `key_prefix` (e.g. "room.open:mentoring:42")."""
    return await uow.work.cancel(key_prefix)
