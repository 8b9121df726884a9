"""Each matrix case starts from the same world, built once per backend and copied per case
(an SQLite file copy; a PostgreSQL `CREATE DATABASE … TEMPLATE`), so that four hundred cases
do not build it four hundred times. Overrides the root `database_url` and `database`."""

from __future__ import annotations

import asyncio
import copy
import shutil
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import asyncpg  # type: ignore[import-untyped]
import pytest
from sqlalchemy.engine import make_url

from bot.app import Hallway
from bot.clock import ManualClock
from bot.event import load_event_file
from storage import Database, connect
from storage.migrate import upgrade
from tests.conftest import ICML
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


async def _admin(url: str, statement: str) -> None:
    connection = await asyncpg.connect(url)
    try:
        await connection.execute(statement)
    finally:
        await connection.close()


@pytest.fixture(scope="session")
def sqlite_world(
    sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, World]:
    path = tmp_path_factory.mktemp("authz-world") / "world.db"
    shutil.copy(sqlite_template, path)
    return path, asyncio.run(_build(f"sqlite:///{path}"))


@pytest.fixture(scope="session")
def postgres_world(postgres_url: str) -> Iterator[tuple[str, str, World]]:
    """A database holding the world, used only as a template: (admin url, its name, world)."""
    admin = make_url(postgres_url).set(database="postgres").render_as_string(hide_password=False)
    name = f"hallway_authz_world_{uuid.uuid4().hex[:8]}"
    asyncio.run(_admin(admin, f'CREATE DATABASE "{name}"'))
    url = make_url(postgres_url).set(database=name).render_as_string(hide_password=False)

    async def migrate_and_build() -> World:
        database = connect(url)
        await upgrade(database)
        await database.dispose()
        return await _build(url)

    world = asyncio.run(migrate_and_build())
    yield admin, name, world
    asyncio.run(_admin(admin, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture
def world_source(backend: str, request: pytest.FixtureRequest) -> tuple[str, World]:
    """Where the world is (an SQLite file, or a PostgreSQL template's name) and its ids. Sync,
    so the session fixtures it builds run outside the test's event loop."""
    if backend == "sqlite":
        path, built = request.getfixturevalue("sqlite_world")
        return str(path), built
    admin, template, built = request.getfixturevalue("postgres_world")
    return f"{admin}|{template}", built


@pytest.fixture
def world(world_source: tuple[str, World]) -> World:
    """The world's ids and actors; a copy, since preparing a case may note an id in it."""
    return copy.copy(world_source[1])


@pytest.fixture
async def database_url(
    backend: str, world_source: tuple[str, World], tmp_path: Path
) -> AsyncIterator[str]:
    source = world_source[0]
    if backend == "sqlite":
        path = tmp_path / "hallway.db"
        shutil.copy(source, path)
        yield f"sqlite:///{path}"
        return
    admin, template = source.split("|")
    name = f"hallway_authz_case_{uuid.uuid4().hex[:8]}"
    await _admin(admin, f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    yield make_url(admin).set(database=name).render_as_string(hide_password=False)
    await _admin(admin, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
async def database(database_url: str) -> AsyncIterator[Database]:
    """The case's own copy of the world: nothing to truncate."""
    db = connect(database_url)
    yield db
    await db.dispose()
