"""aiosqlite with one trip to its thread per statement instead of four.

aiosqlite runs SQLite on a thread of its own and hands each call over (a queue, a future, a
wake-up of the event loop). SQLAlchemy's adapter makes four such calls per statement: make a
cursor, execute, fetch the rows, close the cursor. Each hand-over costs far more than a
typical Hallway statement on an indexed table (the load bench measured a third of the
serving process's CPU in them). Here the cursor does all four on the thread in one call and
keeps the rows; fetching them afterwards needs no trip. Two more trips per unit of work go:
BEGIN IMMEDIATE travels with the transaction's first statement (nothing runs between them
either way), and a rollback is not sent when sqlite3 would do nothing with it (the pool rolls
back a connection handed back after its transaction already ended). The statements, their
order, the thread and the transactions are otherwise as before.

Rows are read whole at execute, as SQLAlchemy's adapter already does for every result that
is not streamed; a streamed (server-side) result is read whole too, which Hallway, whose
results are small, does not notice.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections import deque
from collections.abc import Iterable, Sequence
from types import TracebackType
from typing import Any

import aiosqlite

Row = Any
# What one trip brings back: the cursor's description, rowcount and lastrowid, and its rows.
Outcome = tuple[Any, int, int | None, list[Row]]


def connect_one_trip(database: str, **kwargs: Any) -> OneTripConnection:
    """Like `aiosqlite.connect`: an awaitable connection, for `async_creator`."""

    def connector() -> sqlite3.Connection:
        made: sqlite3.Connection = sqlite3.connect(database, **kwargs)
        return made

    connection = OneTripConnection(connector, 64)
    connection._thread.daemon = True  # as SQLAlchemy makes aiosqlite's own
    return connection


class OneTripConnection(aiosqlite.Connection):
    # The statement that begins the transaction, sent with the transaction's first statement.
    _begin: str | None = None

    async def _connect(self) -> OneTripConnection:
        """A file that cannot be opened: aiosqlite asks its thread to stop but does not wait.
        At start-up that error ends the process, and a thread answering a loop already
        closed prints a traceback under the one-line message; so the thread is seen out."""
        try:
            await super()._connect()
        except BaseException:
            await asyncio.to_thread(self._thread.join, 5.0)
            raise
        return self

    def cursor(self) -> OneTripCursor:  # type: ignore[override]
        """No trip: the sqlite3 cursor is made on the thread when a statement runs."""
        return OneTripCursor(self)

    def begin_with_next(self, begin: str) -> None:
        """`begin` (e.g. BEGIN IMMEDIATE) runs in the same trip as the next statement, just
        before it: nothing can be read or written in between either way."""
        self._begin = begin

    async def commit(self) -> None:
        if self._pending_begin_dropped():
            return
        await super().commit()

    async def rollback(self) -> None:
        """No trip when there is nothing to roll back: sqlite3 itself does nothing then, and a
        connection handed back to the pool after its transaction ended is rolled back again."""
        if self._pending_begin_dropped() or not self._conn.in_transaction:
            return
        await super().rollback()

    def _pending_begin_dropped(self) -> bool:
        """A transaction that ends before its first statement was never begun."""
        pending, self._begin = self._begin, None
        return pending is not None

    async def run(self, sql: str, parameters: Any, many: bool) -> Outcome:
        begin, self._begin = self._begin, None
        # The statement before `begin` in the call: aiosqlite logs the call at DEBUG, and
        # `bot.logs` shows the first text in it (the statement), never the parameters.
        outcome: Outcome = await self._execute(_run, self._conn, sql, parameters, many, begin)  # type: ignore[no-untyped-call]
        return outcome


def _run(
    connection: sqlite3.Connection, sql: str, parameters: Any, many: bool, begin: str | None
) -> Outcome:
    """On aiosqlite's thread: the statement, its rows, and what the cursor says about it."""
    cursor = connection.cursor()
    try:
        if begin is not None:
            cursor.execute(begin)
        if many:
            cursor.executemany(sql, parameters)
        else:
            cursor.execute(sql, parameters)
        rows = cursor.fetchall() if cursor.description else []
        return cursor.description, cursor.rowcount, cursor.lastrowid, rows
    finally:
        cursor.close()


class OneTripCursor:
    """The part of aiosqlite's cursor SQLAlchemy's adapter uses, one trip per statement."""

    def __init__(self, connection: OneTripConnection) -> None:
        self._connection = connection
        self._rows: deque[Row] = deque()
        self.description: Any = None
        self.rowcount = -1
        self.lastrowid: int | None = None
        self.arraysize = 1

    async def __aenter__(self) -> OneTripCursor:
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    async def execute(self, sql: str, parameters: Sequence[Any] | None = None) -> OneTripCursor:
        self._keep(await self._connection.run(sql, parameters or (), False))
        return self

    async def executemany(self, sql: str, parameters: Iterable[Sequence[Any]]) -> OneTripCursor:
        self._keep(await self._connection.run(sql, parameters, True))
        return self

    def _keep(self, outcome: Outcome) -> None:
        self.description, self.rowcount, self.lastrowid, rows = outcome
        self._rows = deque(rows)

    async def fetchone(self) -> Row | None:
        return self._rows.popleft() if self._rows else None

    async def fetchmany(self, size: int | None = None) -> list[Row]:
        wanted = self.arraysize if size is None else size
        return [self._rows.popleft() for _ in range(min(wanted, len(self._rows)))]

    async def fetchall(self) -> list[Row]:
        rows, self._rows = list(self._rows), deque()
        return rows

    async def close(self) -> None:
        self._rows.clear()
