"""Work still running after a platform was answered, shared by the chat adapters.

Slack and Discord both want an answer within 3 s (Slack's ack, Discord's deferral) and let the
real answer follow. The answer leaves at once; the work after it waits for one of a few slots,
so a burst of requests queues its work instead of crowding the event loop in front of the next
acknowledgements (measured under load on Discord without it: deferrals up to 2.97 s late).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

# Pieces of work at once: enough to overlap one's database wait with another's network wait;
# more only lengthens the event loop's queue (the database is one connection on SQLite).
CONCURRENCY = 4


class Inflight:
    """Listener work still running after its ack. `track` counts it, so a shutdown can let it
    finish; `slot` lets only a few pieces run at once, so a burst of commands queues its work
    rather than crowding the event loop in front of the next acknowledgements."""

    def __init__(self, concurrency: int = CONCURRENCY) -> None:
        self.count = 0
        self._idle = asyncio.Event()
        self._idle.set()
        self._slots = asyncio.Semaphore(concurrency)

    @asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        async with self._slots:
            yield

    @asynccontextmanager
    async def track(self) -> AsyncIterator[None]:
        self.count += 1
        self._idle.clear()
        try:
            yield
        finally:
            self.count -= 1
            if self.count == 0:
                self._idle.set()

    async def wait_idle(self) -> None:
        await self._idle.wait()
