"""Consistent copies of the database.

SQLite: the online backup API copies a live database page by page, consistent even while
Hallway writes. PostgreSQL: `pg_dump`, the tool made for it (custom format, for pg_restore).
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from pathlib import Path

from sqlalchemy.engine import make_url

from bot.errors import ConfigError


def backup(database_url: str, target: Path) -> str:
    """Write a consistent copy to `target`; returns a sentence saying what was done."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        _sqlite_copy(Path(url.database or ""), target)
        return f"SQLite database copied to {target}"
    return _pg_dump(url.set(drivername="postgresql").render_as_string(hide_password=False), target)


def restore(database_url: str, source: Path) -> str:
    """Replace the database with a backup (SQLite only; PostgreSQL uses pg_restore)."""
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite":
        hint = f"pg_restore --clean --dbname '{database_url}' {source}"
        raise ConfigError(f"restore a PostgreSQL backup with: {hint}")
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


def _pg_dump(url: str, target: Path) -> str:
    tool = shutil.which("pg_dump")
    command = ["pg_dump", "--format=custom", f"--file={target}", url]
    if tool is None:
        raise ConfigError(
            "pg_dump is not installed here; back up PostgreSQL with: " + " ".join(command)
        )
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise ConfigError(f"pg_dump failed: {result.stderr.strip()}")
    return f"PostgreSQL database dumped to {target} (restore with pg_restore)"
