"""What the Slack fuzzers found, one example each, over signed HTTP to the real bolt app: each
was answered with the apology (and an ERROR logged), or crashed bolt (HTTP 500), or failed the
whole write on PostgreSQL. Each now gets a sentence, an error at its field, or a 400."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from adapters.slack.modals import UNREADABLE
from storage import Database
from storage.tables import conduct_reports
from tests.adapters.slack.button_sources import a_report
from tests.adapters.slack.harness import SlackHarness
from tests.adapters.slack.scenes import ADA, TEAM, cast, fill_in
from tests.hardening.fuzz_slack.checks import assert_answered_cleanly, counts
from tests.hardening.fuzz_slack.world import fuzzed


@pytest.fixture(autouse=True)
async def people(hallway: SlackHarness) -> None:
    await cast(hallway)


async def social_form(h: SlackHarness) -> dict[str, Any]:
    return (await h.command("/social", "", ADA)).view


def submission(h: SlackHarness, view: dict[str, Any], values: Any) -> dict[str, Any]:
    return {
        "type": "view_submission",
        "user": {"id": ADA, "team_id": "T00000001"},
        "trigger_id": h.send.trigger(ADA),
        "view": {**view, "state": {"values": values}},
    }


async def test_a_time_zone_name_too_long_for_a_file_name_is_answered_with_a_sentence(
    hallway: SlackHarness,
) -> None:
    turn, logged = await fuzzed(hallway, hallway.send.command("/timezone", "x" * 501, ADA))
    assert_answered_cleanly(hallway, turn, logged)
    assert "is not a time zone name" in turn.text


@pytest.mark.parametrize(
    ("field", "element"),
    [
        ("conduct", None),  # a block that is null
        ("conduct", ["not", "an", "object"]),
        ("category", {"value": {"type": "static_select", "selected_option": {"text": "x"}}}),
        ("slot1", {"value": {"type": "datetimepicker", "selected_date_time": "tomorrow"}}),
        ("slot1", {"value": {"type": "datetimepicker", "selected_date_time": 10**20}}),
        ("tags", {"value": {"type": "plain_text_input", "value": 42}}),
        ("title", {"value": {"type": "datetimepicker", "selected_date_time": 1626700000}}),
        ("coleads", {"value": {"type": "multi_users_select", "selected_users": "UBOB"}}),
    ],
    ids=["null block", "list block", "option", "date text", "date huge", "number", "type", "users"],
)
async def test_an_answer_slack_would_never_send_is_refused_at_its_field(
    hallway: SlackHarness, database: Database, field: str, element: Any
) -> None:
    view = await social_form(hallway)
    before = await counts(database)
    sent = submission(hallway, view, {field: element})
    turn, logged = await fuzzed(hallway, hallway.send.interaction(sent))
    assert_answered_cleanly(hallway, turn, logged)
    answer = turn.answer.json
    assert answer["response_action"] == "errors"
    assert field in answer["errors"]
    if element is not None and not isinstance(element, list):
        assert answer["errors"][field] == UNREADABLE
    assert await counts(database) == before


@pytest.mark.parametrize("private", ["null", "[]", '"form"', '{"form": 5}', "{"])
async def test_private_metadata_that_is_not_hallways_is_answered_with_a_sentence(
    hallway: SlackHarness, private: str
) -> None:
    view = {**await social_form(hallway), "private_metadata": private}
    turn, logged = await fuzzed(hallway, hallway.send.interaction(submission(hallway, view, {})))
    assert_answered_cleanly(hallway, turn, logged)
    assert "could not be read back" in turn.answer.text


PRESS = {
    "type": "block_actions",
    "user": {"id": ADA},
    "actions": [{"type": "button", "action_id": "social.rsvp", "value": "1"}],
    "container": {"type": "message", "channel_id": "C00000042"},
    "channel": {"id": "C00000042"},
}


@pytest.mark.parametrize(
    "changed",
    [
        {"user": None},
        {"actions": None},
        {"actions": True},
        {"actions": [{}]},
        {"channel": True},
        {"response_url": {"not": "a url"}},
        {"container": {"type": "view", "view_id": "V1"}},  # pressed in a view it does not send
    ],
    ids=["no user", "no actions", "actions true", "no action id", "channel true", "url", "view"],
)
async def test_a_block_actions_payload_slack_would_never_send_is_refused_with_400(
    hallway: SlackHarness, changed: dict[str, Any]
) -> None:
    payload = {key: value for key, value in {**PRESS, **changed}.items() if value is not None}
    turn, logged = await fuzzed(hallway, hallway.send.interaction(payload))
    assert_answered_cleanly(hallway, turn, logged)
    assert turn.answer.status == 400
    assert [call.method for call in turn.calls if call.method != "auth.test"] == []


@pytest.mark.parametrize("dropped", ["type", "id"])
async def test_a_view_submission_without_its_view_type_or_id_is_refused_with_400(
    hallway: SlackHarness, dropped: str
) -> None:
    view = await social_form(hallway)
    sent = submission(hallway, view, {})
    del sent["view"][dropped]
    turn, logged = await fuzzed(hallway, hallway.send.interaction(sent))
    assert_answered_cleanly(hallway, turn, logged)
    assert turn.answer.status == 400


async def test_a_nul_typed_in_a_report_is_left_out_and_the_report_saved(
    hallway: SlackHarness, database: Database
) -> None:
    opened = await hallway.command("/conduct", "", ADA)
    turn = await fill_in(
        hallway, opened, ADA, "conduct.report", anonymous="no", description="Shouted\x00 at me"
    )
    assert "Report received" in turn.reply.text
    async with database.engine.connect() as connection:
        saved = await connection.scalar(select(conduct_reports.c.description))
    assert saved == "Shouted at me"


async def test_a_nul_typed_after_a_command_is_left_out_and_the_note_saved(
    hallway: SlackHarness, database: Database
) -> None:
    await a_report(hallway)
    turn, logged = await fuzzed(
        hallway, hallway.send.command("/conduct", "handle 1 Talked\x00 to them", TEAM)
    )
    assert_answered_cleanly(hallway, turn, logged)
    assert "marked handled" in turn.text
    async with database.engine.connect() as connection:
        note = await connection.scalar(select(conduct_reports.c.handling_note))
    assert note == "Talked to them"
