"""Each matrix case starts from the same world, built once per backend and copied per case
(SQLite: a copy of the file; PostgreSQL: its recorded rows written back), so that nine hundred
cases do not build it nine hundred times. Overrides the root `database_url` and `database`."""

from __future__ import annotations

import asyncio
import copy
import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.app import Hallway
from bot.clock import ManualClock
from bot.event import load_event_file
from storage import Database, connect
from tests.conftest import ICML
from tests.hardening.authz.restore import Rows, restore
from tests.hardening.authz.snapshot import every_row
from tests.hardening.authz.world import WORLD_TIME, World, build_world


async def _build(url: str) -> World:
    database = connect(url)
    try:
        async with database.uow() as uow:
            event = await uow.events.save(load_event_file(ICML))
            await uow.commit()
        hw = Hallway(database.uow, ManualClock(WORLD_TIME), event, ("fake",))
        return await build_world(hw)
    finally:
        await database.dispose()


@pytest.fixture(scope="session")
def sqlite_world(
    sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, World]:
    path = tmp_path_factory.mktemp("authz-world") / "world.db"
    shutil.copy(sqlite_template, path)
    return path, asyncio.run(_build(f"sqlite:///{path}"))


@pytest.fixture(scope="session")
def postgres_world(postgres_url: str) -> tuple[str, Rows, World]:
    """The world built once in the session's database, and every row of it recorded."""

    async def build_and_record() -> tuple[Rows, World]:
        database = connect(postgres_url)
        try:
            await restore(database, {})
            world = await _build(postgres_url)
            return await every_row(database), world
        finally:
            await database.dispose()

    rows, world = asyncio.run(build_and_record())
    return postgres_url, rows, world


@pytest.fixture
def world_source(backend: str, request: pytest.FixtureRequest) -> tuple[str, Rows, World]:
    """Where the world is and its ids: an SQLite file to copy, or PostgreSQL rows to restore.
    Sync, so the session fixtures it builds run outside the test's event loop."""
    if backend == "sqlite":
        path, built = request.getfixturevalue("sqlite_world")
        return str(path), {}, built
    url, rows, built = request.getfixturevalue("postgres_world")
    return url, rows, built


@pytest.fixture
def world(world_source: tuple[str, Rows, World]) -> World:
    """The world's ids and actors; a copy, since preparing a case may note an id in it."""
    return copy.copy(world_source[-1])


@pytest.fixture
def database_url(backend: str, world_source: tuple[str, Rows, World], tmp_path: Path) -> str:
    if backend == "sqlite":
        path = tmp_path / "hallway.db"
        shutil.copy(world_source[0], path)
        return f"sqlite:///{path}"
    return world_source[0]


@pytest.fixture
async def database(
    backend: str, database_url: str, world_source: tuple[str, Rows, World]
) -> AsyncIterator[Database]:
    """The case's own copy of the world (PostgreSQL: the world's rows written back)."""
    db = connect(database_url)
    if backend != "sqlite":
        await restore(db, world_source[1])
    yield db
    await db.dispose()
