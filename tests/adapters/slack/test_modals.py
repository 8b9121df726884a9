"""Forms as Block Kit modals, and submissions read back: pure, with recorded payloads."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from adapters.slack.modals import (
    Metadata,
    field_errors,
    form_view,
    read_values,
    result_view,
)
from bot.errors import HallwayError
from bot.forms import Field, Form, parse_form
from tests.adapters.slack.sample import MEETUP

RECORDED = Path(__file__).parent / "recorded"
METADATA = Metadata("test.meetup", "ctx-7", "Asia/Tokyo")


def elements(view: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {b["block_id"]: b["element"] for b in view["blocks"] if b["type"] == "input"}


def test_each_field_kind_gets_its_slack_element() -> None:
    shown = elements(form_view(MEETUP, {}, METADATA))
    kinds = {name: element["type"] for name, element in shown.items()}
    assert kinds == {
        "title": "plain_text_input",
        "description": "plain_text_input",
        "category": "static_select",
        "topics": "multi_static_select",
        "tags": "plain_text_input",
        "coleads": "multi_users_select",
        "start": "datetimepicker",
        "second": "datetimepicker",
        "capacity": "number_input",
        "video": "url_text_input",
        "conduct": "checkboxes",
    }
    assert shown["description"]["multiline"] is True
    assert shown["title"]["max_length"] == 40
    assert shown["coleads"]["max_selected_items"] == 2
    assert (shown["capacity"]["min_value"], shown["capacity"]["max_value"]) == ("1", "20")
    assert shown["capacity"]["is_decimal_allowed"] is False


def test_the_modal_carries_a_stable_callback_and_its_metadata() -> None:
    view = form_view(MEETUP, {}, METADATA)
    assert (view["type"], view["callback_id"]) == ("modal", "hallway.form")
    assert json.loads(view["private_metadata"]) == {
        "form": "test.meetup",
        "context": "ctx-7",
        "zone": "Asia/Tokyo",
    }
    assert view["blocks"][0]["text"]["text"] == "Tell us about your meetup."
    optional = {b["block_id"]: b["optional"] for b in view["blocks"] if b["type"] == "input"}
    assert (optional["title"], optional["description"]) == (False, True)


def test_prefilled_values_become_initial_values() -> None:
    values = {
        "title": "Prefilled",
        "category": "affinity",
        "topics": ["research", "other"],
        "tags": ["ml", "ethics"],
        "coleads": ["U0BOB", "bob@example.org"],
        "start": "2021-07-19 15:00",
        "capacity": "12",
        "conduct": True,
    }
    shown = elements(form_view(MEETUP, values, METADATA))
    assert shown["title"]["initial_value"] == "Prefilled"
    assert shown["category"]["initial_option"]["value"] == "affinity"
    assert [o["value"] for o in shown["topics"]["initial_options"]] == ["research", "other"]
    assert shown["tags"]["initial_value"] == "ml, ethics"
    assert shown["coleads"]["initial_users"] == ["U0BOB"]  # e-mails cannot be shown in a picker
    assert shown["start"]["initial_date_time"] == 1626674400  # 15:00 in Tokyo
    assert shown["second"]["initial_date_time"] == 1626674400 + 12 * 3600  # the double session
    assert shown["capacity"]["initial_value"] == "12"
    assert shown["conduct"]["initial_options"][0]["value"] == "yes"


def test_a_recorded_submission_reads_back_as_the_cores_raw_answers() -> None:
    payload = json.loads((RECORDED / "view_submission.json").read_text())
    raw = read_values(MEETUP, payload["view"]["state"]["values"])
    assert raw == {
        "title": "Queer in AI",
        "description": None,
        "category": "affinity",
        "topics": ["research", "other"],
        "tags": "ml, #Ethics",
        "coleads": ["U0BOB", "U0CAT"],
        "start": datetime(2021, 7, 19, 6, 0, tzinfo=UTC),
        "second": None,
        "capacity": "12",
        "video": "https://meet.example/queer-in-ai",
        "conduct": True,
    }
    parsed = parse_form(MEETUP, raw, UTC)
    assert (parsed["tags"], parsed["capacity"]) == (["ml", "ethics"], 12)


def test_a_field_missing_from_the_state_reads_as_blank() -> None:
    assert read_values(MEETUP, {})["title"] is None


def test_errors_at_unknown_fields_go_to_the_first_block() -> None:
    errors = field_errors(MEETUP, {"capacity": "Too many.", "slots": "Overlap.", "text": "Hm."})
    assert errors == {"capacity": "Too many.", "title": "Overlap. Hm."}


def test_errors_shown_again_sit_under_their_fields_escaped() -> None:
    view = form_view(MEETUP, {"title": "<!here>"}, METADATA, {"title": "Not <!here>, please."})
    ids = [block.get("block_id") for block in view["blocks"]]
    under = view["blocks"][ids.index("title") + 1]
    assert under["elements"][0]["text"] == ":warning: Not &lt;!here&gt;, please."


def test_labels_options_and_titles_are_escaped_and_fit_slacks_limits() -> None:
    form = Form("f", "A title that is much too long & more", (Field("a", "Size <big>", "text"),))
    view = form_view(form, {}, Metadata("f"))
    assert len(view["title"]["text"]) <= 24 and view["title"]["text"].endswith("…")
    assert view["blocks"][0]["label"]["text"] == "Size &lt;big&gt;"


def test_metadata_round_trips_and_refuses_what_does_not_fit() -> None:
    assert Metadata.decode(METADATA.encode()) == METADATA
    with pytest.raises(ValueError, match="too long"):
        Metadata("f", "x" * 3000).encode()
    with pytest.raises(HallwayError):
        Metadata.decode('{"context": "no form"}')


def test_a_result_view_only_shows_and_closes() -> None:
    view = result_view("Done", [])
    assert "submit" not in view and view["close"]["text"] == "Close"
    assert view["blocks"] == [{"type": "section", "text": {"type": "mrkdwn", "text": " "}}]
