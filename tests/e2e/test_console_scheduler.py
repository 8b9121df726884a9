"""The console runs the scheduler in its own process: reminders and announcements print there,
right after the command during which they fell due."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from adapters.console.io import ScriptedIO
from bot import bootstrap
from bot.clock import ManualClock
from bot.config import Settings
from bot.demo import DEMO_PERSON
from bot.domain.socials import Rsvp
from tests.factories import stored_social

NOW = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)


@pytest.fixture
async def runtime(tmp_path: Path) -> AsyncIterator[bootstrap.Runtime]:
    started = await bootstrap.start(
        Settings(database_url=f"sqlite:///{tmp_path / 'hallway.db'}"), clock=ManualClock(NOW)
    )
    yield started
    await started.close()


async def social_starting_soon(runtime: bootstrap.Runtime) -> None:
    """Grace and Alan lead a social in ten minutes; Ada is going."""
    hw = replace(runtime.hw, platforms=("console",))
    async with hw.uow() as uow:
        people = {
            email.split("@")[0]: await uow.participants.by_email(hw.event.id, email)
            for email in ("chair@demo.hallway.test", "mentor@demo.hallway.test", DEMO_PERSON)
        }
    ids = {name: person.id for name, person in people.items() if person is not None}
    social = await stored_social(
        hw,
        "Hallway karaoke",
        [ids["chair"], ids["mentor"]],
        [NOW + timedelta(minutes=10)],
        released=True,
    )
    async with hw.uow() as uow:
        uow.rsvps.add(Rsvp(social.slots[0].id, ids["ada"], NOW))
        await uow.commit()


async def test_a_reminder_prints_in_the_console_after_the_next_command(
    runtime: bootstrap.Runtime,
) -> None:
    await social_starting_soon(runtime)
    io = ScriptedIO(["/whoami", "/whoami"])
    await bootstrap.run_console(runtime, DEMO_PERSON, io)
    shown = io.text
    assert shown.count("A social you are going to starts soon") == 1
    assert shown.index("You are Ada Lovelace") < shown.index("[direct message]")


async def test_the_start_is_announced_in_the_console_when_its_time_comes(
    runtime: bootstrap.Runtime,
) -> None:
    await social_starting_soon(runtime)
    clock = runtime.hw.clock
    assert isinstance(clock, ManualClock)
    clock.set(NOW + timedelta(minutes=10))
    io = ScriptedIO(["/whoami"])
    await bootstrap.run_console(runtime, DEMO_PERSON, io)
    assert "[#socials]\n== Starting now ==\nHallway karaoke starts now" in io.text
