"""The console, driven by a script, as a newcomer would type it."""

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


@pytest.fixture
async def runtime(tmp_path: Path) -> AsyncIterator[bootstrap.Runtime]:
    clock = ManualClock(datetime(2026, 11, 27, 9, 0, tzinfo=UTC))
    started = await bootstrap.start(
        Settings(database_url=f"sqlite:///{tmp_path / 'hallway.db'}"), clock=clock
    )
    yield started
    await started.close()


async def session(runtime: bootstrap.Runtime, *lines: str, who: str = DEMO_PERSON) -> str:
    io = ScriptedIO(lines)
    await bootstrap.run_console(runtime, who, io)
    return io.text


async def test_a_newcomer_lands_as_the_demo_participant(runtime: bootstrap.Runtime) -> None:
    shown = await session(runtime, "/whoami")
    assert "You are Ada Lovelace at Hallway Demo Conference." in shown
    assert "Registered for Hallway Demo Conference as ada@demo.hallway.test." in shown
    assert shown.endswith("Bye.")


async def test_the_demo_event_runs_from_tomorrow(runtime: bootstrap.Runtime) -> None:
    event = runtime.hw.event
    assert (event.slug, str(event.first_day), str(event.socials.deadline)) == (
        "demo",
        "2026-11-28",
        "2026-11-27",
    )


async def test_help_lists_the_commands(runtime: bootstrap.Runtime) -> None:
    shown = await session(runtime, "/help")
    for usage in ("/whoami", "/timezone <zone>", "/verify <email> <registration_id>"):
        assert usage in shown


async def test_a_time_zone_applies_from_the_next_command(runtime: bootstrap.Runtime) -> None:
    shown = await session(runtime, "/timezone Asia/Tokyo", "/whoami")
    assert "Times you type are now read in Asia/Tokyo. It is 18:00 JST there." in shown
    assert "Time zone: Asia/Tokyo. Now it is Friday 27 November 2026, 18:00 JST." in shown


async def test_a_bad_zone_is_answered_with_suggestions(runtime: bootstrap.Runtime) -> None:
    shown = await session(runtime, "/timezone Tokyo")
    assert "! “Tokyo” is not a time zone name like Europe/Paris. Did you mean Asia/Tokyo?" in shown


async def test_acting_as_someone_else_and_as_a_stranger(runtime: bootstrap.Runtime) -> None:
    shown = await session(
        runtime, "/as chair@demo.hallway.test", "/whoami", "/as who@else.org", "/whoami"
    )
    assert "Roles: chair, conduct." in shown
    assert "You are who@else.org (not registered) at Hallway Demo Conference." in shown
    assert "This console account is not linked to a registration" in shown


async def test_mistakes_get_a_sentence_not_a_traceback(runtime: bootstrap.Runtime) -> None:
    shown = await session(runtime, "hello", "/nosuch", "/verify only-one-word", "/press 9")
    assert "Commands start with / — try /help." in shown
    assert "! /nosuch needs a verb. Try /nosuch help." in shown
    assert "! registration_id is missing. Usage: /verify <email> <registration_id>" in shown
    assert "! No button has that number." in shown
    assert "Traceback" not in shown


async def test_quit_ends_the_session(runtime: bootstrap.Runtime) -> None:
    shown = await session(runtime, "/quit", "/whoami")
    assert "Registered for" not in shown
