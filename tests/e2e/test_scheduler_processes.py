"""Real processes: the scheduler killed with SIGKILL mid-fan-out, restarted, and (PostgreSQL)
a hot standby taking over. Every reminder reaches the fake platform exactly once."""

from __future__ import annotations

import asyncio
import os
import random
import signal
import sys
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot import bootstrap
from bot.config import Settings
from bot.domain.delivery import DeliveryStatus
from bot.domain.participants import Account
from bot.domain.socials import Rsvp
from bot.ports import Registration
from bot.scheduling.due import stamp
from storage import Database, connect
from storage.tables import outbox, participants
from tests.conftest import _truncate, backends
from tests.factories import stored_social
from tests.fake_platform import FakePlatform

ROOT = Path(__file__).resolve().parents[2]
FANOUT = 1000
DONE_WITHIN = 120.0  # seconds of real time: these are real processes


@dataclass
class Driver:
    process: asyncio.subprocess.Process
    log: Path

    @property
    def pid(self) -> str:
        return str(self.process.pid)

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)

    async def stop(self) -> None:
        if self.process.returncode is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(self.process.wait(), 10)
            except TimeoutError:
                self.kill()
                await self.process.wait()


@pytest.fixture
async def platform() -> AsyncIterator[FakePlatform]:
    fake = FakePlatform()
    await fake.start()
    yield fake
    await fake.stop()


async def start_driver(url: str, platform: FakePlatform, log: Path, rate: float) -> Driver:
    environ = {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(ROOT), "DATABASE_URL": url}
    handle = log.open("w")
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "tests.e2e.scheduler_driver",
        platform.url,
        "--rate",
        str(rate),
        "--lease",
        "2",
        cwd=ROOT,
        env=environ,
        stdout=handle,
        stderr=handle,
    )
    return Driver(process, log)


async def reminders_for_a_crowd(url: str, count: int) -> set[str]:
    """A social starting in ten minutes (real time) with `count` people going: their
    reminders are due at once. Returns the keys the platform must see, once each."""
    runtime = await bootstrap.start(Settings(database_url=url))
    hw = runtime.hw
    try:
        rows = [
            Registration(f"p{n}@example.org", f"Person {n}", None, frozenset())
            for n in range(count)
        ]
        async with hw.uow() as uow:
            await uow.participants.upsert_registrations(hw.event.id, rows)
            await uow.commit()
        crowd, leads = await _people(runtime.database, hw.event.id)
        start = hw.now().replace(microsecond=0) + timedelta(minutes=10)
        social = await stored_social(hw, "Crowded social", leads, [start], released=True)
        slot = social.slots[0]
        async with hw.uow() as uow:
            for pid in crowd:
                uow.rsvps.add(Rsvp(slot.id, pid, hw.now()))
                uow.accounts.add(Account(hw.event.id, pid, "loopback", f"user-{pid}"))
            await uow.commit()
    finally:
        await runtime.close()
    stem = f"remind:social-slot:{slot.id}@{stamp(start)}:attendee:15m"
    return {f"{stem}>p{pid}" for pid in crowd}


async def _people(database: Database, event_id: int) -> tuple[list[int], list[int]]:
    query = select(participants.c.id, participants.c.email).where(
        participants.c.event_id == event_id
    )
    async with database.engine.connect() as connection:
        found = {row.email: row.id for row in await connection.execute(query)}
    crowd = [found[f"p{n}@example.org"] for n in range(FANOUT)]
    return crowd, [found["chair@demo.hallway.test"], found["mentor@demo.hallway.test"]]


async def unfinished(database: Database) -> int:
    query = select(func.count()).where(
        outbox.c.platform == "loopback",
        outbox.c.status.in_([DeliveryStatus.PENDING, DeliveryStatus.SENDING]),
    )
    async with database.engine.connect() as connection:
        return int((await connection.execute(query)).scalar_one())


async def wait_until(
    condition: Callable[[], Awaitable[bool]], what: str, drivers: list[Driver]
) -> None:
    deadline = time.monotonic() + DONE_WITHIN
    while time.monotonic() < deadline:
        if await condition():
            return
        await asyncio.sleep(0.05)
    logs = "\n".join(driver.log.read_text()[-3000:] for driver in drivers)
    raise AssertionError(f"timed out waiting for {what}\n{logs}")


async def all_delivered(
    database: Database, platform: FakePlatform, expected: set[str], drivers: list[Driver]
) -> None:
    async def done() -> bool:
        return expected <= set(platform.counts()) and await unfinished(database) == 0

    await wait_until(done, "every reminder to be delivered", drivers)


async def test_kill_9_during_a_fan_out_then_restart_delivers_each_message_once(
    database_url: str, database: Database, platform: FakePlatform, tmp_path: Path
) -> None:
    expected = await reminders_for_a_crowd(database_url, FANOUT)
    platform.latency = 0.02  # several messages in flight when the kill comes
    kill_after = random.Random().randint(50, FANOUT - 100)
    first = await start_driver(database_url, platform, tmp_path / "first.log", rate=400)

    async def far_enough() -> bool:
        return len(platform.received) >= kill_after

    await wait_until(far_enough, f"{kill_after} deliveries", [first])
    first.kill()
    await first.process.wait()
    killed_at = len(platform.received)
    second = await start_driver(database_url, platform, tmp_path / "second.log", rate=400)
    try:
        await all_delivered(database, platform, expected, [first, second])
    finally:
        await second.stop()
    assert killed_at < FANOUT, "the fan-out was over before the kill"
    assert platform.duplicates() == {}
    assert expected <= set(platform.counts())


if "postgresql" in backends():

    async def test_a_standby_takes_over_when_the_active_scheduler_is_killed(
        postgres_url: str, platform: FakePlatform, tmp_path: Path
    ) -> None:
        database = await _fresh(postgres_url)
        try:
            await _standby_takes_over(postgres_url, database, platform, tmp_path)
        finally:
            await database.dispose()


async def _fresh(url: str) -> Database:
    database = connect(url)
    await _truncate(database)
    return database


async def _standby_takes_over(
    url: str, database: Database, platform: FakePlatform, tmp_path: Path
) -> None:
    expected = await reminders_for_a_crowd(url, FANOUT)
    drivers = [
        await start_driver(url, platform, tmp_path / f"driver{n}.log", rate=150) for n in (1, 2)
    ]

    async def a_third_out() -> bool:
        return len(platform.received) >= FANOUT // 3

    await wait_until(a_third_out, "a third of the fan-out", drivers)
    senders = {item.sender for item in platform.received}
    assert len(senders) == 1, "two schedulers were active at once"
    [active] = [driver for driver in drivers if driver.pid in senders]
    [standby] = [driver for driver in drivers if driver is not active]
    active.kill()
    killed = time.time()
    await active.process.wait()
    try:
        await all_delivered(database, platform, expected, drivers)
    finally:
        await standby.stop()
    taken_over = min(item.at for item in platform.received if item.sender == standby.pid)
    assert taken_over - killed < 5.0
    assert {item.sender for item in platform.received} == {active.pid, standby.pid}
    assert platform.duplicates() == {}
