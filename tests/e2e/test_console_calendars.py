"""The console writes the files replies carry and prints where: a calendar, the chairs' exports
and the heatmap."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from adapters.console.io import ScriptedIO
from bot import bootstrap
from bot.clock import ManualClock
from bot.config import Settings
from bot.demo import DEMO_PERSON
from bot.domain.participants import Role
from tests.calendar_kit import read_ics
from tests.factories import register


@pytest.fixture
async def runtime(tmp_path: Path) -> AsyncIterator[bootstrap.Runtime]:
    clock = ManualClock(datetime(2026, 11, 27, 9, 0, tzinfo=UTC))
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'hallway.db'}", port=8123)
    # The mentoring demo alone: the demo socials would add entries this test does not count.
    started = await bootstrap.start(settings, clock=clock, demo_socials=False)
    yield started
    await started.close()


async def session(runtime: bootstrap.Runtime, folder: Path, *lines: str, who: str) -> str:
    io = ScriptedIO(lines)
    await bootstrap.run_console(runtime, who, io, downloads=folder)
    return io.text


async def test_programme_ics_writes_my_calendar_and_prints_its_path_and_links(
    runtime: bootstrap.Runtime, tmp_path: Path
) -> None:
    shown = await session(
        runtime, tmp_path / "files", "/programme ics", who="mentor@demo.hallway.test"
    )
    written = tmp_path / "files" / "demo-mine.ics"
    assert f"File: {written}" in shown
    assert len(read_ics(written.read_bytes())) == 2  # the demo mentor's two sessions
    assert "http://localhost:8123/calendar/programme.ics" in shown


async def test_a_chair_writes_the_exports_and_the_heatmap(
    runtime: bootstrap.Runtime, tmp_path: Path
) -> None:
    await register(runtime.hw, "chair@demo.hallway.test", "Chair", Role.CHAIR)
    folder = tmp_path / "files"
    shown = await session(
        runtime,
        folder,
        "/social chairs export json",
        "/social chairs balance",
        "/social chairs stats",
        who="chair@demo.hallway.test",
    )
    assert (folder / "demo-submissions.json").is_file()
    assert (folder / "demo-mentoring.json").is_file()
    assert (folder / "demo-heatmap.png").read_bytes().startswith(b"\x89PNG")
    assert "File (for #socials-chairs):" in shown
    assert "Statistics for the chairs" in shown


async def test_someone_else_gets_no_file(runtime: bootstrap.Runtime, tmp_path: Path) -> None:
    shown = await session(runtime, tmp_path / "files", "/social chairs stats", who=DEMO_PERSON)
    assert "! Only the chairs of Hallway Demo Conference can see the statistics." in shown
    assert not (tmp_path / "files").exists()
