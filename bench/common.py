"""Helpers shared by the benchmarks: a fresh migrated SQLite database and timing."""

from __future__ import annotations

import statistics
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path
from tempfile import TemporaryDirectory

from bot.app import Hallway
from bot.clock import ManualClock
from bot.event import load_event_file
from storage import Database, connect
from storage.migrate import upgrade

ROOT = Path(__file__).resolve().parents[1]


@asynccontextmanager
async def fresh_sqlite() -> AsyncIterator[tuple[Database, Path]]:
    with TemporaryDirectory() as folder:
        path = Path(folder) / "bench.db"
        database = connect(f"sqlite:///{path}")
        await upgrade(database)
        try:
            yield database, path
        finally:
            await database.dispose()


async def icml_hallway(database: Database, now: datetime | None = None) -> Hallway:
    async with database.uow() as uow:
        event = await uow.events.save(load_event_file(ROOT / "examples" / "icml2021.toml"))
        await uow.commit()
    clock = ManualClock(now or datetime(2021, 6, 11, 9, tzinfo=UTC))
    return Hallway(database.uow, clock, event, ("bench",))


async def timed(action: Callable[[], Awaitable[object]], repeat: int = 1) -> list[float]:
    """Seconds per run of `action`."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        await action()
        times.append(time.perf_counter() - started)
    return times


def describe(times: list[float]) -> str:
    ordered = sorted(times)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    return (
        f"median {statistics.median(ordered) * 1000:.1f} ms, "
        f"p99 {p99 * 1000:.1f} ms, n={len(ordered)}"
    )
