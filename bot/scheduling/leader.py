"""One active scheduler per database; any other process waits as a hot standby.

APScheduler 3 cannot share a job store between processes (a job fires twice, then the losing
scheduler stalls), and Hallway's exactly-once sending assumes one sender per platform. So the
scheduler role is taken by whoever holds a lock: a PostgreSQL session advisory lock, held on a
dedicated connection for the life of the process (it is released when that connection drops,
i.e. when the process dies), or, with SQLite, a lock file. The holder checks every few
seconds that it still holds it, and steps down at once if not; a standby tries every second.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Protocol

log = logging.getLogger(__name__)


class SchedulerLock(Protocol):
    async def acquire(self) -> bool:
        """Try once, without waiting: True when this process now holds the lock."""
        ...

    async def still_held(self) -> bool:
        """Check (and keep alive) the hold; False once it is lost."""
        ...

    async def release(self) -> None: ...


class Role(Protocol):
    async def start(self) -> None: ...

    async def stop(self) -> None: ...


class Leadership:
    """Runs `role` while this process holds `lock`."""

    def __init__(
        self,
        lock: SchedulerLock,
        role: Role,
        *,
        retry_seconds: float = 1.0,
        check_seconds: float = 2.0,
    ) -> None:
        self.lock = lock
        self.role = role
        self.retry_seconds = retry_seconds
        self.check_seconds = check_seconds
        self.active = False

    async def try_lead(self) -> bool:
        if not self.active and await self._acquire():
            log.info("this process is now the active scheduler")
            await self.role.start()
            self.active = True
        return self.active

    async def step(self) -> None:
        """One look: take the lock if free, or check it is still ours."""
        if not self.active:
            await self.try_lead()
        elif not await self._still_held():
            log.warning("the scheduler lock was lost; standing by")
            await self._step_down()

    async def run(self) -> None:
        """Lead or stand by until cancelled; then step down and let go of the lock."""
        try:
            while True:
                await self.step()
                await asyncio.sleep(self.check_seconds if self.active else self.retry_seconds)
        finally:
            await self._step_down()
            await self.lock.release()

    async def _step_down(self) -> None:
        if self.active:
            self.active = False
            await self.role.stop()

    async def _acquire(self) -> bool:
        try:
            return await self.lock.acquire()
        except Exception as exc:  # noqa: BLE001 - the database may be away; try again later
            log.warning("cannot take the scheduler lock now: %s", exc)
            return False

    async def _still_held(self) -> bool:
        try:
            return await self.lock.still_held()
        except Exception as exc:  # noqa: BLE001 - a lost connection means a lost lock
            log.warning("cannot check the scheduler lock: %s", exc)
            return False
