"""The Slack messenger over the Web API alone, against the fake Slack: what it calls and what
it raises when Slack refuses."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime

import pytest
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.messenger import SlackMessenger, room_channel_name
from bot.domain.participants import Participant
from bot.messages import Person, line, message
from bot.ports import DeliveryError, RoomRequest
from tests.adapters.slack.fake_slack import FakeSlack

HELLO = message("Reminder", line("Your social starts soon, {who}.", who=Person(1, "Ada")))
ROOM = RoomRequest(
    key="mentoring:42",
    name="Mentoring: Careers in ML!",
    topic="Careers & <!channel>",
    video_url="https://meet.jit.si/hallway-x1y2",
    members=("UBOB", "UCAT"),
    moderators=("UADA",),
    closes_at=datetime(2021, 7, 20, 12, tzinfo=UTC),
)


async def ada_is_known(ids: set[int]) -> Mapping[int, str]:
    return {1: "UADA"} if 1 in ids else {}


@pytest.fixture
async def messenger(fake_slack: FakeSlack) -> SlackMessenger:
    for user in ("UADA", "UBOB", "UCAT"):
        fake_slack.add_user(user, f"{user[1:].lower()}@example.org")
    return SlackMessenger(
        AsyncWebClient(token="xoxb-test", base_url=fake_slack.api_url), ada_is_known
    )


def participant(email: str) -> Participant:
    return Participant(event_id=1, email=email, name="Someone")


async def test_a_direct_message_opens_the_dm_and_posts_with_mentions(
    messenger: SlackMessenger, fake_slack: FakeSlack
) -> None:
    ref = await messenger.send_direct("UADA", HELLO, "Asia/Tokyo")
    assert fake_slack.methods() == ["conversations.open", "chat.postMessage"]
    [posted] = fake_slack.called("chat.postMessage")
    assert posted.args["channel"] == "DUADA"
    assert "Your social starts soon, <@UADA>." in posted.text
    assert ref == f"DUADA:{posted.answer['ts']}"


async def test_the_dm_channel_is_opened_once_per_person(
    messenger: SlackMessenger, fake_slack: FakeSlack
) -> None:
    await messenger.send_direct("UADA", HELLO, None)
    await messenger.send_direct("UADA", HELLO, None)
    assert len(fake_slack.called("conversations.open")) == 1


async def test_a_channel_name_is_resolved_once_and_remembered(
    messenger: SlackMessenger, fake_slack: FakeSlack
) -> None:
    chairs = fake_slack.add_channel("socials-chairs", private=True)
    await messenger.post("socials-chairs", HELLO)
    ref = await messenger.post("#socials-chairs", HELLO)
    assert len(fake_slack.called("conversations.list")) == 1
    assert [call.args["channel"] for call in fake_slack.called("chat.postMessage")] == [chairs] * 2
    assert ref.startswith(f"{chairs}:")


async def test_an_unknown_channel_fails_for_good(messenger: SlackMessenger) -> None:
    with pytest.raises(DeliveryError) as raised:
        await messenger.post("no-such-channel", HELLO)
    assert raised.value.permanent
    assert "#no-such-channel" in raised.value.reason


async def test_update_replaces_the_message_by_its_reference(
    messenger: SlackMessenger, fake_slack: FakeSlack
) -> None:
    channel = fake_slack.add_channel("socials")
    ref = await messenger.post(channel, message("Before"))
    await messenger.update(ref, HELLO)
    [updated] = fake_slack.called("chat.update")
    assert f"{updated.args['channel']}:{updated.args['ts']}" == ref
    [stored] = fake_slack.in_channel(channel)
    assert stored["text"].startswith("Reminder") and stored["edited"]


async def test_updating_a_message_slack_does_not_have_fails_for_good(
    messenger: SlackMessenger, fake_slack: FakeSlack
) -> None:
    channel = fake_slack.add_channel("socials")
    with pytest.raises(DeliveryError) as raised:
        await messenger.update(f"{channel}:1626600000.000001", HELLO)
    assert raised.value.permanent and raised.value.reason == "chat.update: message_not_found"


async def test_opening_a_room_creates_a_private_channel_invites_posts_and_sets_the_topic(
    messenger: SlackMessenger, fake_slack: FakeSlack
) -> None:
    ref = await messenger.open_room(ROOM)
    assert fake_slack.methods() == [
        "conversations.create",
        "conversations.invite",
        "chat.postMessage",
        "conversations.setTopic",
    ]
    room = fake_slack.channels[ref]
    assert room["is_private"] and room["name"] == room_channel_name(ROOM)
    assert room["members"] == ["UADA", "UBOB", "UCAT"]
    assert room["topic"] == "Careers &amp; &lt;!channel&gt;"
    assert "<https://meet.jit.si/hallway-x1y2>" in fake_slack.called("chat.postMessage")[0].text


async def test_opening_a_room_again_after_a_failure_carries_on_with_the_same_channel(
    messenger: SlackMessenger, fake_slack: FakeSlack
) -> None:
    fake_slack.add_channel(room_channel_name(ROOM), private=True)
    ref = await messenger.open_room(ROOM)
    assert fake_slack.channels[ref]["members"] == ["UADA", "UBOB", "UCAT"]


async def test_opening_a_room_again_after_a_crash_posts_its_video_link_once(
    messenger: SlackMessenger, fake_slack: FakeSlack
) -> None:
    """Killed after the link was posted and before the room was recorded: the next run finds
    the link by its key in the channel and does not post it again."""
    fake_slack.fail_next(status=500, method="conversations.setTopic")
    with pytest.raises(DeliveryError):
        await messenger.open_room(ROOM)
    ref = await messenger.open_room(ROOM)
    links = [m for m in fake_slack.in_channel(ref) if "video call at" in str(m.get("text"))]
    assert len(links) == 1
    assert links[0]["metadata"]["event_payload"]["key"] == f"room:{ROOM.key}:video"


async def test_a_room_whose_first_run_died_before_the_link_gets_the_link(
    messenger: SlackMessenger, fake_slack: FakeSlack
) -> None:
    fake_slack.add_channel(room_channel_name(ROOM), private=True)
    ref = await messenger.open_room(ROOM)
    assert len([m for m in fake_slack.in_channel(ref) if "video call at" in str(m["text"])]) == 1


def test_room_channel_names_are_valid_and_stable_for_a_key() -> None:
    name = room_channel_name(ROOM)
    assert name.startswith("mentoring-careers-in-ml-") and len(name) <= 80
    assert name == room_channel_name(ROOM)


async def test_closing_a_room_archives_it_even_twice(
    messenger: SlackMessenger, fake_slack: FakeSlack
) -> None:
    ref = await messenger.open_room(ROOM)
    await messenger.close_room(ref)
    await messenger.close_room(ref)
    assert fake_slack.channels[ref]["is_archived"]


async def test_a_person_is_found_by_email_or_not_at_all(messenger: SlackMessenger) -> None:
    assert await messenger.resolve_user(participant("ada@example.org")) == "UADA"
    assert await messenger.resolve_user(participant("nobody@example.org")) is None


async def test_rate_limiting_asks_to_wait_as_long_as_slack_says(
    messenger: SlackMessenger, fake_slack: FakeSlack
) -> None:
    fake_slack.fail_next(status=429, retry_after=7)
    with pytest.raises(DeliveryError) as raised:
        await messenger.send_direct("UADA", HELLO, None)
    assert (raised.value.retry_after, raised.value.permanent) == (7.0, False)


async def test_a_ratelimited_error_without_429_also_waits(
    messenger: SlackMessenger, fake_slack: FakeSlack
) -> None:
    fake_slack.fail_next(status=200, error="ratelimited")
    with pytest.raises(DeliveryError) as raised:
        await messenger.send_direct("UADA", HELLO, None)
    assert raised.value.retry_after == 1.0


async def test_a_server_error_is_transient(
    messenger: SlackMessenger, fake_slack: FakeSlack
) -> None:
    fake_slack.fail_next(status=503)
    with pytest.raises(DeliveryError) as raised:
        await messenger.send_direct("UADA", HELLO, None)
    assert (raised.value.permanent, raised.value.retry_after) == (False, None)
    assert raised.value.reason == "conversations.open: http_503"


@pytest.mark.parametrize("code", ["channel_not_found", "not_in_channel", "account_inactive"])
async def test_an_address_slack_refuses_fails_for_good(
    messenger: SlackMessenger, fake_slack: FakeSlack, code: str
) -> None:
    fake_slack.fail_next(status=200, error=code)
    with pytest.raises(DeliveryError) as raised:
        await messenger.post("C01234567", HELLO)
    assert raised.value.permanent and raised.value.reason == f"chat.postMessage: {code}"


async def test_a_user_slack_does_not_know_fails_for_good(messenger: SlackMessenger) -> None:
    with pytest.raises(DeliveryError) as raised:
        await messenger.send_direct("UNOBODY", HELLO, None)
    assert raised.value.permanent and raised.value.reason == "conversations.open: user_not_found"


async def test_an_unreachable_slack_is_transient() -> None:
    closed = SlackMessenger(AsyncWebClient(token="x", base_url="http://127.0.0.1:9/api/"))
    with pytest.raises(DeliveryError) as raised:
        await closed.send_direct("UADA", HELLO, None)
    assert not raised.value.permanent and raised.value.retry_after is None


async def test_adding_to_a_room_invites_the_newcomers(
    messenger: SlackMessenger, fake_slack: FakeSlack
) -> None:
    fake_slack.add_user("UDAN", "dan@example.org")
    ref = await messenger.open_room(ROOM)
    await messenger.add_to_room(ref, ["UDAN"])
    invited = fake_slack.called("conversations.invite")[-1]
    assert (invited.args["channel"], invited.args["users"]) == (ref, "UDAN")
    assert fake_slack.channels[ref]["members"] == ["UADA", "UBOB", "UCAT", "UDAN"]


async def test_someone_already_in_the_room_does_not_keep_a_newcomer_out(
    messenger: SlackMessenger, fake_slack: FakeSlack
) -> None:
    fake_slack.add_user("UDAN", "dan@example.org")
    ref = await messenger.open_room(ROOM)
    await messenger.add_to_room(ref, ["UBOB", "UDAN", "UDAN"])
    assert fake_slack.channels[ref]["members"] == ["UADA", "UBOB", "UCAT", "UDAN"]


async def test_adding_to_a_room_again_changes_nothing(
    messenger: SlackMessenger, fake_slack: FakeSlack
) -> None:
    ref = await messenger.open_room(ROOM)
    await messenger.add_to_room(ref, ["UBOB"])
    assert fake_slack.channels[ref]["members"] == ["UADA", "UBOB", "UCAT"]


async def test_adding_to_a_room_slack_no_longer_has_fails_for_good(
    messenger: SlackMessenger,
) -> None:
    with pytest.raises(DeliveryError) as raised:
        await messenger.add_to_room("G99999999", ["UBOB"])
    assert raised.value.permanent
    assert raised.value.reason == "conversations.invite: channel_not_found"


async def test_adding_to_an_archived_room_fails_for_good(
    messenger: SlackMessenger, fake_slack: FakeSlack
) -> None:
    ref = await messenger.open_room(ROOM)
    await messenger.close_room(ref)
    with pytest.raises(DeliveryError) as raised:
        await messenger.add_to_room(ref, ["UBOB"])
    assert raised.value.permanent and raised.value.reason.endswith("is_archived")


async def test_slack_has_no_calendar_to_publish_in(
    messenger: SlackMessenger, fake_slack: FakeSlack
) -> None:
    assert await messenger.publish_event("social:1:slot:0", None, None) is None  # type: ignore[arg-type]
    await messenger.withdraw_event("anything")
    assert fake_slack.calls == []
