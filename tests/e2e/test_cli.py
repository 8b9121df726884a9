"""The `hallway` command line, run as a real process."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def hallway(
    tmp_path: Path, *args: str, stdin: str = "", **env: str
) -> subprocess.CompletedProcess[str]:
    environ = {
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": str(ROOT),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'hallway.db'}",
        **env,
    }
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=tmp_path,
        env=environ,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_db_upgrade_reports_the_revision(tmp_path: Path) -> None:
    result = hallway(tmp_path, "db", "upgrade")
    assert result.returncode == 0, result.stderr
    assert "database at revision" in result.stdout
    assert (tmp_path / "hallway.db").exists()


def test_run_without_tokens_is_the_console_on_the_demo_event(tmp_path: Path) -> None:
    result = hallway(tmp_path, "run", stdin="/whoami\n/quit\n")
    assert result.returncode == 0, result.stderr
    assert "You are Ada Lovelace at Hallway Demo Conference." in result.stdout
    assert "Roles: participant." in result.stdout


def test_participants_import_prints_accepted_and_refused_rows(tmp_path: Path) -> None:
    csv_file = tmp_path / "people.csv"
    csv_file.write_text("email,name,roles\nkim@example.org,Kim,mentor\nbroken,Lee,\n")
    event = tmp_path / "event.toml"
    event.write_text((ROOT / "examples" / "icml2021.toml").read_text())
    result = hallway(
        tmp_path, "participants", "import", str(csv_file), HALLWAY_EVENT_FILE=str(event)
    )
    assert result.returncode == 1  # something was refused: scripts can tell
    assert "ICML 2021: 1 rows accepted (1 new, 0 updated), 1 refused." in result.stdout
    assert "line 3: “broken” is not an e-mail address" in result.stdout


def test_a_malformed_variable_stops_start_with_its_name(tmp_path: Path) -> None:
    result = hallway(tmp_path, "db", "upgrade", PORT="eighty")
    assert result.returncode == 2
    assert "PORT 'eighty': expected a port number" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_broken_event_file_stops_start_naming_the_key(tmp_path: Path) -> None:
    event = tmp_path / "event.toml"
    event.write_text(
        (ROOT / "examples" / "icml2021.toml")
        .read_text()
        .replace("last_day = 2021-07-24", "last_day = 2021-07-01")
    )
    result = hallway(tmp_path, "console", "--as", "x@y.org", HALLWAY_EVENT_FILE=str(event))
    assert result.returncode == 2
    assert "event.last_day (2021-07-01) is before event.first_day (2021-07-18)" in result.stderr


def test_the_scheduler_alone_needs_a_platform_to_reach(tmp_path: Path) -> None:
    result = hallway(tmp_path, "scheduler")
    assert result.returncode == 2
    assert "hallway scheduler delivers to Slack and Discord" in result.stderr


def test_backup_and_restore_round_trip(tmp_path: Path) -> None:
    people = tmp_path / "people.csv"
    people.write_text("email,name\nkim@example.org,Kim\n")
    assert hallway(tmp_path, "participants", "import", str(people)).returncode == 0
    backup_file = tmp_path / "backups" / "copy.db"
    made = hallway(tmp_path, "db", "backup", str(backup_file))
    assert made.returncode == 0, made.stderr
    assert f"SQLite database copied to {backup_file}" in made.stdout

    later = tmp_path / "later.csv"
    later.write_text("email,name\nlee@example.org,Lee\n")
    hallway(tmp_path, "participants", "import", str(later))
    restored = hallway(tmp_path, "db", "restore", str(backup_file))
    assert restored.returncode == 0, restored.stderr

    with sqlite3.connect(tmp_path / "hallway.db") as connection:
        emails = sorted(row[0] for row in connection.execute("SELECT email FROM participants"))
    assert "kim@example.org" in emails
    assert "lee@example.org" not in emails


def test_restore_refuses_a_missing_backup(tmp_path: Path) -> None:
    result = hallway(tmp_path, "db", "restore", str(tmp_path / "nope.db"))
    assert result.returncode == 2
    assert "no such backup file" in result.stderr
