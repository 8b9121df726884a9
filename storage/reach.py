"""Reaching the database at start-up. A server that is not there (nothing listening, a host
name that does not resolve, no answer), one that turns Hallway away (no such database, a
wrong password) or a SQLite file that cannot be opened is one sentence naming where Hallway
looked — the host and port of `DATABASE_URL`, never its password — not a driver's traceback."""

from __future__ import annotations

import socket
import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError

from bot.errors import ConfigError
from storage.engine import Database
from storage.outage import lost_connection

_DEFAULT_PORTS = {"postgresql": 5432}
# PostgreSQL's SQLSTATEs for being turned away at the door: invalid authorization (28…: a
# wrong password, no such role, pg_hba) and no such database (3D000).
_TURNED_AWAY = ("28", "3D000")


@asynccontextmanager
async def reaching(database: Database) -> AsyncIterator[None]:
    """Around the first use of `database`: failing to connect becomes a `ConfigError`."""
    try:
        yield
    except Exception as exc:
        problem = unusable_because(database.engine.url, exc)
        if problem is None:
            raise
        raise ConfigError(problem) from None


def server_of(url: URL) -> str:
    """`host:port` as the driver would use them (a socket directory when no host is named)."""
    host = url.host or str(url.query.get("host") or "localhost")
    port = url.port or _DEFAULT_PORTS.get(url.get_backend_name())
    return f"{host}:{port}" if port else host


def unusable_because(url: URL, exc: BaseException) -> str | None:
    """What to tell the operator when `exc` means the database cannot be used at all; None for
    anything else (a bug, a constraint), which stays what it is."""
    root = _root(exc)
    text = str(root).splitlines()[0] if str(root) else type(root).__name__
    if isinstance(root, sqlite3.OperationalError) and "unable to open" in text:
        return (
            f"cannot open the SQLite database {url.database} (DATABASE_URL): {text} "
            "(does its folder exist, and may Hallway write there?)"
        )
    if lost_connection(exc) or isinstance(root, TimeoutError):
        return f"cannot reach the database server at {server_of(url)} (DATABASE_URL): {_why(root)}"
    state = str(getattr(root, "sqlstate", "") or "")
    if state.startswith(_TURNED_AWAY):
        return f"the database server at {server_of(url)} (DATABASE_URL) said: {text}"
    return None


def _root(exc: BaseException) -> BaseException:
    if isinstance(exc, DBAPIError) and exc.orig is not None:
        return exc.orig.__cause__ or exc.orig
    return exc


def _why(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else ""
    if isinstance(exc, ConnectionRefusedError) or "[Errno 111]" in text:
        return "connection refused (is the server running, and listening there?)"
    if isinstance(exc, socket.gaierror):
        return "the host name is not known"
    if isinstance(exc, TimeoutError):
        return "no answer in time"
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
