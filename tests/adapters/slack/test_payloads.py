"""Parsing what Slack sends, from recorded payloads."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

from adapters.slack.payloads import ButtonPress, EventDelivery, SlashCommand, Submission
from adapters.slack.profiles import SlackProfile

RECORDED = Path(__file__).parent / "recorded"


def recorded(name: str) -> Any:
    return json.loads((RECORDED / name).read_text())


def test_a_slash_command_gives_its_name_lowercased_and_its_text() -> None:
    body = dict(parse_qsl((RECORDED / "slash_command.txt").read_text().strip()))
    call = SlashCommand.parse(body)
    assert (call.name, call.text, call.user_id, call.channel_id) == (
        "social",
        "list tomorrow",
        "U2147483697",
        "C2147483705",
    )
    assert call.trigger_id == "13345224609.738474920.8088930838d88f008e0"


def test_a_message_button_gives_the_core_action_and_the_unescaped_value() -> None:
    press = ButtonPress.parse(recorded("block_actions_message.json"))
    assert (press.action, press.value) == ("social.approve", "42 & more")
    assert (press.channel_id, press.view_id, press.view_type) == ("C2147483705", None, None)


def test_a_home_button_knows_it_came_from_the_home_view() -> None:
    press = ButtonPress.parse(recorded("block_actions_home.json"))
    assert (press.action, press.value, press.view_id, press.view_type) == (
        "social.rsvp",
        "7",
        "V0HOME1",
        "home",
    )
    assert press.channel_id is None


def test_a_submission_gives_its_view_metadata_and_state() -> None:
    submission = Submission.parse(recorded("view_submission.json"))
    assert (submission.user_id, submission.view_id) == ("U2147483697", "V0MODAL1")
    assert json.loads(submission.metadata)["form"] == "test.meetup"
    assert set(submission.state) >= {"title", "coleads", "conduct"}


def test_an_event_delivery_gives_its_id_type_user_and_tab() -> None:
    delivery = EventDelivery.parse(recorded("app_home_opened.json"))
    assert delivery == EventDelivery("Ev0PV52K21", "app_home_opened", "U2147483697", "home")


def test_a_profile_falls_back_to_the_real_name_when_no_display_name_is_set() -> None:
    profile = SlackProfile.parse(recorded("users_info.json")["user"])
    assert profile == SlackProfile(
        "U2147483697", "Ada Lovelace", "ada@example.org", "Europe/London", is_bot=False
    )
