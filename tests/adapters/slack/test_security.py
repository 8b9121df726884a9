"""Requests Slack did not sign, or signed too long ago, are refused before anything happens."""

from __future__ import annotations

import json
import time

from sqlalchemy import func, select

from storage import Database
from storage.tables import accounts, slack_events
from tests.adapters.slack.conftest import SlackHarness
from tests.factories import register


async def nothing_stored(database: Database) -> bool:
    async with database.engine.connect() as connection:
        linked = await connection.scalar(select(func.count()).select_from(accounts))
        seen = await connection.scalar(select(func.count()).select_from(slack_events))
    return linked == 0 and seen == 0


async def test_a_bad_signature_is_refused_with_401_and_nothing_stored(
    slack: SlackHarness, database: Database
) -> None:
    await register(slack.hw, "ada@example.org")
    slack.fake.add_user("UADA", "ada@example.org")
    answer = await slack.send.command("/whoami", secret="not-the-signing-secret")
    event = await slack.send.event(
        {"type": "app_home_opened", "user": "UADA", "tab": "home"},
        "Ev0100",
        secret="not-the-signing-secret",
    )
    await slack.settled()
    assert (answer.status, event.status) == (401, 401)
    assert slack.fake.calls == []
    assert await nothing_stored(database)


async def test_a_timestamp_older_than_five_minutes_is_refused_with_401(
    slack: SlackHarness, database: Database
) -> None:
    await register(slack.hw, "ada@example.org")
    slack.fake.add_user("UADA", "ada@example.org")
    answer = await slack.send.command("/whoami", timestamp=int(time.time()) - 5 * 60 - 30)
    await slack.settled()
    assert answer.status == 401
    assert slack.fake.calls == []
    assert await nothing_stored(database)


async def test_health_is_served_on_the_same_listener(slack: SlackHarness) -> None:
    async with slack.send.session.get(f"{slack.url}/healthz") as response:
        assert (response.status, await response.json()) == (200, {"status": "ok"})


async def test_slacks_url_check_gets_its_challenge_back(slack: SlackHarness) -> None:
    challenge = "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"
    body = json.dumps({"token": "legacy", "challenge": challenge, "type": "url_verification"})
    answer = await slack.send.send(body, "application/json")
    assert answer.status == 200
    assert challenge in answer.text
