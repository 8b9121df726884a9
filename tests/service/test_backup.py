from __future__ import annotations

import asyncio
import sqlite3
import subprocess
from pathlib import Path

from bot.app import Hallway
from storage.backup import backup
from tests.factories import register


def pg_restore_list(target: Path) -> str:
    command = ["pg_restore", "--list", str(target)]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


async def test_a_backup_is_a_real_copy_of_the_database(
    hw: Hallway, database_url: str, backend: str, tmp_path: Path
) -> None:
    await register(hw, "ada@example.org")
    target = tmp_path / "backup.bin"
    said = backup(database_url, target)
    if backend == "sqlite":
        assert said.startswith("SQLite database copied")
        with sqlite3.connect(target) as copy:
            emails = [row[0] for row in copy.execute("SELECT email FROM participants")]
        assert emails == ["ada@example.org"]
    else:
        assert said.startswith("PostgreSQL database dumped")
        listing = await asyncio.to_thread(pg_restore_list, target)
        assert "TABLE DATA public participants" in listing
