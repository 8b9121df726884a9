"""Buttons carry ids that anyone could forge: each handler checks who pressed and what for."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.app import Hallway
from bot.commands import build_router
from bot.errors import HallwayError, NotAllowed, NotFound
from bot.event import load_event_file
from bot.interaction import ShowForm
from bot.services.social_consent import confirm_colead
from bot.services.social_review import suggest_change
from bot.services.socials import submit_social, withdraw_social
from tests.conftest import ICML
from tests.factories import stored_social
from tests.service.test_social_authorization import everything
from tests.social_cast import LATER, START, Cast, cast, draft

CHAIR_BUTTONS = (
    "social.approve",
    "social.reject",
    "social.suggest",
    "social.combine",
    "social.comment",
    "social.release",
)


async def forged_ids(hw: Hallway, people: Cast) -> dict[str, str]:
    """A proposal of another event, one that does not exist, one withdrawn, and nonsense."""
    async with hw.uow() as uow:
        elsewhere = await uow.events.save(
            replace(load_event_file(ICML), slug="other", name="Other")
        )
        await uow.commit()
    foreign = await stored_social(
        replace(hw, event=elsewhere), "Elsewhere", [people.pid(people.ada)], [START]
    )
    gone = await submit_social(hw, people.carl, draft(("bob@example.org",), (LATER,), title="Gone"))
    await withdraw_social(hw, people.carl, gone.id)
    return {"foreign": str(foreign.id), "missing": "9999", "withdrawn": str(gone.id), "junk": "1;2"}


async def ready(hw: Hallway) -> tuple[Cast, int]:
    people = await cast(hw)
    social = await submit_social(hw, people.ada, draft())
    await confirm_colead(hw, people.bob, social.id)
    return people, social.id


@pytest.mark.parametrize("action", CHAIR_BUTTONS)
async def test_a_chair_button_pressed_by_anyone_else_is_refused_whatever_its_value(
    hw: Hallway, action: str
) -> None:
    people, social_id = await ready(hw)
    values = [str(social_id), *(await forged_ids(hw, people)).values()]
    router = build_router()
    before = await everything(hw)
    for who in (people.ada, people.bob, people.carl, people.stranger):
        for value in values:
            with pytest.raises(NotAllowed):
                await router.press(hw, who, action, value)
    assert await everything(hw) == before


@pytest.mark.parametrize("action", CHAIR_BUTTONS)
async def test_a_chair_pressing_a_forged_id_finds_nothing(hw: Hallway, action: str) -> None:
    people, _social_id = await ready(hw)
    forged = await forged_ids(hw, people)
    router = build_router()
    before = await everything(hw)
    for kind in ("foreign", "missing", "junk"):
        with pytest.raises(NotFound):
            await router.press(hw, people.chair, action, forged[kind])
    assert await everything(hw) == before


async def test_a_chair_cannot_decide_or_release_a_withdrawn_proposal(hw: Hallway) -> None:
    people, _social_id = await ready(hw)
    withdrawn = (await forged_ids(hw, people))["withdrawn"]
    router = build_router()
    before = await everything(hw)
    with pytest.raises(HallwayError, match="is withdrawn"):
        await router.press(hw, people.chair, "social.release", withdrawn)
    opened = await router.press(hw, people.chair, "social.approve", withdrawn)
    assert isinstance(opened, ShowForm)
    with pytest.raises(HallwayError, match="is withdrawn"):
        await router.submit(hw, people.chair, "social.approve", {}, opened.context)
    with pytest.raises(HallwayError, match="is withdrawn"):
        await router.submit(hw, people.chair, "social.reject", {"message": "No"}, withdrawn)
    assert await everything(hw) == before


async def test_lead_buttons_with_forged_values_change_nothing(hw: Hallway) -> None:
    people, social_id = await ready(hw)
    forged = await forged_ids(hw, people)
    router = build_router()
    before = await everything(hw)
    for action in ("social.confirm_lead", "social.decline_lead", "social.edit"):
        for kind in ("foreign", "missing", "junk"):
            with pytest.raises(NotFound):
                await router.press(hw, people.ada, action, forged[kind])
    for value in (f"{social_id}:9999", f"{social_id}", "x:y", f"{forged['foreign']}:1"):
        with pytest.raises(NotFound):
            await router.press(hw, people.ada, "social.accept_suggestion", value)
    assert await everything(hw) == before


async def test_a_suggestion_of_another_proposal_cannot_be_answered_through_this_one(
    hw: Hallway,
) -> None:
    people, social_id = await ready(hw)
    mine = await submit_social(hw, people.carl, draft(("ada@example.org",), (LATER,), title="B"))
    await confirm_colead(hw, people.ada, mine.id)
    theirs = await suggest_change(hw, people.chair, mine.id, {}, "Hi")
    router = build_router()
    forged = f"{social_id}:{theirs.suggestions[0].id}"
    with pytest.raises(NotFound):
        await router.press(hw, people.ada, "social.accept_suggestion", forged)
