"""Editing a one-slot social and pressing Enter (or Save) through the form keeps one slot.

The "Slot 2" field proposed a double session (slot 1 + 12 h) wherever it was empty — in the
edit form too, and in the chairs' suggest and combine forms, which also show a social's own
slots. Whoever took the form as shown quietly added a second run 12 hours later. The suggestion
now belongs to a new proposal only: forms (core), console, Slack and Discord."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot import bootstrap
from bot.app import Hallway
from bot.clock import ManualClock
from bot.commands import build_router
from bot.commands.social_forms import COMBINE_FORM, EDIT_FORM, SUBMIT_FORM, SUGGEST_FORM
from bot.config import Settings
from bot.domain.socials import Social
from bot.interaction import Reply, ShowForm
from tests.e2e.live_script import LiveIO, Step, press
from tests.social_cast import START, cast, draft, reload

# --- the forms (core) ---


def test_only_a_new_proposal_suggests_a_double_session() -> None:
    assert SUBMIT_FORM.field("slot2").suggest_after == ("slot1", 720)
    for form in (EDIT_FORM, SUGGEST_FORM, COMBINE_FORM):
        assert form.field("slot2").suggest_after is None, form.id
        assert "Hallway suggests" not in form.field("slot2").help, form.id


async def test_an_edit_saved_as_shown_keeps_a_one_slot_social_at_one_slot(hw: Hallway) -> None:
    from bot.services.socials import submit_social

    people = await cast(hw)
    social = await submit_social(hw, people.ada, draft())
    router = build_router()
    shown = await router.run(hw, people.ada, "social", "edit", {"id": str(social.id)})
    assert isinstance(shown, ShowForm) and shown.form.id == EDIT_FORM.id
    assert "slot2" not in shown.values and shown.values["slot1"] == "2021-07-19 15:00"
    saved = await router.submit(hw, people.ada, EDIT_FORM.id, shown.values, shown.context)
    assert isinstance(saved, Reply)
    assert [slot.start for slot in (await reload(hw, social.id)).ordered_slots()] == [START]


# --- the console, which fills in what a field suggests as its [default] ---

ADA, KENJI = "ada@demo.hallway.test", "kenji@demo.hallway.test"
TITLE = "Sparse models clinic"


@pytest.fixture
async def runtime(tmp_path: Path) -> AsyncIterator[bootstrap.Runtime]:
    clock = ManualClock(datetime(2026, 11, 27, 9, 0, tzinfo=UTC))
    started = await bootstrap.start(
        Settings(database_url=f"sqlite:///{tmp_path / 'hallway.db'}"), clock=clock
    )
    yield started
    await started.close()


async def console(runtime: bootstrap.Runtime, steps: list[Step], who: str = ADA) -> LiveIO:
    io = LiveIO(steps)
    await bootstrap.run_console(runtime, who, io)
    return io


async def ada_s_social(runtime: bootstrap.Runtime) -> Social:
    async with runtime.hw.uow() as uow:
        mine = [s for s in await uow.socials.for_event(runtime.hw.event.id) if s.title == TITLE]
    assert len(mine) == 1
    return mine[0]


ONE_SLOT: list[Step] = [
    "/social",
    TITLE,
    "Bring your sparse model; we debug it together.",
    "Research topics",
    "sparsity",
    KENJI,
    "2026-11-30 18:00",  # slot 1 (UTC: the demo person has said no zone)
    "-",  # slot 2: the double session suggested, and declined
    "",  # slot 3
    "",  # duration
    "",  # video link
    "",  # capacity
    "",  # notes
    "yes",  # code of conduct
]


async def test_pressing_enter_through_the_console_edit_keeps_one_slot(
    runtime: bootstrap.Runtime,
) -> None:
    await console(runtime, ONE_SLOT)
    social = await ada_s_social(runtime)
    [only] = [slot.start for slot in social.ordered_slots()]
    io = await console(runtime, [f"/social edit {social.id}", *[""] * len(EDIT_FORM.fields)])
    assert "Social proposal saved" in io.text, io.text[-2000:]
    [slot2_prompt] = [p for p in io.prompts if p.startswith("Slot 2 starts")]
    assert "[" not in slot2_prompt  # nothing offered: Enter leaves it empty
    [slot1_prompt] = [p for p in io.prompts if p.startswith("Slot 1 starts")]
    assert slot1_prompt.endswith("[2026-11-30 18:00]: ")  # the social's own value
    assert [slot.start for slot in (await ada_s_social(runtime)).ordered_slots()] == [only]


def suggest_to_the_social(shown: str) -> str:
    [number] = re.findall(rf"^#(\d+) {TITLE}", shown, re.MULTILINE)[:1]
    return f"/social chairs suggest {number}"


async def test_a_chair_pressing_enter_through_the_suggest_form_suggests_one_slot(
    runtime: bootstrap.Runtime,
) -> None:
    steps: list[Step] = [*ONE_SLOT, "/social mine", "/as " + KENJI, press("Confirm")]
    steps += ["/as chair@demo.hallway.test", suggest_to_the_social, "2026-11-30 19:00", "", ""]
    io = await console(runtime, [*steps, "An hour later?"])
    assert "Suggestion sent" in io.text, io.text[-2000:]
    [slot2_prompt] = [p for p in io.prompts if p.startswith("Slot 2 starts")][-1:]
    assert "[" not in slot2_prompt
    suggestion = (await ada_s_social(runtime)).open_suggestion
    assert suggestion is not None
    assert suggestion.starts == [datetime(2026, 11, 30, 19, tzinfo=UTC)]
