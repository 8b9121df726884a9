"""Exactly once in Slack: the outbox key travels in each message's metadata, and a message
posted before a crash is found again in its conversation's history since the try began."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.delivered import SKEW
from adapters.slack.messenger import SlackMessenger
from bot.messages import message
from bot.ports import DeliveryError
from tests.adapters.slack.fake_slack import FakeSlack

HELLO = message("Reminder", "Your social starts soon.")
# The fake's message timestamps start at 2021-07-18 09:20 UTC (1626600000).
BEFORE = datetime(2021, 7, 18, 9, 0, tzinfo=UTC)
KEY = "social:1:decision>p2"


@dataclass(frozen=True)
class Attempt:
    key: str
    address: str
    direct: bool
    since: datetime = BEFORE


@pytest.fixture
async def messenger(fake_slack: FakeSlack) -> SlackMessenger:
    fake_slack.add_user("UADA", "ada@example.org")
    fake_slack.add_channel("socials")
    return SlackMessenger(AsyncWebClient(token="xoxb-test", base_url=fake_slack.api_url))


async def test_the_key_travels_in_the_messages_metadata(
    messenger: SlackMessenger, fake_slack: FakeSlack
) -> None:
    await messenger.send_direct("UADA", HELLO, None, key=KEY)
    [posted] = fake_slack.called("chat.postMessage")
    assert posted.args["metadata"] == {
        "event_type": "hallway_delivery",
        "event_payload": {"key": KEY},
    }


async def test_without_a_key_no_metadata_is_sent(
    messenger: SlackMessenger, fake_slack: FakeSlack
) -> None:
    await messenger.send_direct("UADA", HELLO, None)
    assert "metadata" not in fake_slack.called("chat.postMessage")[0].args


async def test_a_direct_message_posted_under_the_key_is_found_with_its_reference(
    messenger: SlackMessenger, fake_slack: FakeSlack
) -> None:
    ref = await messenger.send_direct("UADA", HELLO, None, key=KEY)
    assert await messenger.was_delivered(Attempt(KEY, "UADA", direct=True)) == ref
    [asked] = fake_slack.called("conversations.history")
    assert (asked.args["channel"], asked.args["include_all_metadata"]) == ("DUADA", "1")


async def test_a_channel_post_is_found_by_the_channel_name_it_went_to(
    messenger: SlackMessenger,
) -> None:
    ref = await messenger.post("socials", HELLO, key=KEY)
    assert await messenger.was_delivered(Attempt(KEY, "#socials", direct=False)) == ref


async def test_a_message_under_another_key_is_not_taken_for_it(
    messenger: SlackMessenger,
) -> None:
    await messenger.send_direct("UADA", HELLO, None, key="social:1:decision>p3")
    await messenger.send_direct("UADA", HELLO, None)
    assert await messenger.was_delivered(Attempt(KEY, "UADA", direct=True)) is None


async def test_history_is_read_from_a_little_before_the_try_began(
    messenger: SlackMessenger, fake_slack: FakeSlack
) -> None:
    await messenger.send_direct("UADA", HELLO, None, key=KEY)
    later = Attempt(KEY, "UADA", direct=True, since=BEFORE + timedelta(hours=2))
    assert await messenger.was_delivered(later) is None
    asked = fake_slack.called("conversations.history")[0]
    assert float(asked.args["oldest"]) == (later.since - SKEW).timestamp()


async def test_the_message_is_found_past_the_first_page_of_history(
    messenger: SlackMessenger, fake_slack: FakeSlack
) -> None:
    ref = await messenger.send_direct("UADA", HELLO, None, key=KEY)
    for _ in range(250):  # newer messages push it to the second page
        fake_slack.post_as_slack("DUADA", {"text": "chatter"})
    assert await messenger.was_delivered(Attempt(KEY, "UADA", direct=True)) == ref
    assert len(fake_slack.called("conversations.history")) == 2


async def test_a_conversation_slack_does_not_have_certainly_holds_nothing(
    messenger: SlackMessenger,
) -> None:
    assert await messenger.was_delivered(Attempt(KEY, "UGONE", direct=True)) is None
    assert await messenger.was_delivered(Attempt(KEY, "no-such-channel", direct=False)) is None


async def test_when_slack_cannot_say_the_question_is_asked_again_later(
    messenger: SlackMessenger, fake_slack: FakeSlack
) -> None:
    await messenger.send_direct("UADA", HELLO, None, key=KEY)
    fake_slack.fail_next(status=503)
    with pytest.raises(DeliveryError) as raised:
        await messenger.was_delivered(Attempt(KEY, "UADA", direct=True))
    assert not raised.value.permanent
    assert raised.value.reason == "conversations.history: http_503"
