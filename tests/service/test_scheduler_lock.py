"""The scheduler lock on each database: one holder at a time, freed when the holder goes."""

from __future__ import annotations

import asyncpg  # type: ignore[import-untyped]
from sqlalchemy.engine import make_url

from storage.leader import LOCK_KEY, PostgresLock, scheduler_lock
from tests.conftest import backends


async def test_one_process_holds_the_scheduler_lock_at_a_time(database_url: str) -> None:
    first, second = scheduler_lock(database_url), scheduler_lock(database_url)
    assert await first.acquire()
    assert not await second.acquire()
    assert await first.still_held()
    await first.release()
    assert await second.acquire()
    await second.release()


if "postgresql" in backends():

    async def test_a_lock_whose_connection_dies_is_lost_and_taken_over(postgres_url: str) -> None:
        first, second = PostgresLock(postgres_url), PostgresLock(postgres_url)
        assert await first.acquire()
        await _kill_sessions_holding_the_lock(postgres_url)
        assert not await first.still_held()
        assert await second.acquire()
        await second.release()
        await first.release()


async def _kill_sessions_holding_the_lock(url: str) -> None:
    plain = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    connection = await asyncpg.connect(plain)
    try:
        await connection.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_locks"
            " WHERE locktype = 'advisory' AND classid = $1",
            LOCK_KEY["a"],
        )
    finally:
        await connection.close()
