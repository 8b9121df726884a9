from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.app import Hallway
from bot.domain.delivery import Delivery
from bot.domain.participants import Participant
from bot.errors import ConfigError
from bot.messages import message
from storage import Database, connect
from storage.engine import async_url
from tests.factories import register


async def test_nothing_is_stored_unless_committed(hw: Hallway) -> None:
    async with hw.uow() as uow:
        uow.participants.add(Participant(hw.event.id, "ghost@example.org", "Ghost"))
    async with hw.uow() as uow:
        assert await uow.participants.by_email(hw.event.id, "ghost@example.org") is None


async def test_an_error_inside_a_unit_of_work_leaves_no_half_record(hw: Hallway) -> None:
    async def half_write() -> None:
        async with hw.uow() as uow:
            uow.participants.add(Participant(hw.event.id, "half@example.org", "Half"))
            await uow.session.flush()  # type: ignore[attr-defined]
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        await half_write()
    async with hw.uow() as uow:
        assert await uow.participants.by_email(hw.event.id, "half@example.org") is None


async def test_instants_come_back_aware_and_in_utc(hw: Hallway) -> None:
    tokyo_noon = datetime(2021, 7, 19, 12, 0, tzinfo=ZoneInfo("Asia/Tokyo"))
    async with hw.uow() as uow:
        await uow.outbox.enqueue(
            [Delivery(hw.event.id, "fake", "k", "channel:chairs", message("x"), tokyo_noon)]
        )
        await uow.commit()
    async with hw.uow() as uow:
        [stored] = await uow.outbox.due("fake", tokyo_noon, 10)
    assert stored.due_at == tokyo_noon and stored.due_at.tzinfo == UTC
    assert stored.due_at.hour == 3


async def test_naive_instants_are_refused(hw: Hallway) -> None:
    naive = datetime(2021, 7, 19, 12, 0)  # noqa: DTZ001 - the point of the test
    with pytest.raises(Exception, match="naive datetime"):
        async with hw.uow() as uow:
            await uow.outbox.enqueue(
                [Delivery(hw.event.id, "fake", "k", "channel:chairs", message("x"), naive)]
            )


async def test_concurrent_writers_all_succeed(hw: Hallway, database: Database) -> None:
    async def write(number: int) -> None:
        await register(hw, f"person{number}@example.org")

    await asyncio.gather(*(write(number) for number in range(20)))
    async with hw.uow() as uow:
        assert await uow.participants.count(hw.event.id) == 20


async def test_sqlite_runs_with_wal_and_foreign_keys(tmp_path: Path) -> None:
    database = connect(f"sqlite:///{tmp_path / 'x.db'}")
    try:
        async with database.engine.connect() as connection:
            journal = (await connection.exec_driver_sql("PRAGMA journal_mode")).scalar()
            keys = (await connection.exec_driver_sql("PRAGMA foreign_keys")).scalar()
    finally:
        await database.dispose()
    assert (journal, keys) == ("wal", 1)


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("mysql://root@localhost/x", "use sqlite:///"),
        ("sqlite://", "needs a file path"),
        ("sqlite:///:memory:", "needs a file path"),
        ("::nonsense::", "not a database URL"),
    ],
)
def test_database_urls_hallway_cannot_use_are_named(url: str, problem: str) -> None:
    with pytest.raises(ConfigError, match=problem):
        async_url(url)


def test_plain_urls_get_the_async_drivers() -> None:
    assert async_url("sqlite:///hallway.db").drivername == "sqlite+aiosqlite"
    assert async_url("postgresql://u@h/db").drivername == "postgresql+asyncpg"
    assert async_url("postgres://u@h/db").drivername == "postgresql+asyncpg"
