"""Forms shown filled in (an edit): the co-leads in the user picker, the slots at the same
instants whatever the person's Slack zone, the category chosen — and saving them changes only
what was changed."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from bot.domain.social_rules import SocialDraft
from bot.domain.socials import Category
from bot.services.identity import identify
from bot.services.social_consent import confirm_colead
from bot.services.socials import submit_social
from tests.adapters.slack.answers import START, state_for
from tests.adapters.slack.harness import SlackHarness
from tests.adapters.slack.scenes import ADA, BOB, cast, confirmed, social
from tests.factories import actor, register


@pytest.fixture(autouse=True)
async def people(hallway: SlackHarness) -> None:
    await cast(hallway)


def inputs(view: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {b["block_id"]: b["element"] for b in view["blocks"] if b["type"] == "input"}


async def test_the_edit_form_shows_the_co_lead_in_the_user_picker(hallway: SlackHarness) -> None:
    proposed = await confirmed(hallway)
    view = (await hallway.command("/social", f"edit {proposed.id}", ADA)).view
    coleads = inputs(view)["coleads"]
    assert (coleads["type"], coleads["initial_users"]) == ("multi_users_select", [BOB])


async def test_slots_are_shown_at_the_same_instants_in_the_persons_slack_zone(
    hallway: SlackHarness,
) -> None:
    proposed = await confirmed(hallway)  # Ada's Slack zone is Asia/Tokyo
    view = (await hallway.command("/social", f"edit {proposed.id}", ADA)).view
    shown = inputs(view)
    assert shown["slot1"]["initial_date_time"] == int(START.timestamp())
    assert shown["slot2"]["initial_date_time"] == int(START.timestamp()) + 12 * 3600
    assert shown["category"]["initial_option"]["value"] == Category.RESEARCH.value
    assert shown["conduct"]["initial_options"][0]["value"] == "yes"


async def test_saving_the_edit_form_as_shown_changes_nothing(hallway: SlackHarness) -> None:
    proposed = await confirmed(hallway)
    view = (await hallway.command("/social", f"edit {proposed.id}", ADA)).view
    unchanged = {name: _as_given(element) for name, element in inputs(view).items()}
    turn = await hallway.submit(view, state_for(view, unchanged), ADA)
    assert "Social proposal saved" in turn.reply.text
    after = await social(hallway, proposed.id)
    assert [lead.participant_id for lead in after.leads] == [
        lead.participant_id for lead in proposed.leads
    ]
    assert [slot.start for slot in after.ordered_slots()] == [
        slot.start for slot in proposed.ordered_slots()
    ]


async def test_saving_the_edit_form_of_a_one_slot_social_as_shown_keeps_one_slot(
    hallway: SlackHarness,
) -> None:
    """Slot 2 is shown empty, not as the double session a new proposal is offered."""
    proposed = await confirmed(hallway, slot2=None, slot3=None)
    view = (await hallway.command("/social", f"edit {proposed.id}", ADA)).view
    shown = inputs(view)
    assert shown["slot1"]["initial_date_time"] == int(START.timestamp())
    assert "initial_date_time" not in shown["slot2"]
    unchanged = {name: _as_given(element) for name, element in shown.items()}
    turn = await hallway.submit(view, state_for(view, unchanged), ADA)
    assert "Social proposal saved" in turn.reply.text
    assert [slot.start for slot in (await social(hallway, proposed.id)).ordered_slots()] == [START]


async def proposed_naming(hallway: SlackHarness, email: str) -> int:
    """Ada's proposal naming a co-lead by e-mail (as the console or Discord can), confirmed."""
    ada = await identify(hallway.hw, "slack", ADA, email="ada@example.org")
    draft = SocialDraft(
        "Tea", "Tea and talk", Category.OTHER, {"slot1": START}, 60, coleads=(email,)
    )
    proposed = await submit_social(hallway.hw, ada, draft)
    colead = await actor(hallway.hw, email)
    await confirm_colead(hallway.hw, colead, proposed.id)
    return proposed.id


async def test_a_co_lead_outside_the_workspace_stays_named_in_a_typed_field(
    hallway: SlackHarness,
) -> None:
    await register(hallway.hw, "carol@example.org", "Carol")
    social_id = await proposed_naming(hallway, "carol@example.org")
    view = (await hallway.command("/social", f"edit {social_id}", ADA)).view
    coleads = inputs(view)["coleads"]
    assert (coleads["type"], coleads["initial_value"]) == ("plain_text_input", "carol@example.org")
    unchanged = {name: _as_given(element) for name, element in inputs(view).items()}
    await hallway.submit(view, state_for(view, unchanged), ADA)
    after = await social(hallway, social_id)
    assert len(after.leads) == 2


async def test_a_co_lead_in_the_workspace_is_found_by_email_for_the_picker(
    hallway: SlackHarness,
) -> None:
    await register(hallway.hw, "carol@example.org", "Carol")
    social_id = await proposed_naming(hallway, "carol@example.org")
    hallway.fake.add_user("UCAROL", "carol@example.org", "Carol")
    view = (await hallway.command("/social", f"edit {social_id}", ADA)).view
    assert inputs(view)["coleads"]["initial_users"] == ["UCAROL"]
    assert hallway.fake.called("users.lookupByEmail")[-1].args["email"] == "carol@example.org"


def _as_given(element: dict[str, Any]) -> Any:
    if "initial_date_time" in element:
        return datetime.fromtimestamp(element["initial_date_time"], UTC)
    if "initial_users" in element:
        return element["initial_users"]
    if "initial_option" in element:
        return element["initial_option"]["value"]
    if "initial_options" in element:
        values = [option["value"] for option in element["initial_options"]]
        return bool(values) if element["type"] == "checkboxes" else values
    return element.get("initial_value")
