"""The SQLite connection that makes one trip to aiosqlite's thread per statement
(`storage.sqlite_driver`): the same results, the same transactions, fewer trips."""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Column, Integer, MetaData, String, Table, insert, select, text, update
from sqlalchemy.exc import IntegrityError

from storage import Database, connect
from storage.sqlite_driver import OneTripConnection, connect_one_trip

things = Table(
    "things",
    MetaData(),
    Column("id", Integer, primary_key=True),
    Column("name", String(20), nullable=False, unique=True),
)


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = connect(f"sqlite:///{tmp_path / 'one-trip.db'}")
    async with database.engine.begin() as connection:
        await connection.run_sync(things.metadata.create_all)
    yield database
    await database.dispose()


@pytest.fixture
def trips(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Calls handed to aiosqlite's thread, by what they do."""
    counted: Counter[str] = Counter()
    original = OneTripConnection._execute

    async def counting(self: OneTripConnection, fn: Any, *args: Any, **kwargs: Any) -> Any:
        counted[getattr(fn, "__name__", "call")] += 1
        return await original(self, fn, *args, **kwargs)

    monkeypatch.setattr(OneTripConnection, "_execute", counting)
    return counted


async def test_a_read_is_one_trip_with_its_begin_and_one_to_end_it(
    db: Database, trips: Counter[str]
) -> None:
    async with db.engine.begin() as connection:
        await connection.execute(insert(things), [{"name": "a"}, {"name": "b"}])
    trips.clear()
    async with db.uow() as uow:
        names = (await uow.session.execute(select(things.c.name).order_by("name"))).scalars()
        assert list(names) == ["a", "b"]
    assert trips == Counter({"_run": 1, "rollback": 1})


async def test_a_unit_of_work_that_runs_nothing_makes_no_trip(
    db: Database, trips: Counter[str]
) -> None:
    async with db.uow() as uow:
        await uow.commit()
    async with db.engine.connect() as connection:
        await connection.begin()
        await connection.commit()
    assert trips == Counter()


async def test_inserted_ids_counts_and_returned_rows_come_back(db: Database) -> None:
    async with db.engine.begin() as connection:
        first = await connection.execute(insert(things).values(name="a"))
        assert first.inserted_primary_key == (1,)
        await connection.execute(insert(things), [{"name": "b"}, {"name": "c"}, {"name": "d"}])
        renamed = await connection.execute(
            update(things).where(things.c.id > 2).values(name=things.c.name + "!")
        )
        assert renamed.rowcount == 2
        returned = await connection.execute(
            insert(things).values(name="e").returning(things.c.id, things.c.name)
        )
        assert returned.all() == [(5, "e")]
        streamed = await connection.stream(select(things.c.name).order_by(things.c.id))
        assert [row.name async for row in streamed] == ["a", "b", "c!", "d!", "e"]


async def test_the_write_lock_is_taken_with_the_first_statement_and_released_after(
    db: Database, tmp_path: Path
) -> None:
    other = sqlite3.connect(tmp_path / "one-trip.db", timeout=0, isolation_level=None)
    async with db.uow() as uow:
        await uow.session.execute(text("SELECT 1"))
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
    other.execute("BEGIN IMMEDIATE")  # free again once the unit of work ended
    other.execute("ROLLBACK")
    other.close()


async def test_a_failed_statement_rolls_back_the_whole_transaction(db: Database) -> None:
    async def twice() -> None:
        async with db.engine.begin() as connection:
            await connection.execute(insert(things).values(name="kept?"))
            await connection.execute(insert(things).values(name="kept?"))

    with pytest.raises(IntegrityError):
        await twice()
    async with db.engine.connect() as connection:
        assert (await connection.execute(select(things))).all() == []


async def test_a_file_that_cannot_be_opened_has_stopped_its_thread_when_the_error_arrives(
    tmp_path: Path,
) -> None:
    """Else the thread may answer after the process's loop closed, printing a traceback under
    the start-up's one-line message."""
    connection = connect_one_trip(str(tmp_path / "no such folder" / "hallway.db"))
    with pytest.raises(sqlite3.OperationalError):
        await connection
    assert not connection._thread.is_alive()
