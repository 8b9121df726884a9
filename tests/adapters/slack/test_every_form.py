"""Every form of Hallway's command table, opened in Slack the way people open it: a valid modal,
field by field; a good answer saved and answered in the modal; every wrong field answered with
`response_action: errors` at that field, the modal left open and nothing saved."""

from __future__ import annotations

import json

import pytest

from adapters.slack.escape import fit
from bot.commands import build_router
from tests.adapters.slack.answers import state_for, valid_values, wrong_values
from tests.adapters.slack.block_kit import view_problems
from tests.adapters.slack.form_cases import CASES
from tests.adapters.slack.harness import APOLOGY, SlackHarness
from tests.adapters.slack.scenes import cast, fill_in

FORMS = sorted(CASES)


@pytest.fixture(autouse=True)
async def people(hallway: SlackHarness) -> None:
    await cast(hallway)


def test_every_registered_form_has_a_case_here() -> None:
    assert set(CASES) == set(build_router().forms)


@pytest.mark.parametrize("form_id", FORMS)
async def test_a_form_opens_as_a_valid_modal_with_one_labelled_input_per_field(
    hallway: SlackHarness, form_id: str
) -> None:
    view = (await CASES[form_id].open(hallway)).view
    form = hallway.router.get_form(form_id, hallway.hw.event)
    inputs = [block for block in view["blocks"] if block["type"] == "input"]
    assert [block["block_id"] for block in inputs] == [item.name for item in form.fields]
    assert [block["label"]["text"] for block in inputs] == [fit(i.label, 2000) for i in form.fields]
    assert [block["optional"] for block in inputs] == [not item.required for item in form.fields]
    assert json.loads(view["private_metadata"])["form"] == form_id
    assert view_problems(view) == []


@pytest.mark.parametrize("form_id", FORMS)
async def test_a_good_answer_is_saved_and_answered_in_the_modal(
    hallway: SlackHarness, form_id: str
) -> None:
    case = CASES[form_id]
    opened = await case.open(hallway)
    turn = await fill_in(hallway, opened, case.user, form_id, **case.given)
    assert turn.answer.json["response_action"] == "update"
    assert turn.reply.method == "views.update"
    assert turn.reply.args["view_id"] == opened.view["id"]
    shown = turn.reply.text
    assert case.saved in shown, shown
    assert ":warning:" not in shown and APOLOGY not in shown


@pytest.mark.parametrize("form_id", FORMS)
async def test_each_wrong_field_is_answered_at_that_field_and_the_modal_stays(
    hallway: SlackHarness, form_id: str
) -> None:
    case = CASES[form_id]
    view = (await case.open(hallway)).view
    form = hallway.router.get_form(form_id, hallway.hw.event)
    good = valid_values(form, **case.given)
    tried = 0
    for item in form.fields:
        for what, value in wrong_values(item):
            turn = await hallway.submit(
                view, state_for(view, {**good, item.name: value}), case.user
            )
            answer = turn.answer.json
            assert answer["response_action"] == "errors", (item.name, what, answer)
            assert list(answer["errors"]) == [item.name], (item.name, what, answer)
            assert turn.calls == [], (item.name, what)
            tried += 1
    assert tried >= sum(item.required for item in form.fields)
