"""/conduct in the console: a participant reports, the demo chair (on the conduct team) sees the
post in the team's channel, lists the reports and marks one handled."""

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

CHAIR = "chair@demo.hallway.test"
WORDS = "Someone shouted <!channel> and @everyone *at* the quiz."


@pytest.fixture
async def runtime(tmp_path: Path) -> AsyncIterator[bootstrap.Runtime]:
    clock = ManualClock(datetime(2026, 11, 27, 9, 0, tzinfo=UTC))
    started = await bootstrap.start(
        Settings(database_url=f"sqlite:///{tmp_path / 'hallway.db'}"),
        clock=clock,
        demo_socials=False,
    )
    yield started
    await started.close()


async def console(runtime: bootstrap.Runtime, *lines: str) -> ScriptedIO:
    io = ScriptedIO(lines)
    await bootstrap.run_console(runtime, DEMO_PERSON, io)
    return io


def report_form(anonymous: str) -> tuple[str, ...]:
    """/conduct and its answers: about, which one, what happened, stay anonymous."""
    return ("/conduct", "A social", "Quiz night, Tuesday", WORDS, anonymous)


async def test_a_report_goes_from_a_participant_to_the_team_and_is_handled(
    runtime: bootstrap.Runtime,
) -> None:
    io = await console(
        runtime,
        *report_form(""),
        f"/as {CHAIR}",
        "/conduct list",
        "/press 1",  # "Mark handled" on the card in the team's channel
        "Spoke to the leads; they will warn the person.",
        "/conduct list handled",
    )
    shown = io.text
    assert "Stay anonymous (" in "\n".join(io.prompts)
    assert "== Report received ==" in shown and "has your report #1" in shown
    assert "[direct message]\n== Your code-of-conduct report ==" in shown
    assert "[#conduct-team, while you were away]\n== Code-of-conduct report #1 ==" in shown
    assert "Filed by Ada Lovelace (ada@demo.hallway.test)" in shown
    assert "Conduct reports — open (1)" in shown
    assert "== Report #1 marked handled ==" in shown
    assert "[#conduct-team, updated]" in shown
    assert "Handled by Grace Hopper on Friday 27 November 2026: Spoke to the leads;" in shown
    assert WORDS in shown


async def test_an_anonymous_report_reaches_the_team_without_a_name(
    runtime: bootstrap.Runtime,
) -> None:
    io = await console(runtime, *report_form("yes"), f"/as {CHAIR}")
    shown = io.text
    assert "You filed it anonymously" in shown
    assert "[direct message]" not in shown
    assert "Filed anonymously on" in shown
    assert "Ada Lovelace (ada@demo.hallway.test)" not in shown.split("while you were away")[1]


async def test_the_participant_sees_neither_the_team_channel_nor_the_list(
    runtime: bootstrap.Runtime,
) -> None:
    shown = (await console(runtime, *report_form(""), "/conduct list")).text
    assert "[#conduct-team" not in shown
    assert "! Only the code-of-conduct team of Hallway Demo Conference can read" in shown


async def test_a_too_long_report_is_asked_again_at_its_field(
    runtime: bootstrap.Runtime,
) -> None:
    io = await console(runtime, "/conduct", "In general", "", "z" * 4001, "/cancel", "/as x")
    assert "! What happened is 4,001 characters; at most 4,000 fit." in io.text
    assert io.prompts.count("What happened: ") == 2
    assert "Cancelled; nothing was saved." in io.text


async def test_the_policy_is_one_command_away(runtime: bootstrap.Runtime) -> None:
    shown = (await console(runtime, "/conduct policy")).text
    assert "== Code of conduct ==" in shown
    assert "subject to the conference's code of conduct" in shown
