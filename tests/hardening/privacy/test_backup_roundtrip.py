"""`hallway db backup` and restore, round trip: a database with rows in every table is backed up
while writes are under way, wiped, restored, and compared with what was committed, table by
table and row by row.

SQLite: the online backup API (`storage.backup`), with a transaction left open across the
backup (its rows must not be in the copy) and a writer thread committing pairs of rows
throughout (the copy holds whole pairs, a prefix of them). PostgreSQL: pg_dump into a custom
archive with an uncommitted write open, then pg_restore — the command Hallway's own hint
gives — into a fresh database."""

from __future__ import annotations

import asyncio
import shutil
import sqlite3
import subprocess
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import asyncpg  # type: ignore[import-untyped]
import pytest
from sqlalchemy import insert, select
from sqlalchemy.engine import make_url

from bot import bootstrap
from bot.config import Settings
from bot.demo import DEMO_PERSON
from bot.domain.mentoring import BookingState
from bot.errors import ConfigError
from bot.services.calendars import my_calendar, programme_calendar
from storage import Database, connect
from storage import backup as backups
from storage.migrate import current
from storage.tables import (
    mentoring_bookings,
    mentoring_sessions,
    participants,
    published_events,
    rooms,
    rsvps,
    slack_events,
    social_slots,
    social_suggestions,
    socials,
)
from tests.factories import actor
from tests.hardening.privacy.dbdump import Snapshot, snapshot
from tests.service.conduct_helpers import file

PAIRS = "writer"  # the concurrent writer's e-mails start with this


@pytest.fixture
async def full(database: Database, database_url: str) -> Database:
    """The demo event with its sample socials and mentors, and a row in every other table."""
    runtime = await bootstrap.start(Settings(database_url=database_url), migrate=False)
    hw = runtime.hw
    try:
        ada = await actor(hw, DEMO_PERSON)
        await file(hw, ada, "Backed up, restored, still here.", anonymous=True)
        await my_calendar(hw, ada)  # a calendar token
        await programme_calendar(hw)  # calendar versions
        await _the_rest(runtime.database, hw.now())
    finally:
        await runtime.close()
    shot = await snapshot(database)
    assert [name for name, rows in shot.items() if not rows] == []
    return database


async def _the_rest(database: Database, now: object) -> None:
    async with database.engine.begin() as connection:
        person = (await connection.execute(select(participants.c.id))).scalars().first()
        event_id = (await connection.execute(select(socials.c.event_id))).scalars().first()
        social = (await connection.execute(select(socials.c.id))).scalars().first()
        slot = (await connection.execute(select(social_slots.c.id))).scalars().first()
        session = (await connection.execute(select(mentoring_sessions.c.id))).scalars().first()
        rows = [
            (slack_events, {"event_id": "Ev0001", "received_at": now}),
            (
                rooms,
                {
                    "event_id": event_id,
                    "key": "r1",
                    "platform": "slack",
                    "ref": "C1",
                    "opened_at": now,
                },
            ),
            (
                published_events,
                {
                    "event_id": event_id,
                    "platform": "discord",
                    "key": "p1",
                    "ref": "9",
                    "fingerprint": "f",
                    "starts_at": now,
                },
            ),
            (rsvps, {"slot_id": slot, "participant_id": person, "created_at": now}),
            (
                mentoring_bookings,
                {
                    "event_id": event_id,
                    "session_id": session,
                    "participant_id": person,
                    "note": "hi",
                    "state": BookingState.BOOKED,
                    "created_at": now,
                },
            ),
            (
                social_suggestions,
                {
                    "social_id": social,
                    "chair_id": person,
                    "message": "later?",
                    "starts": [now],
                    "created_at": now,
                },
            ),
        ]
        for table, values in rows:
            await connection.execute(insert(table).values(**values))


# --- SQLite ---


def sqlite_path(url: str) -> Path:
    return Path(make_url(url).database or "")


