"""Consistent copies of the database.

SQLite: the online backup API copies a live database page by page, consistent even while
Hallway writes. PostgreSQL: `pg_dump`, the tool made for it (custom format, for pg_restore).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy.engine import URL, make_url

from bot.errors import ConfigError


def backup(database_url: str, target: Path) -> str:
    """Write a consistent copy to `target`; returns a sentence saying what was done."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        _sqlite_copy(Path(url.database or ""), target)
        return f"SQLite database copied to {target}"
    return _pg_dump(url, target)


def restore(database_url: str, source: Path) -> str:
    """Replace the database with a backup (SQLite only; PostgreSQL uses pg_restore)."""
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite":
        raise ConfigError(
            f"restore a PostgreSQL backup with: {' '.join(pg_restore_command(url, source))}"
            + _password_note(url)
        )
    if not source.is_file():
        raise ConfigError(f"{source}: no such backup file")
    _sqlite_copy(source, Path(url.database or ""))
    return f"SQLite database restored from {source}"


def _sqlite_copy(source: Path, target: Path) -> None:
    if not source.is_file():
        raise ConfigError(f"{source}: no such database file")
    target.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(source) as origin, sqlite3.connect(target) as copy:
        origin.backup(copy)
    copy.close()


def pg_restore_command(url: URL, source: Path) -> list[str]:
    """Into an empty database or over Hallway's own (`--clean --if-exists` drops what is there)."""
    return [
        "pg_restore",
        "--clean",
        "--if-exists",
        "--no-owner",
        f"--dbname={_without_password(url)}",
        str(source),
    ]


def _pg_dump(url: URL, target: Path) -> str:
    command = ["pg_dump", "--format=custom", f"--file={target}", _without_password(url)]
    if shutil.which("pg_dump") is None:
        raise ConfigError(
            "pg_dump is not installed here; back up PostgreSQL with: "
            + " ".join(command)
            + _password_note(url)
        )
    # The password travels in the environment: a command line is visible to every local user.
    environ = {**os.environ, **({"PGPASSWORD": url.password} if url.password else {})}
    result = subprocess.run(command, capture_output=True, text=True, check=False, env=environ)
    if result.returncode != 0:
        raise ConfigError(f"pg_dump failed: {result.stderr.strip()}")
    return f"PostgreSQL database dumped to {target} (restore with pg_restore)"


def _without_password(url: URL) -> str:
    """libpq's URL: the plain `postgresql` scheme, and never the password (it goes elsewhere)."""
    plain = URL.create(
        "postgresql", url.username, None, url.host, url.port, url.database, url.query
    )
    return plain.render_as_string(hide_password=False)


def _password_note(url: URL) -> str:
    return " (with the database password in PGPASSWORD)" if url.password else ""
