"""Runs due work through the handler registered for its kind.

A handler does the work and records its effect (a room's reference, decisions released) in its
own unit of work; it must be safe to run twice, because a crash after the effect and before
"done" is recorded runs it again. Handlers raise `DeliveryError` to be retried later.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping
from datetime import timedelta

from bot.app import Hallway
from bot.domain.work import Work, WorkStatus
from bot.ports import DeliveryError, Messenger

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 6

WorkHandler = Callable[[Hallway, Mapping[str, Messenger], Work], Awaitable[None]]


class WorkRunner:
    def __init__(
        self,
        hw: Hallway,
        messengers: Mapping[str, Messenger],
        handlers: Mapping[str, WorkHandler],
        *,
        batch: int = 100,
    ) -> None:
        self.hw = hw
        self.messengers = dict(messengers)
        self.handlers = dict(handlers)
        self.batch = batch
        # One pass at a time: a timer and a command's flush must not both open the same room.
        self._one_pass = asyncio.Lock()

    async def run_due(self) -> int:
        """Run everything due now; returns how many pieces of work were done."""
        async with self._one_pass:
            async with self.hw.uow() as uow:
                due = await uow.work.due(self.hw.now(), self.batch)
            done = 0
            for item in due:
                done += await self._run(item)
            return done

    async def _run(self, item: Work) -> int:
        handler = self.handlers.get(item.kind)
        error: str | None = None
        retry_after: float | None = None
        if handler is None:
            error = f"no handler for {item.kind}"
        else:
            try:
                await handler(self.hw, self.messengers, item)
            except DeliveryError as exc:
                error, retry_after = exc.reason, exc.retry_after
            except Exception as exc:
                log.exception("work %s raised", item.key)
                error = f"unexpected {type(exc).__name__}"
        await self._record(item, error, retry_after, permanent=handler is None)
        return 1 if error is None else 0

    async def _record(
        self, item: Work, error: str | None, retry_after: float | None, *, permanent: bool
    ) -> None:
        now = self.hw.now()
        async with self.hw.uow() as uow:
            stored = await uow.work.get(item.id)
            if stored is None or stored.status != WorkStatus.PENDING:
                return
            if error is None:
                stored.status, stored.done_at = WorkStatus.DONE, now
            else:
                stored.attempts += 1
                stored.last_error = error[:500]
                if permanent or stored.attempts >= MAX_ATTEMPTS:
                    stored.status = WorkStatus.FAILED
                    log.warning("work %s failed for good: %s", stored.key, error)
                else:
                    wait = retry_after if retry_after is not None else 2.0**stored.attempts
                    stored.due_at = now + timedelta(seconds=wait)
            await uow.commit()
