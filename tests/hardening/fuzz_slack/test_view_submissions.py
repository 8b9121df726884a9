"""Fuzzed view submissions, for every form of Hallway's command table (a test fails when a form
has no way to be opened here): any text typed in its text fields; any shape of
`view.state.values` (fields missing, extra, of the wrong element type, with values of the wrong
JSON type); any `private_metadata` and a view missing its parts. Every submission is answered
— saved, or `response_action: errors` at a block the modal has, or a sentence — and a refused
one writes nothing."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from adapters.slack.modals import ACTION_ID, CALLBACK_ID
from bot.commands import build_router
from tests.adapters.slack.answers import state_for, text_fields, valid_values
from tests.adapters.slack.block_kit import INPUT_ELEMENTS, errors_problems
from tests.adapters.slack.form_cases import CASES
from tests.adapters.slack.harness import SlackHarness, Turn
from tests.hardening.fuzz_slack.checks import assert_answered_cleanly, counts, half_written
from tests.hardening.fuzz_slack.strategies import (
    fuzz_settings,
    json_values,
    nasty_text,
    words,
)
from tests.hardening.fuzz_slack.world import PEOPLE, Stage, cast_once, fuzzed

ROUTER = build_router()
FORMS = sorted(CASES)
STEP = timedelta(hours=5)  # between examples' times: a lead's socials never overlap (2 h each)


def test_every_registered_form_is_fuzzed() -> None:
    assert set(FORMS) == set(ROUTER.forms)


async def opened(h: SlackHarness, form_id: str) -> dict[str, Any]:
    """The modal of `form_id` as its case opens it, once per harness."""
    views: dict[str, dict[str, Any]] = h.__dict__.setdefault("fuzz_views", {})
    if form_id not in views:
        await cast_once(h)
        views[form_id] = (await CASES[form_id].open(h)).view
    return views[form_id]


def later(h: SlackHarness, values: dict[str, Any]) -> dict[str, Any]:
    """`values` with its times moved on for each example, within the conference."""
    step = h.__dict__["fuzz_step"] = h.__dict__.get("fuzz_step", -1) + 1
    shift = STEP * (step % 24)
    return {k: v + shift if isinstance(v, datetime) else v for k, v in values.items()}


def assert_refused_at_blocks_of(view: dict[str, Any], turn: Turn) -> dict[str, str]:
    """`response_action: errors` naming blocks the modal has (Slack drops the rest)."""
    errors: dict[str, str] = turn.answer.json["errors"]
    assert errors_problems(errors, view) == []
    assert turn.calls == [], [call.method for call in turn.calls]
    return errors


# --- text typed in every text field ---


@pytest.mark.parametrize("form_id", FORMS)
@fuzz_settings(examples=15)
@given(data=st.data())
async def test_any_text_typed_in_a_form_is_saved_or_answered_at_its_field(
    stage: Stage, form_id: str, data: st.DataObject
) -> None:
    h, case = stage.h, CASES[form_id]
    view = await opened(h, form_id)
    form = h.router.get_form(form_id, h.hw.event)
    typed = {item.name: data.draw(nasty_text, label=item.name) for item in text_fields(form)}
    values = later(h, {**valid_values(form, **case.given), **typed})
    before = await counts(stage.database)
    turn, logged = await fuzzed(h, h.send.submit(view, state_for(view, values), case.user))
    assert turn.answer.status == 200
    assert_answered_cleanly(h, turn, logged)
    answer = turn.answer.json
    if answer["response_action"] == "errors":
        assert set(assert_refused_at_blocks_of(view, turn)) <= set(typed), answer
        assert await counts(stage.database) == before
    else:
        assert answer["response_action"] == "update", answer
        assert turn.called("views.update"), [call.method for call in turn.calls]
    assert await half_written(stage.database) == []


# --- any shape of view.state.values ---

SELECTED = st.one_of(
    st.none(),
    json_values,
    st.fixed_dictionaries({"value": json_values}),
    st.fixed_dictionaries({"text": json_values}),
)
ELEMENT_FIELDS = {
    "value": json_values,
    "selected_option": SELECTED,
    "selected_options": st.one_of(json_values, st.lists(SELECTED, max_size=4)),
    "selected_users": st.one_of(json_values, st.lists(json_values, max_size=4)),
    "selected_date_time": st.one_of(
        json_values, st.integers(-(10**20), 10**20), st.floats(allow_nan=True)
    ),
    "selected_date": json_values,
}
element_states = st.one_of(
    st.fixed_dictionaries(
        {"type": st.sampled_from(sorted(INPUT_ELEMENTS)) | words}, optional=ELEMENT_FIELDS
    ),
    json_values,
)


@st.composite
def block_states(draw: st.DrawFn, view: dict[str, Any]) -> Any:
    """`view.state.values` for `view`: each input block left out, answered as Slack would,
    or answered with anything; unknown blocks besides."""
    state: dict[str, Any] = {}
    for block in view["blocks"]:
        if block.get("type") != "input":
            continue
        how = draw(st.sampled_from(["missing", "element", "action", "anything"]))
        name = block["block_id"]
        if how == "element":
            state[name] = {ACTION_ID: draw(element_states)}
        elif how == "action":
            state[name] = {draw(words): draw(element_states)}
        elif how == "anything":
            state[name] = draw(json_values)
    state.update(draw(st.dictionaries(words, json_values, max_size=2)))
    return draw(st.one_of(st.just(state), st.just(state), json_values))


@pytest.mark.parametrize("form_id", FORMS)
@fuzz_settings(examples=20)
@given(data=st.data())
async def test_any_shape_of_answers_is_refused_at_a_block_or_saved(
    stage: Stage, form_id: str, data: st.DataObject
) -> None:
    h, case = stage.h, CASES[form_id]
    view = await opened(h, form_id)
    state = data.draw(block_states(view), label="state.values")
    payload = submission(h, view, {"values": state}, case.user)
    before = await counts(stage.database)
    turn, logged = await fuzzed(h, h.send.interaction(payload))
    assert turn.answer.status == 200
    assert_answered_cleanly(h, turn, logged)
    answer = turn.answer.json
    if answer["response_action"] == "errors":
        assert_refused_at_blocks_of(view, turn)
        assert await counts(stage.database) == before
    else:
        assert answer["response_action"] == "update", answer
    assert await half_written(stage.database) == []


# --- any private_metadata, views missing their parts ---

metadata = st.one_of(
    nasty_text,
    json_values.map(json.dumps),
    st.fixed_dictionaries(
        {"form": st.sampled_from(FORMS) | json_values},
        optional={"context": st.one_of(json_values, nasty_text), "zone": json_values},
    ).map(json.dumps),
)
VIEW_PARTS = ("id", "state", "private_metadata", "hash", "blocks", "type")


@fuzz_settings(examples=80)
@given(
    form_id=st.sampled_from(FORMS),
    private=metadata,
    dropped=st.sets(st.sampled_from(VIEW_PARTS)),
    user=st.sampled_from(PEOPLE),
    answers=st.sampled_from(["valid", "empty"]),
)
async def test_any_metadata_or_missing_view_part_is_answered_without_a_crash(
    stage: Stage, form_id: str, private: str, dropped: set[str], user: str, answers: str
) -> None:
    h, case = stage.h, CASES[form_id]
    view = {**await opened(h, form_id), "private_metadata": private}
    form = h.router.get_form(form_id, h.hw.event)
    values = later(h, valid_values(form, **case.given)) if answers == "valid" else {}
    payload = submission(h, view, {"values": state_for(view, values)}, user)
    for part in dropped:
        payload["view"].pop(part, None)
    turn, logged = await fuzzed(h, h.send.interaction(payload))
    assert_answered_cleanly(h, turn, logged)
    assert await half_written(stage.database) == []


def submission(h: SlackHarness, view: dict[str, Any], state: Any, user: str) -> dict[str, Any]:
    """A view_submission payload as Slack sends it, with `state` as given."""
    return {
        "type": "view_submission",
        "team": {"id": "T00000001"},
        "user": {"id": user, "team_id": "T00000001"},
        "api_app_id": "A00000001",
        "trigger_id": h.send.trigger(user),
        "view": {**view, "callback_id": CALLBACK_ID, "state": state},
    }
