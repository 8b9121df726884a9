"""Buttons over real signed HTTP: every press goes to the core's action; nothing crashes."""

from __future__ import annotations

import json

import pytest

from tests.adapters.slack.conftest import SlackHarness
from tests.factories import register


@pytest.fixture
async def ada(slack: SlackHarness) -> None:
    await register(slack.hw, "ada@example.org", "Ada Lovelace")
    slack.fake.add_user("UADA", "ada@example.org")


@pytest.mark.usefixtures("ada")
async def test_a_press_in_a_message_is_answered_ephemerally(slack: SlackHarness) -> None:
    answer = await slack.send.press("test.echo", "42")
    assert (answer.status, answer.text) == (200, "")
    [reply] = await slack.fake.wait_for("response_url")
    assert reply.args["text"] == "Echo: 42"
    assert (reply.args["response_type"], reply.args["replace_original"]) == ("ephemeral", False)


@pytest.mark.usefixtures("ada")
async def test_a_suffixed_action_id_reaches_the_core_action(slack: SlackHarness) -> None:
    await slack.send.press("test.echo#3", "7")
    [reply] = await slack.fake.wait_for("response_url")
    assert reply.args["text"] == "Echo: 7"


@pytest.mark.usefixtures("ada")
async def test_a_button_that_asks_for_a_form_opens_a_modal(slack: SlackHarness) -> None:
    await slack.send.press("test.form", "from-a-button")
    [opened] = await slack.fake.wait_for("views.open")
    assert opened.args["trigger_id"] == "trigger-UADA"
    metadata = json.loads(opened.args["view"]["private_metadata"])
    assert metadata["context"] == "from-a-button"


@pytest.mark.usefixtures("ada")
async def test_a_press_inside_a_modal_pushes_the_answer_over_it(slack: SlackHarness) -> None:
    await slack.send.press("test.echo", "9", view={"id": "VRESULT", "type": "modal"})
    [pushed] = await slack.fake.wait_for("views.push")
    assert "Echo: 9" in pushed.text


@pytest.mark.usefixtures("ada")
async def test_a_press_in_the_app_home_opens_a_small_modal(slack: SlackHarness) -> None:
    await slack.send.press("test.echo", "5", view={"id": "VHOME", "type": "home"})
    [opened] = await slack.fake.wait_for("views.open")
    assert "Echo: 5" in opened.text


@pytest.mark.usefixtures("ada")
async def test_an_unknown_action_is_refused_cleanly(slack: SlackHarness) -> None:
    answer = await slack.send.press("social.approve", "1")
    assert answer.status == 200
    [reply] = await slack.fake.wait_for("response_url")
    assert reply.args["text"] == "That button no longer does anything."


@pytest.mark.usefixtures("ada")
async def test_a_bug_behind_a_button_gets_an_apology(slack: SlackHarness) -> None:
    await slack.send.press("test.crash", "1")
    [reply] = await slack.fake.wait_for("response_url")
    assert reply.args["text"].startswith("Sorry, something went wrong on our side.")


@pytest.mark.usefixtures("ada")
async def test_a_forged_value_is_shown_back_escaped(slack: SlackHarness) -> None:
    await slack.send.press("test.echo", "<!channel> & <@U123>")
    [reply] = await slack.fake.wait_for("response_url")
    assert reply.args["text"] == "Echo: &lt;!channel&gt; &amp; &lt;@U123&gt;"