@contextmanager
def open_write(path: Path) -> Iterator[sqlite3.Connection]:
    """A transaction that has written a row and not committed yet: a write in progress."""
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("BEGIN IMMEDIATE")
    connection.execute(
        "INSERT INTO slack_events (event_id, received_at) VALUES ('Ev-in-flight', '2021-07-19')"
    )
    try:
        yield connection
    finally:
        connection.execute("COMMIT")
        connection.close()


class PairWriter(threading.Thread):
    """Commits pairs (a participant and their account) as fast as it can until stopped."""

    def __init__(self, path: Path) -> None:
        super().__init__(daemon=True)
        self.path, self.committed, self.stop = path, 0, threading.Event()
        self.under_way = threading.Event()  # set once 20 pairs are in

    def run(self) -> None:
        connection = sqlite3.connect(self.path, isolation_level=None, timeout=30)
        try:
            while not self.stop.is_set():
                n = self.committed
                connection.execute("BEGIN IMMEDIATE")
                cursor = connection.execute(
                    "INSERT INTO participants (event_id, email, name, roles) "
                    f"SELECT id, '{PAIRS}{n}@example.org', 'W {n}', '' FROM events LIMIT 1"
                )
                connection.execute(
                    "INSERT INTO accounts (event_id, participant_id, platform, user_id) "
                    f"SELECT event_id, id, 'slack', 'UW{n}' FROM participants WHERE id = ?",
                    (cursor.lastrowid,),
                )
                connection.execute("COMMIT")
                self.committed += 1
                if self.committed == 20:
                    self.under_way.set()
        finally:
            connection.close()


def written_pairs(shot: Snapshot) -> tuple[int, int]:
    people = [r for r in shot["participants"].values() if r["email"].startswith(PAIRS)]
    accounts = [r for r in shot["accounts"].values() if str(r["user_id"]).startswith("UW")]
    return len(people), len(accounts)


def without_writes(shot: Snapshot, pairs: int) -> Snapshot:
    """`shot` as it was after the writer's first `pairs` pairs (and nothing in flight)."""
    kept = {f"{PAIRS}{n}@example.org" for n in range(pairs)}
    users = {f"UW{n}" for n in range(pairs)}
    trimmed = dict(shot)
    trimmed["participants"] = {
        key: row
        for key, row in shot["participants"].items()
        if not row["email"].startswith(PAIRS) or row["email"] in kept
    }
    ids = set(trimmed["participants"])
    trimmed["accounts"] = {
        key: row
        for key, row in shot["accounts"].items()
        if (row["participant_id"],) in ids
        and (not str(row["user_id"]).startswith("UW") or row["user_id"] in users)
    }
    return trimmed


async def test_a_backup_under_writes_then_wipe_and_restore_gives_back_every_row(
    full: Database, database_url: str, backend: str, tmp_path: Path
) -> None:
    if backend == "postgresql":
        return await _postgres_round_trip(full, database_url, tmp_path)
    path = sqlite_path(database_url)
    writer = PairWriter(path)
    writer.start()
    copies: list[tuple[Path, int, int]] = []  # each copy, with the pairs committed around it
    try:
        assert await asyncio.to_thread(writer.under_way.wait, 10)
        for number in range(5):  # several backups, the writer committing all along
            target = tmp_path / f"copy{number}.db"
            before = writer.committed
            said = await asyncio.to_thread(backups.backup, database_url, target)
            assert said == f"SQLite database copied to {target}"
            copies.append((target, before, writer.committed))
    finally:
        writer.stop.set()
        writer.join()
    original = await snapshot(full)
    await full.dispose()
    for target, before, after in copies:
        copied = await _sqlite_snapshot(target)
        people, accounts = written_pairs(copied)
        assert people == accounts, "a pair was split: the copy is not at a transaction boundary"
        assert before <= people <= after
        assert copied == without_writes(original, people)  # every table, row by row
    assert writer.committed > copies[0][1]  # the writer did go on while the copies were made

    for leftover in path.parent.glob(path.name + "*"):  # the database, its WAL and index
        leftover.unlink()
    assert backups.restore(database_url, target) == f"SQLite database restored from {target}"
    # `target` and `copied` are the last copy
    restored = await _sqlite_snapshot(path)
    assert restored == copied
    with sqlite3.connect(path) as check:
        assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert check.execute("PRAGMA foreign_key_check").fetchall() == []
    runtime = await bootstrap.start(Settings(database_url=database_url))  # Hallway runs on it
    try:
        assert await current(runtime.database) == "0009"
    finally:
        await runtime.close()
    return None


