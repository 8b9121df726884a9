"""Locks deciding which process is the active scheduler (see `bot.scheduling.leader`).

PostgreSQL: a session-level advisory lock on a connection of its own, held for the process's
life and outside any transaction (an idle transaction would hold back vacuum). When the process
dies its connection closes and the server releases the lock at once; the server-side TCP
keepalives set below bound how long a vanished host (no FIN) keeps it.

SQLite: an exclusive `flock` on a file next to the database; the kernel drops it with the
process. SQLite lives on one host, so this is enough.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import logging
import os
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine
from sqlalchemy.pool import NullPool

from bot.scheduling.leader import SchedulerLock
from storage.engine import async_url

log = logging.getLogger(__name__)

# pg_try_advisory_lock(int4, int4): "HALL", "SCHD". One scheduler per database.
LOCK_KEY = {"a": 0x48414C4C, "b": 0x53434844}
_HELD = text(
    "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted"
    " AND pid = pg_backend_pid() AND classid = :a AND objid = :b AND objsubid = 2)"
)
_KEEPALIVES = (
    "SET application_name = 'hallway scheduler'",
    "SET tcp_keepalives_idle = 10",
    "SET tcp_keepalives_interval = 5",
    "SET tcp_keepalives_count = 3",
)
_TIMEOUT = 5.0


def scheduler_lock(database_url: str) -> SchedulerLock:
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        return FileLock(Path(f"{url.database}.scheduler.lock"))
    return PostgresLock(database_url)


class PostgresLock:
    def __init__(self, database_url: str) -> None:
        self._url = async_url(database_url)
        self._engine: AsyncEngine | None = None
        self._connection: AsyncConnection | None = None

    async def acquire(self) -> bool:
        connection = await self._connect()
        query = text("SELECT pg_try_advisory_lock(:a, :b)")
        return bool(await asyncio.wait_for(connection.scalar(query, LOCK_KEY), _TIMEOUT))

    async def still_held(self) -> bool:
        if self._connection is None:
            return False
        try:
            held = bool(await asyncio.wait_for(self._connection.scalar(_HELD, LOCK_KEY), _TIMEOUT))
        except Exception as exc:  # noqa: BLE001 - whatever broke, the lock is not ours for sure
            log.warning("the scheduler lock's connection failed: %s", exc)
            held = False
        if not held:
            await self._disconnect()
        return held

    async def release(self) -> None:
        await self._disconnect()  # closing the session releases its advisory locks

    async def _connect(self) -> AsyncConnection:
        if self._connection is None:
            self._engine = create_async_engine(self._url, poolclass=NullPool, hide_parameters=True)
            connection = await self._engine.connect()
            connection = await connection.execution_options(isolation_level="AUTOCOMMIT")
            for statement in _KEEPALIVES:
                try:
                    await connection.execute(text(statement))
                except Exception as exc:  # noqa: BLE001 - a managed server may refuse; not vital
                    log.info("scheduler lock connection: %s refused (%s)", statement, exc)
            self._connection = connection
        return self._connection

    async def _disconnect(self) -> None:
        connection, engine = self._connection, self._engine
        self._connection = self._engine = None
        if connection is not None:
            with contextlib.suppress(Exception):
                await connection.close()
        if engine is not None:
            await engine.dispose()


class FileLock:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    async def acquire(self) -> bool:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd
        return True

    async def still_held(self) -> bool:
        return self._fd is not None  # a flock is only lost with the process

    async def release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
