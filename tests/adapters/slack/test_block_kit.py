"""The fake's Block Kit checks refuse what Slack refuses, so a test passing against the fake
means Slack would have accepted what Hallway sent."""

from __future__ import annotations

from typing import Any

from adapters.slack.modals import Metadata, form_view
from tests.adapters.slack.block_kit import errors_problems, message_problems, view_problems
from tests.adapters.slack.sample import MEETUP

VIEW = form_view(MEETUP, {}, Metadata("test.meetup"))


def section(text: str = "hi", block_id: str | None = None) -> dict[str, Any]:
    block = {"type": "section", "text": {"type": "mrkdwn", "text": text}}
    return block | ({"block_id": block_id} if block_id else {})


def test_a_modal_hallway_renders_passes() -> None:
    assert view_problems(VIEW) == []


def test_too_many_blocks_for_a_message_are_refused() -> None:
    assert message_problems({"text": "x", "blocks": [section()] * 51}) == ["51 blocks on a message"]


def test_a_repeated_block_id_is_refused() -> None:
    blocks = [section(block_id="a"), section(block_id="a")]
    assert "block 1 (section): block_id 'a' repeated" in message_problems({"blocks": blocks})


def test_a_repeated_action_id_is_refused() -> None:
    button = {"type": "button", "text": {"type": "plain_text", "text": "Go"}, "action_id": "x"}
    blocks = [{"type": "actions", "elements": [button, button]}]
    assert "block 0 (actions): action_id 'x' repeated" in message_problems({"blocks": blocks})


def test_a_long_label_and_a_long_action_id_are_refused() -> None:
    view = dict(VIEW)
    first = dict(view["blocks"][1])
    first["label"] = {"type": "plain_text", "text": "x" * 2001}
    first["element"] = {**first["element"], "action_id": "a" * 256}
    view["blocks"] = [view["blocks"][0], first, *view["blocks"][2:]]
    problems = view_problems(view)
    assert any("label is 2001 characters" in p for p in problems)
    assert any("action_id is 256 characters" in p for p in problems)


def test_too_many_options_and_a_stray_initial_option_are_refused() -> None:
    options = [
        {"text": {"type": "plain_text", "text": f"o{n}"}, "value": f"o{n}"} for n in range(101)
    ]
    select = {"type": "static_select", "action_id": "v", "options": options}
    select["initial_option"] = {"text": {"type": "plain_text", "text": "z"}, "value": "z"}
    block = {"type": "input", "block_id": "b", "label": {"type": "plain_text", "text": "L"}}
    view = {**VIEW, "blocks": [{**block, "element": select}]}
    problems = view_problems(view)
    assert "block 0 (input): 101 options" in problems
    assert "block 0 (input): an initial option is not one of the options" in problems


def test_an_empty_text_and_a_long_modal_title_are_refused() -> None:
    view = {**VIEW, "title": {"type": "plain_text", "text": "x" * 25}, "blocks": [section("")]}
    assert view_problems(view) == [
        "block 0 (section): text is empty",
        "title is 25 characters (most 24)",
    ]


def test_errors_must_name_input_blocks() -> None:
    assert errors_problems({"title": "Bad."}, VIEW) == []
    assert errors_problems({"nowhere": "Bad."}, VIEW) == ["errors at 'nowhere', not an input block"]