def test_a_sqlite_backup_leaves_out_a_write_still_in_progress(
    sqlite_template: Path, tmp_path: Path
) -> None:
    path, target = tmp_path / "hallway.db", tmp_path / "copy.db"
    shutil.copy(sqlite_template, path)
    with open_write(path):
        backups.backup(f"sqlite:///{path}", target)
    with sqlite3.connect(target) as copy:
        assert copy.execute("SELECT count(*) FROM slack_events").fetchone() == (0,)
    with sqlite3.connect(path) as original:
        events = original.execute("SELECT event_id FROM slack_events").fetchall()
    assert events == [("Ev-in-flight",)]  # committed after the copy was taken


async def _sqlite_snapshot(path: Path) -> Snapshot:
    database = _connect(f"sqlite:///{path}")
    try:
        return await snapshot(database)
    finally:
        await database.dispose()


def _connect(url: str) -> Database:
    return connect(url)


# --- PostgreSQL ---


async def _postgres_round_trip(full: Database, database_url: str, tmp_path: Path) -> None:
    url = make_url(database_url)
    target = tmp_path / "hallway.dump"
    admin = url.set(drivername="postgresql").render_as_string(hide_password=False)
    writing = await asyncpg.connect(admin)
    try:
        in_flight = writing.transaction()
        await in_flight.start()
        await writing.execute(
            "INSERT INTO participants (event_id, email, name, roles) "
            "SELECT id, 'in-flight@example.org', 'In Flight', '' FROM events LIMIT 1"
        )
        said = await asyncio.to_thread(backups.backup, database_url, target)
        before = await snapshot(full)  # what was committed: the write is still open
        await in_flight.rollback()
    finally:
        await writing.close()
    assert said == f"PostgreSQL database dumped to {target} (restore with pg_restore)"
    fresh = f"hallway_restore_{uuid.uuid4().hex[:8]}"
    await _admin(admin, f'CREATE DATABASE "{fresh}"')
    try:
        into = url.set(database=fresh)
        command = backups.pg_restore_command(into, target)
        done = await asyncio.to_thread(
            subprocess.run, command, capture_output=True, text=True, check=False
        )
        assert done.returncode == 0, done.stderr
        restored_url = into.render_as_string(hide_password=False)
        restored_db = _connect(restored_url)
        try:
            restored = await snapshot(restored_db)
            assert await current(restored_db) == "0009"
        finally:
            await restored_db.dispose()
    finally:
        await _admin(admin, f'DROP DATABASE IF EXISTS "{fresh}" WITH (FORCE)')
    assert restored == before  # every table, row by row
    assert all(restored[name] for name in before)  # and none of them empty
    assert "in-flight@example.org" not in str(restored["participants"])


async def _admin(url: str, statement: str) -> None:
    connection = await asyncpg.connect(url)
    try:
        await connection.execute(statement)
    finally:
        await connection.close()


def test_without_pg_dump_the_backup_says_how_to_make_one(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(backups.shutil, "which", lambda name: None)
    with pytest.raises(ConfigError) as refused:
        backups.backup("postgresql://hallway@db.internal/hw", tmp_path / "hw.dump")
    assert str(refused.value) == (
        "pg_dump is not installed here; back up PostgreSQL with: pg_dump --format=custom "
        f"--file={tmp_path / 'hw.dump'} postgresql://hallway@db.internal/hw"
    )
