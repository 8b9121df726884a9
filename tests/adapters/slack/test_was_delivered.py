"""Exactly once in Slack: the outbox key travels in each message's metadata, and a message
posted before a crash is found again in its conversation's history since the try began."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy import select

from adapters.slack.delivered import SKEW
from adapters.slack.messenger import SlackMessenger
from bot.clock import ManualClock
from bot.delivery.attempts import SendPolicy
from bot.delivery.dispatcher import Dispatcher
from bot.delivery.outbox import tell_person
from bot.domain.delivery import DeliveryStatus
from bot.messages import message
from bot.ports import DeliveryError
from storage import Database
from storage.tables import outbox
from tests.adapters.slack.fake_slack import FakeSlack
from tests.adapters.slack.harness import SlackHarness
from tests.adapters.slack.scenes import ADA, cast, slack_actor

HELLO = message("Reminder", "Your social starts soon.")
BEFORE = datetime(2021, 7, 18, 9, 0, tzinfo=UTC)
POSTED = BEFORE + timedelta(minutes=1)  # Slack's clock when the fake posts
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
    fake_slack.wall = POSTED.timestamp
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


@pytest.mark.parametrize("status", [500, 503])
async def test_a_post_answered_by_a_server_error_may_have_been_posted(
    messenger: SlackMessenger, fake_slack: FakeSlack, status: int
) -> None:
    fake_slack.fail_next(status=status)
    with pytest.raises(DeliveryError) as raised:
        await messenger.post("C00000001", HELLO, key=KEY)
    assert raised.value.maybe_delivered


async def test_a_post_slack_refused_outright_was_not_posted(
    messenger: SlackMessenger, fake_slack: FakeSlack
) -> None:
    fake_slack.fail_next(status=429, retry_after=3)
    with pytest.raises(DeliveryError) as raised:
        await messenger.post("C00000001", HELLO, key=KEY)
    assert not raised.value.maybe_delivered and raised.value.retry_after == 3.0


async def test_a_failed_lookup_of_the_dm_channel_was_not_posted(
    messenger: SlackMessenger, fake_slack: FakeSlack
) -> None:
    fake_slack.fail_next(status=503)  # conversations.open, before any message
    with pytest.raises(DeliveryError) as raised:
        await messenger.send_direct("UADA", HELLO, None, key=KEY)
    assert not raised.value.maybe_delivered


async def test_a_connection_lost_while_posting_may_have_been_posted() -> None:
    closed = SlackMessenger(AsyncWebClient(token="x", base_url="http://127.0.0.1:9/api/"))
    with pytest.raises(DeliveryError) as raised:
        await closed.post("C00000001", HELLO, key=KEY)
    assert raised.value.maybe_delivered


# --- with the core's dispatcher: a lost answer settled by asking Slack, never sent twice ---

POLICY = SendPolicy(lease=timedelta(seconds=20), send_timeout=5)


async def a_notice_for_ada(hallway: SlackHarness) -> tuple[Dispatcher, ManualClock]:
    """A DM queued for Ada, and a dispatcher on a wall clock that Slack's clock follows."""
    await cast(hallway)
    ada = (await slack_actor(hallway, ADA)).participant
    assert ada is not None
    async with hallway.hw.uow() as uow:
        await tell_person(hallway.hw, uow, ada.id, HELLO, "notice")
        await uow.commit()
    wall = ManualClock(datetime(2026, 1, 1, 9, tzinfo=UTC))
    hallway.fake.wall = lambda: wall.now().timestamp()
    dispatcher = Dispatcher(hallway.hw, {"slack": hallway.messenger}, wall=wall, policy=POLICY)
    return dispatcher, wall


async def sent_to_ada(database: Database) -> list[tuple[DeliveryStatus, str | None]]:
    query = select(outbox.c.status, outbox.c.ref).where(outbox.c.key.startswith("notice"))
    async with database.engine.connect() as connection:
        return [(DeliveryStatus(row.status), row.ref) for row in await connection.execute(query)]


async def test_a_dm_whose_answer_was_lost_is_found_and_not_sent_again(
    hallway: SlackHarness, database: Database
) -> None:
    dispatcher, wall = await a_notice_for_ada(hallway)
    hallway.fake.lose_next_answer("chat.postMessage")
    await dispatcher.deliver_due()
    assert await sent_to_ada(database) == [(DeliveryStatus.SENDING, None)]
    wall.advance(POLICY.lease + timedelta(seconds=1))
    await dispatcher.deliver_due()
    [posted] = hallway.fake.dms_to(ADA)
    assert await sent_to_ada(database) == [(DeliveryStatus.SENT, f"D{ADA}:{posted['ts']}")]
    [asked] = hallway.fake.called("conversations.history")
    assert asked.args["channel"] == f"D{ADA}"


async def test_a_dm_slack_never_posted_is_sent_again_once(
    hallway: SlackHarness, database: Database
) -> None:
    dispatcher, wall = await a_notice_for_ada(hallway)
    hallway.fake.fail_next(status=503, method="chat.postMessage")  # not posted; answer unclear
    await dispatcher.deliver_due()
    assert hallway.fake.dms_to(ADA) == []
    wall.advance(POLICY.lease + timedelta(seconds=1))
    for _ in range(3):
        await dispatcher.deliver_due()
    assert len(hallway.fake.dms_to(ADA)) == 1
    [(status, ref)] = await sent_to_ada(database)
    assert status == DeliveryStatus.SENT and ref is not None
