"""Importing 10,000 registrations on SQLite (target: under 3 s).

Baseline, in the same run: the raw floor — Python's sqlite3 inserting the same rows with one
executemany into a bare table, no parsing, no checks, no ORM.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from tempfile import TemporaryDirectory

from bench.common import fresh_sqlite, icml_hallway
from bot.services.participants import import_participants

ROWS = 10_000


def registrations_csv(rows: int) -> str:
    lines = ["email,name,registration_id,roles"]
    for number in range(rows):
        role = "mentor" if number % 50 == 0 else ("chair" if number < 3 else "")
        lines.append(f"person{number}@example.org,Person {number},REG-{number:05d},{role}")
    return "\n".join(lines) + "\n"


def baseline(rows: int) -> float:
    with TemporaryDirectory() as folder:
        connection = sqlite3.connect(Path(folder) / "raw.db")
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("CREATE TABLE p (email TEXT UNIQUE, name TEXT, reg TEXT, roles TEXT)")
        data = [(f"person{n}@example.org", f"Person {n}", f"REG-{n:05d}", "") for n in range(rows)]
        started = time.perf_counter()
        connection.executemany("INSERT INTO p VALUES (?, ?, ?, ?)", data)
        connection.commit()
        elapsed = time.perf_counter() - started
        connection.close()
    return elapsed


async def run() -> None:
    text = registrations_csv(ROWS)
    async with fresh_sqlite() as (database, _path):
        hw = await icml_hallway(database)
        started = time.perf_counter()
        first = await import_participants(hw, text)
        first_seconds = time.perf_counter() - started
        started = time.perf_counter()
        again = await import_participants(hw, text)
        again_seconds = time.perf_counter() - started
    assert len(first.accepted) == ROWS and first.added == ROWS and again.updated == ROWS
    floor = baseline(ROWS)
    print(f"import {ROWS:,} new rows:       {first_seconds:.3f} s   (target < 3 s)")
    print(f"re-import {ROWS:,} (updates):   {again_seconds:.3f} s")
    print(f"baseline raw sqlite3 insert:   {floor:.3f} s   (same rows, no checks)")
