"""The life of a social through the console, as its leads and the chair would type it."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Callable, Iterable
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from bot import bootstrap
from bot.clock import ManualClock
from bot.config import Settings
from bot.demo.seed import seed_demo
from bot.domain.socials import QueueState
from tests.e2e.live_script import LiveIO, Step, press

ADA, KENJI, CHAIR = "ada@demo.hallway.test", "kenji@demo.hallway.test", "chair@demo.hallway.test"


def proposal(template: str) -> Callable[[str], str]:
    """A command naming the proposal the submitter just saved."""

    def fill(shown: str) -> str:
        [number] = re.findall(r"^#(\d+) Sparse models clinic", shown, re.MULTILINE)[:1]
        return template.format(id=number)

    return fill


@pytest.fixture
async def runtime(tmp_path: Path) -> AsyncIterator[bootstrap.Runtime]:
    clock = ManualClock(datetime(2026, 11, 27, 9, 0, tzinfo=UTC))
    started = await bootstrap.start(
        Settings(database_url=f"sqlite:///{tmp_path / 'hallway.db'}"), clock=clock
    )
    yield started
    await started.close()


async def run(runtime: bootstrap.Runtime, steps: Iterable[Step], who: str = ADA) -> LiveIO:
    io = LiveIO(steps)
    await bootstrap.run_console(runtime, who, io)
    return io


SUBMIT = (
    "/social",
    "Sparse models clinic",  # title
    "Bring your sparse model; we debug it together.",  # description
    "Research topics",  # category
    "sparsity, pruning",  # tags
    KENJI,  # co-lead
    "2026-11-30 18:00",  # slot 1, in Tokyo: 09:00 UTC
    "",  # slot 2: take the suggested double session, 12 hours later
    "",  # slot 3
    "",  # duration: the event's default
    "",  # video link
    "",  # capacity
    "",  # notes
    "yes",  # code of conduct
)


async def test_the_whole_lifecycle_in_the_console(runtime: bootstrap.Runtime) -> None:
    io = await run(
        runtime,
        [
            "/as " + KENJI,
            "/timezone America/Los_Angeles",
            "/as " + ADA,
            "/timezone Asia/Tokyo",
            *SUBMIT,
            "/social mine",
            "/as " + KENJI,
            press("Confirm"),
            "/as " + CHAIR,
            proposal("/social chairs suggest {id}"),
            "2026-11-30 10:00",  # the chair reads UTC
            "2026-11-30 22:00",
            "",
            "One hour later suits Europe.",
            "/as " + ADA,
            press("Accept"),
            "/as " + CHAIR,
            proposal("/social chairs approve {id} Enjoy!"),
            "/social chairs release",
            "/social chairs release",
            "/as " + ADA,
            "/as " + KENJI,
        ],
    )
    shown = io.text
    assert "Traceback" not in shown and "! " not in shown.replace("Enjoy! ", "")
    assert "Slot 2 starts (Optional. A double session — the same social again 12 hours after" in (
        "\n".join(io.prompts)
    )
    assert "[2026-12-01 06:00]" in "\n".join(io.prompts)  # suggested 12 h after slot 1
    assert "awaiting co-lead" in shown
    assert "You are now a lead of Sparse models clinic; it is new." in shown
    assert "1 decision(s) sent to their leads." in shown
    assert "0 decision(s) sent to their leads." in shown
    ada, kenji = shown.split("You are Kenji Tanaka")[-2:][0], shown.split("You are Kenji")[-1]
    assert "Monday 30 November 2026, 19:00 JST – 21:00 JST" in ada
    assert "Tuesday 01 December 2026, 07:00 JST – 09:00 JST" in ada
    assert ada.count("Your social is accepted") == 1
    assert "Monday 30 November 2026, 02:00 PST – 04:00 PST" in kenji
    assert "Monday 30 November 2026, 14:00 PST – 16:00 PST" in kenji
    assert kenji.count("Your social is accepted") == 1
    assert "From the chairs: “Enjoy!”" in kenji


async def test_a_refused_form_asks_again_only_what_was_wrong(runtime: bootstrap.Runtime) -> None:
    steps = list(SUBMIT)
    steps[5] = "nobody@nowhere.org"
    steps[6] = "2027-01-01 10:00"
    # Slot 2 took the suggestion made from the bad slot 1: it is asked again, and cleared.
    io = await run(runtime, [*steps, KENJI, "2026-11-30 18:00", "-", "/social mine"])
    shown = io.text
    assert (
        "! nobody@nowhere.org is not a registered participant of Hallway Demo Conference" in shown
    )
    assert "! Slot 1 must start on a day of the conference" in shown
    assert "! Slot 2 must start on a day of the conference" in shown
    assert "Social proposal saved" in shown
    asked_again = [prompt for prompt in io.prompts if prompt.startswith(("Co-lead", "Slot 1"))]
    assert len(asked_again) == 4


async def test_chairs_see_the_queue_and_others_are_refused(runtime: bootstrap.Runtime) -> None:
    io = await run(
        runtime, ["/social chairs", "/as " + CHAIR, "/social chairs", "/social chairs new"]
    )
    shown = io.text
    assert "! Only the chairs of Hallway Demo Conference can see the review queue." in shown
    assert "awaiting co-lead: 1 · new: 1 · awaiting leads: 0 · decided: 0 · released: 1" in shown
    assert "Social proposals — new" in shown


async def test_the_demo_event_has_proposals_in_several_states(runtime: bootstrap.Runtime) -> None:
    await seed_demo(runtime.hw)  # again: nothing new
    async with runtime.hw.uow() as uow:
        found = await uow.socials.for_event(runtime.hw.event.id)
    states = {social.title: social.state for social in found}
    assert states == {
        "Quiz night across time zones": QueueState.AWAITING_COLEAD,
        "Reinforcement learning reading group": QueueState.NEW,
        "Careers in industry: ask us anything": QueueState.RELEASED,
    }
    released = next(social for social in found if social.state == QueueState.RELEASED)
    assert {slot.start.date() for slot in released.slots} == {date(2026, 11, 28)}
    io = await run(runtime, ["/social mine"])
    assert "Quiz night across time zones — awaiting co-lead" in io.text
