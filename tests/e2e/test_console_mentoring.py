"""Mentoring through the console, as people would type it: a new mentor's profile and session,
booking, the waitlist and its promotion; an ad-hoc session announced, joined, ended, closed."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from adapters.console.io import ScriptedIO
from bot import bootstrap
from bot.clock import ManualClock
from bot.config import Settings
from bot.demo.seed import seed_demo

Line = str | Callable[[str], str]

KENJI, ADA, EMMY, AMARA = (
    "kenji@demo.hallway.test",
    "ada@demo.hallway.test",
    "emmy@demo.hallway.test",
    "amara@demo.hallway.test",
)
MENTOR = "mentor@demo.hallway.test"


class ClockedIO(ScriptedIO):
    """Typed lines, where a line may be computed from what was shown so far (to press the
    button just shown) and `@advance MINUTES` moves the clock instead of typing."""

    def __init__(self, clock: ManualClock, lines: list[Line]) -> None:
        super().__init__()
        self.clock, self.script = clock, list(lines)

    async def read(self, prompt: str) -> str | None:
        self.prompts.append(prompt)
        while self.script:
            item = self.script.pop(0)
            typed = item(self.text) if callable(item) else item
            if not typed.startswith("@advance "):
                return typed
            self.clock.advance(timedelta(minutes=int(typed.split()[1])))
        return None


def press(label: str) -> Callable[[str], str]:
    """The last button with this label on screen."""
    pattern = re.compile(r"\[(\d+)\] " + re.escape(label) + r"\b")
    return lambda shown: "/press " + pattern.findall(shown)[-1]


def last(pattern: str) -> Callable[[str], str]:
    """The last number on screen that `pattern` (with one group) finds."""
    return lambda shown: re.findall(pattern, shown)[-1]


def session_id(shown: str) -> str:
    return last(r"Session (\d+)")(shown)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(datetime(2026, 11, 27, 9, 0, tzinfo=UTC))  # the demo starts tomorrow


@pytest.fixture
async def runtime(tmp_path: Path, clock: ManualClock) -> AsyncIterator[bootstrap.Runtime]:
    started = await bootstrap.start(
        Settings(database_url=f"sqlite:///{tmp_path / 'hallway.db'}"), clock=clock
    )
    yield started
    await started.close()


async def console(runtime: bootstrap.Runtime, clock: ManualClock, *lines: Line) -> str:
    io = ClockedIO(clock, list(lines))
    await bootstrap.run_console(runtime, ADA, io)
    return io.text


async def test_the_demo_mentor_has_sessions_to_book(
    runtime: bootstrap.Runtime, clock: ManualClock
) -> None:
    shown = await console(runtime, clock, "/mentoring careers")
    assert "Alan Turing (University of Manchester) · Sat 28 Nov, 14:00 UTC – 14:45 UTC" in shown
    assert "[1] Book" in shown


async def test_profile_schedule_browse_book_waitlist_cancel_promotion(
    runtime: bootstrap.Runtime, clock: ManualClock
) -> None:
    shown = await console(
        runtime,
        clock,
        f"/as {KENJI}",
        "/mentor",  # first time: the profile, then the session form
        *("Kyoto University", "academic", "Robotics, Réseaux de neurones", "Robots that learn."),
        *("2026-11-29 10:00", "", "1", "", "Bring a paper draft.", ""),
        f"/as {ADA}",
        "/mentoring reseaux",
        press("Book"),
        "Feedback on my thesis plan",
        f"/as {EMMY}",
        lambda shown: f"/mentoring book {session_id(shown)} Career advice",
        f"/as {AMARA}",
        lambda shown: f"/mentoring join {session_id(shown)}",
        f"/as {KENJI}",
        "/mentoring mine",
        f"/as {ADA}",
        "/mentoring mine",
        press("Cancel booking"),
        f"/as {EMMY}",
        "/mentoring mine",
    )
    assert "== Session offered ==" in shown
    assert "Session 3: Sunday 29 November 2026, 10:00 UTC – 10:45 UTC, 1 seat." in shown
    assert "Session 3 · Kenji Tanaka (Kyoto University) · Sun 29 Nov, 10:00 UTC" in shown
    assert "== Booked ==\nYou have a seat with Kenji Tanaka." in shown
    assert "Session 3 is full; you are number 1 on its waitlist." in shown  # Emmy
    assert "you are number 2 on its waitlist" in shown  # Amara
    assert "– Ada Lovelace: “Feedback on my thesis plan”" in shown
    assert "– Emmy Noether (waitlist): “Career advice”" in shown
    assert (
        "You gave back your place in session 3. 1 person from the waitlist has your seat" in shown
    )
    promoted = shown.split("You are Emmy Noether")[-1]
    assert "[direct message, while you were away]\n== You have a seat ==" in promoted
    assert "You have a seat." in promoted  # and /mentoring mine says so


async def test_bad_input_is_named_at_its_field_and_asked_again(
    runtime: bootstrap.Runtime, clock: ManualClock
) -> None:
    shown = await console(
        runtime,
        clock,
        f"/as {MENTOR}",
        "/mentor",
        *("2026-12-20 10:00", "", "0", "1", "", "", ""),  # far after; seats 0, then 1
        "2026-11-28 14:30",  # overlaps the demo session at 14:00
        "2026-11-29 09:00",
        "/mentoring book 999",
    )
    assert "! Seats must be from 1 to 20." in shown
    assert "! A session must start during Hallway Demo Conference, from 28 November 2026" in shown
    assert "! That overlaps your session 1" in shown
    assert "Session 3: Sunday 29 November 2026, 09:00 UTC – 09:45 UTC, 1 seat." in shown
    assert "! There is no mentoring session 999 at Hallway Demo Conference." in shown


async def test_ad_hoc_announce_join_end_early_and_the_room_closes(
    runtime: bootstrap.Runtime, clock: ManualClock
) -> None:
    clock.set(datetime(2026, 11, 28, 11, 0, tzinfo=UTC))
    shown = await console(
        runtime,
        clock,
        f"/as {MENTOR}",
        "/mentor now 20 Job talks",
        f"/as {ADA}",
        press("Join"),
        "@advance 10",
        f"/as {MENTOR}",
        lambda shown: "/mentor end " + last(r"Session (\d+) runs")(shown),
        "@advance 5",
        "/whoami",
    )
    assert "== You are mentoring now ==\nSession 3 runs until 11:20 UTC, with 5 seats" in shown
    assert "[room opened] mentoring-3-alan-turing — video: https://meet.jit.si/" in shown
    assert "[#mentoring]\n== Mentoring now with Alan Turing ==" in shown
    assert "Topics: job talks\n5 of 5 seats free\n[1] Join" in shown
    assert "== Booked ==\nYou have a seat with Alan Turing." in shown
    assert "[room] you were added to mentoring-3-alan-turing" in shown
    assert "Session 3 has ended; its room closes in a few minutes." in shown
    assert (
        "[#mentoring, updated]\n== Mentoring now with Alan Turing ==\nThis session ended." in shown
    )
    assert shown.index("[room closed] mentoring-3-alan-turing") > shown.index("Session 3 has ended")


async def test_ad_hoc_outside_the_conference_says_when_it_is(
    runtime: bootstrap.Runtime, clock: ManualClock
) -> None:
    shown = await console(runtime, clock, f"/as {MENTOR}", "/mentor now")
    assert (
        "! Ad-hoc sessions run only during Hallway Demo Conference, from 28 November 2026 to "
        "2 December 2026" in shown
    )


async def test_seeding_the_demo_again_adds_nothing(runtime: bootstrap.Runtime) -> None:
    await seed_demo(runtime.hw)
    hw = runtime.hw
    async with hw.uow() as uow:
        planned = await uow.mentoring.starting_between(
            hw.event.id, hw.event.window.start, hw.event.window.end
        )
    assert [session.starts_at.hour for session in planned] == [14, 16]
