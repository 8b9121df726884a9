"""Slash commands over real signed HTTP: ack at once, then the answer, ephemerally."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from bot.domain.participants import Role
from storage import Database
from storage.tables import accounts, participants
from tests.adapters.slack.conftest import SlackHarness
from tests.factories import register


async def test_whoami_is_acknowledged_and_answered_ephemerally(slack: SlackHarness) -> None:
    await register(slack.hw, "ada@example.org", "Ada Lovelace")
    slack.fake.add_user("UADA", "ada@example.org", tz="Asia/Tokyo")
    answer = await slack.send.command("/whoami")
    assert (answer.status, answer.text) == (200, "")
    [reply] = await slack.fake.wait_for("response_url")
    assert reply.args["response_type"] == "ephemeral"
    assert reply.args["blocks"][0] == {
        "type": "header",
        "text": {"type": "plain_text", "text": "You are Ada Lovelace", "emoji": True},
    }
    assert "Time zone: Asia/Tokyo." in reply.text
    assert (
        "<!date^1623402000^{date_long_pretty} at {time}|Friday 11 June 2021, 18:00 JST>"
        in (reply.args["blocks"][-1]["text"]["text"])
    )


async def test_bolt_checks_the_token_first_then_hallway_asks_who_acts(slack: SlackHarness) -> None:
    slack.fake.add_user("UADA", "ada@example.org")
    await slack.send.command("/whoami")
    await slack.fake.wait_for("response_url")
    assert slack.fake.methods()[:2] == ["auth.test", "users.info"]


async def test_the_first_command_links_the_account_by_its_slack_email(
    slack: SlackHarness, database: Database
) -> None:
    await register(slack.hw, "ada@example.org", "Ada Lovelace")
    slack.fake.add_user("UADA", "Ada@Example.org", tz="Europe/London")
    await slack.send.command("/whoami")
    await slack.settled()
    async with database.engine.connect() as connection:
        row = (await connection.execute(select(accounts.c.platform, accounts.c.user_id))).one()
        zone = await connection.scalar(select(participants.c.zone))
    assert (tuple(row), zone) == (("slack", "UADA"), "Europe/London")


async def test_profiles_are_cached_between_commands(slack: SlackHarness) -> None:
    slack.fake.add_user("UADA", "ada@example.org")
    await slack.send.command("/whoami")
    await slack.settled()
    await slack.send.command("/help")
    await slack.settled()
    assert len(slack.fake.called("users.info")) == 1


async def test_help_lists_every_command_of_the_table(slack: SlackHarness) -> None:
    slack.fake.add_user("UADA", "ada@example.org")
    await slack.send.command("/help")
    [reply] = await slack.fake.wait_for("response_url")
    for usage in ("/whoami", "/timezone &lt;zone&gt;", "/verify &lt;email&gt;", "/meetup"):
        assert usage in reply.text


async def test_help_after_a_command_explains_that_command(slack: SlackHarness) -> None:
    slack.fake.add_user("UADA", "ada@example.org")
    await slack.send.command("/verify", "help")
    [reply] = await slack.fake.wait_for("response_url")
    assert "/verify — what you can do" in reply.text
    assert "/whoami" not in reply.text


async def test_verify_links_an_account_whose_slack_email_differs(
    slack: SlackHarness, database: Database
) -> None:
    await register(slack.hw, "ada@uni.example", "Ada", registration_id="REG-1")
    slack.fake.add_user("UADA", "ada@home.example")
    await slack.send.command("/verify", "ada@uni.example REG-1")
    [reply] = await slack.fake.wait_for("response_url")
    assert "Account linked" in reply.text
    async with database.engine.connect() as connection:
        assert await connection.scalar(select(accounts.c.user_id)) == "UADA"


async def test_timezone_answers_in_slack_too(slack: SlackHarness) -> None:
    await register(slack.hw, "ada@example.org")
    slack.fake.add_user("UADA", "ada@example.org")
    await slack.send.command("/timezone", "Europe/Paris")
    [reply] = await slack.fake.wait_for("response_url")
    assert "Times you type are now read in *Europe/Paris*" in reply.text


async def test_a_command_not_in_the_table_yet_says_so(slack: SlackHarness) -> None:
    slack.fake.add_user("UADA", "ada@example.org")
    await slack.send.command("/social", "list")
    [reply] = await slack.fake.wait_for("response_url")
    assert reply.args["text"] == "/social is not available yet. Type /help to see what is."
    assert reply.args["response_type"] == "ephemeral"


async def test_a_wrong_option_gets_the_usage_not_a_traceback(slack: SlackHarness) -> None:
    slack.fake.add_user("UADA", "ada@example.org")
    await slack.send.command("/verify", "only-one-word")
    [reply] = await slack.fake.wait_for("response_url")
    assert reply.args["text"] == (
        "registration_id is missing. Usage: /verify &lt;email&gt; &lt;registration_id&gt;"
    )


async def test_an_unregistered_person_is_refused_and_nothing_is_stored(
    slack: SlackHarness, database: Database
) -> None:
    await register(slack.hw, "someone@example.org", "Someone", Role.CHAIR)
    slack.fake.add_user("USTRANGER", "stranger@example.org")
    await slack.send.command("/timezone", "Europe/Paris", user="USTRANGER")
    [reply] = await slack.fake.wait_for("response_url")
    assert reply.args["text"].startswith("Only registered participants of ICML 2021 can do this.")
    assert reply.args["response_type"] == "ephemeral"
    async with database.engine.connect() as connection:
        assert await connection.scalar(select(func.count()).select_from(accounts)) == 0
        assert await connection.scalar(select(func.count()).select_from(participants)) == 1
        assert await connection.scalar(select(participants.c.zone)) is None


async def test_a_failing_users_info_gets_an_apology_and_is_logged_with_its_traceback(
    slack: SlackHarness, caplog: pytest.LogCaptureFixture
) -> None:
    await slack.send.command("/whoami", user="UGHOST")  # Slack answers user_not_found
    [reply] = await slack.fake.wait_for("response_url")
    assert reply.args["text"].startswith("Sorry, something went wrong on our side.")
    [logged] = [r for r in caplog.records if r.getMessage() == "Slack /whoami failed"]
    assert logged.exc_info is not None
