"""Events API: the App Home, and retried deliveries handled once."""

from __future__ import annotations

from sqlalchemy import func, select

from storage import Database
from storage.tables import slack_events
from tests.adapters.slack.conftest import SlackHarness
from tests.factories import register

HOME_OPENED = {"type": "app_home_opened", "user": "UADA", "channel": "DUADA", "tab": "home"}


async def test_opening_the_app_home_publishes_who_you_are_and_help(slack: SlackHarness) -> None:
    await register(slack.hw, "ada@example.org", "Ada Lovelace")
    slack.fake.add_user("UADA", "ada@example.org")
    answer = await slack.send.event(HOME_OPENED, "Ev0001")
    assert answer.status == 200
    [published] = await slack.fake.wait_for("views.publish")
    assert published.args["user_id"] == "UADA"
    assert published.args["view"]["type"] == "home"
    assert "You are Ada Lovelace" in published.text
    assert "Hallway — what you can do" in published.text


async def test_the_messages_tab_draws_nothing(slack: SlackHarness) -> None:
    slack.fake.add_user("UADA", "ada@example.org")
    await slack.send.event({**HOME_OPENED, "tab": "messages"}, "Ev0002")
    await slack.settled()
    assert slack.fake.called("views.publish") == []


async def test_a_retried_delivery_is_handled_once(slack: SlackHarness, database: Database) -> None:
    slack.fake.add_user("UADA", "ada@example.org")
    first = await slack.send.event(HOME_OPENED, "Ev0003")
    await slack.settled()
    again = await slack.send.event(HOME_OPENED, "Ev0003", retry=1)
    await slack.settled()
    assert (first.status, again.status) == (200, 200)
    assert len(slack.fake.called("views.publish")) == 1
    async with database.engine.connect() as connection:
        assert await connection.scalar(select(func.count()).select_from(slack_events)) == 1


async def test_two_different_events_are_both_handled(slack: SlackHarness) -> None:
    slack.fake.add_user("UADA", "ada@example.org")
    await slack.send.event(HOME_OPENED, "Ev0004")
    await slack.send.event(HOME_OPENED, "Ev0005")
    await slack.fake.wait_for("views.publish", count=2)
