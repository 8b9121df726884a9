"""Shared fixtures. Service tests run on SQLite always and on PostgreSQL when
TEST_DATABASE_URL is set: the `database` fixture is parametrised over what is available,
so nothing is skipped — a backend that is not configured is simply not a parameter."""

from __future__ import annotations

import asyncio
import logging
import os
import shutil
import uuid
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path

import asyncpg  # type: ignore[import-untyped]
import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from bot.app import Hallway
from bot.clock import ManualClock
from bot.event import Event, load_event_file
from storage import Database, connect
from storage.migrate import upgrade
from storage.tables import metadata
from tests.fakes import RecordingMessenger

ROOT = Path(__file__).resolve().parents[1]
ICML = ROOT / "examples" / "icml2021.toml"


@pytest.fixture(autouse=True)
def logging_as_found() -> Iterator[None]:
    """A test that runs `main()` in-process configures logging for the process (a handler on
    the root, records cleaned from then on); later tests must not inherit that."""
    root = logging.getLogger()
    factory, handlers, level = logging.getLogRecordFactory(), set(root.handlers), root.level
    yield
    logging.setLogRecordFactory(factory)
    root.setLevel(level)
    for handler in set(root.handlers) - handlers:
        if type(handler) is logging.StreamHandler:  # main()'s; pytest's own are subclasses
            root.removeHandler(handler)


def backends() -> list[str]:
    return ["sqlite", "postgresql"] if os.environ.get("TEST_DATABASE_URL") else ["sqlite"]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" in metafunc.fixturenames:
        # A module may name the backends it needs (`BACKENDS = ("sqlite",)`) when what it
        # tests does not depend on the database; it then still runs, on those.
        needed = getattr(metafunc.module, "BACKENDS", None)
        chosen = [name for name in backends() if needed is None or name in needed]
        metafunc.parametrize("backend", chosen, scope="session")


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file, copied for each test (migrating each time would be slow)."""
    path = tmp_path_factory.mktemp("template") / "hallway.db"

    async def build() -> None:
        database = connect(f"sqlite:///{path}")
        await upgrade(database)
        await database.dispose()

    asyncio.run(build())
    return path


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A fresh database on the test server, migrated once and dropped at the end."""
    base = make_url(os.environ["TEST_DATABASE_URL"])
    name = f"hallway_test_{uuid.uuid4().hex[:8]}"
    admin = base.set(drivername="postgresql").render_as_string(hide_password=False)

    async def admin_sql(statement: str) -> None:
        connection = await asyncpg.connect(admin)
        try:
            await connection.execute(statement)
        finally:
            await connection.close()

    asyncio.run(admin_sql(f'CREATE DATABASE "{name}"'))
    url = base.set(drivername="postgresql", database=name).render_as_string(hide_password=False)

    async def migrate() -> None:
        database = connect(url)
        await upgrade(database)
        await database.dispose()

    asyncio.run(migrate())
    yield url
    asyncio.run(admin_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture
def database_url(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if backend == "sqlite":
        template: Path = request.getfixturevalue("sqlite_template")
        path = tmp_path / "hallway.db"
        shutil.copy(template, path)
        return f"sqlite:///{path}"
    url: str = request.getfixturevalue("postgres_url")
    return url


@pytest.fixture
async def database(database_url: str) -> AsyncIterator[Database]:
    db = connect(database_url)
    if not db.is_sqlite:
        await _truncate(db)
    yield db
    await db.dispose()


async def _truncate(db: Database) -> None:
    names = ", ".join(f'"{table.name}"' for table in metadata.sorted_tables)
    async with db.engine.begin() as connection:
        await connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))


@pytest.fixture
def clock() -> ManualClock:
    """Ten days before the ICML 2021 socials deadline, mid-morning in Europe."""
    return ManualClock(datetime(2021, 6, 11, 9, 0, tzinfo=UTC))


@pytest.fixture
async def event(database: Database) -> Event:
    async with database.uow() as uow:
        saved = await uow.events.save(load_event_file(ICML))
        await uow.commit()
    return saved


@pytest.fixture
def hw(database: Database, clock: ManualClock, event: Event) -> Hallway:
    return Hallway(database.uow, clock, event, ("fake",))


@pytest.fixture
def messenger() -> RecordingMessenger:
    return RecordingMessenger()
