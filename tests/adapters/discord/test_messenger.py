"""The REST-only messenger against the fake Discord: messages, rooms and refusals."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

import pytest

from adapters.discord.messenger import DiscordMessenger
from adapters.discord.rest import DiscordRest
from adapters.discord.rooms import BOT_RIGHTS, MEMBER_RIGHTS, MODERATOR_RIGHTS
from bot.bootstrap import close_messengers
from bot.messages import Person, line, message
from bot.ports import DeliveryError, RoomRequest
from tests.adapters.discord.fake_discord import FakeDiscord

USER = "880000000000000777"


@pytest.fixture
async def messenger(fake: FakeDiscord) -> AsyncIterator[DiscordMessenger]:
    rest = DiscordRest("token", fake.api_url)
    yield DiscordMessenger(rest, fake.guild_id)
    await rest.close()


async def test_closing_the_messenger_closes_its_rest_session(fake: FakeDiscord) -> None:
    messenger = DiscordMessenger(DiscordRest("token", fake.api_url), fake.guild_id)
    await messenger.post("general", message("Hello"))
    session = messenger.rest._session
    assert session is not None and not session.closed
    await close_messengers({"discord": messenger})
    assert session.closed


async def test_a_direct_message_opens_a_dm_channel_then_posts(
    fake: FakeDiscord, messenger: DiscordMessenger
) -> None:
    ref = await messenger.send_direct(
        USER, message("Hello", "Your social starts soon."), "Europe/Paris"
    )
    [opened] = fake.calls_to("POST", r"^/users/@me/channels$")
    assert opened.body == {"recipient_id": USER}
    channel_id, message_id = ref.split(":")
    assert fake.messages[message_id]["embeds"][0]["title"] == "Hello"
    assert fake.calls_to("POST", rf"^/channels/{channel_id}/messages$")


async def test_the_dm_channel_is_opened_once_per_person(
    fake: FakeDiscord, messenger: DiscordMessenger
) -> None:
    await messenger.send_direct(USER, message("One"), None)
    await messenger.send_direct(USER, message("Two"), None)
    assert len(fake.calls_to("POST", r"^/users/@me/channels$")) == 1


async def test_a_post_finds_the_channel_by_name_once(
    fake: FakeDiscord, messenger: DiscordMessenger
) -> None:
    await messenger.post("socials-chairs", message("Card"))
    ref = await messenger.post("#socials-chairs", message("Card 2"))
    assert ref.startswith(fake.channel_named("socials-chairs")["id"] + ":")
    assert len(fake.calls_to("GET", r"/channels$")) == 1


async def test_a_post_to_a_missing_channel_fails_for_good(messenger: DiscordMessenger) -> None:
    with pytest.raises(DeliveryError) as refused:
        await messenger.post("no-such-channel", message("Card"))
    assert refused.value.permanent


async def test_user_text_goes_out_with_mentions_disabled(
    fake: FakeDiscord, messenger: DiscordMessenger
) -> None:
    await messenger.post(
        "socials", message("New social", "@everyone come to <@880000000000000123>")
    )
    [sent] = fake.calls_to("POST", r"/messages$")
    assert sent.body["allowed_mentions"] == {"parse": [], "users": [], "replied_user": False}
    assert "@\u200beveryone" in sent.body["embeds"][0]["description"]


async def test_a_linked_person_named_by_hallway_is_mentioned(fake: FakeDiscord) -> None:
    async def accounts(ids: Sequence[int]) -> dict[int, str]:
        return {7: USER}

    rest = DiscordRest("token", fake.api_url)
    messenger = DiscordMessenger(rest, fake.guild_id, mentions=accounts)
    await messenger.post("socials", message(None, line("Led by {who}", who=Person(7, "Ada"))))
    await rest.close()
    [sent] = fake.calls_to("POST", r"/messages$")
    assert sent.body["embeds"][0]["description"] == f"Led by <@{USER}>"
    assert sent.body["allowed_mentions"]["users"] == [USER]


async def test_update_edits_the_message_of_a_reference(
    fake: FakeDiscord, messenger: DiscordMessenger
) -> None:
    ref = await messenger.post("socials-chairs", message("Pending"))
    await messenger.update(ref, message("Approved"))
    assert fake.messages[ref.split(":")[1]]["embeds"][0]["title"] == "Approved"


async def test_a_rate_limit_becomes_a_retry_after(
    fake: FakeDiscord, messenger: DiscordMessenger
) -> None:
    fake.fail_next(
        "POST",
        r"/messages$",
        429,
        {"message": "You are being rate limited.", "retry_after": 2.5, "global": False},
    )
    with pytest.raises(DeliveryError) as refused:
        await messenger.post("socials", message("Hi"))
    assert (refused.value.retry_after, refused.value.permanent) == (2.5, False)


async def test_a_rate_limit_without_a_body_reads_the_retry_after_header(
    fake: FakeDiscord, messenger: DiscordMessenger
) -> None:
    fake.fail_next("POST", r"/messages$", 429, {}, {"Retry-After": "4"})
    with pytest.raises(DeliveryError) as refused:
        await messenger.post("socials", message("Hi"))
    assert refused.value.retry_after == 4.0


async def test_a_person_who_blocks_direct_messages_fails_for_good(
    fake: FakeDiscord, messenger: DiscordMessenger
) -> None:
    fake.fail_next(
        "POST", r"/messages$", 400, {"message": "Cannot send messages to this user", "code": 50007}
    )
    with pytest.raises(DeliveryError) as refused:
        await messenger.send_direct(USER, message("Hi"), None)
    assert refused.value.permanent


async def test_a_server_error_is_worth_another_try(
    fake: FakeDiscord, messenger: DiscordMessenger
) -> None:
    fake.fail_next("POST", r"/messages$", 502, {"message": "Bad Gateway"})
    with pytest.raises(DeliveryError) as refused:
        await messenger.post("socials", message("Hi"))
    assert (refused.value.permanent, refused.value.retry_after) == (False, None)


async def test_an_unreachable_discord_is_worth_another_try() -> None:
    rest = DiscordRest("token", "http://127.0.0.1:9/api/v10", timeout_seconds=1)
    with pytest.raises(DeliveryError) as refused:
        await DiscordMessenger(rest, "1").send_direct(USER, message("Hi"), None)
    await rest.close()
    assert not refused.value.permanent


ROOM = RoomRequest(
    key="mentoring:42",
    name="Careers in ML",
    topic="Ask Ada anything",
    video_url=None,
    members=("880000000000000501", "880000000000000502"),
    moderators=("880000000000000500",),
    closes_at=datetime(2021, 7, 19, 18, tzinfo=UTC),
)


async def test_a_room_is_a_private_category_with_a_voice_and_a_text_channel(
    fake: FakeDiscord, messenger: DiscordMessenger
) -> None:
    ref = await messenger.open_room(ROOM)
    category, text, voice = (fake.channels[item] for item in ref.split(","))
    assert [category["type"], text["type"], voice["type"]] == [4, 0, 2]
    assert text["parent_id"] == voice["parent_id"] == category["id"]
    rights = {
        item["id"]: (int(item["allow"]), int(item["deny"]))
        for item in text["permission_overwrites"]
    }
    assert rights[fake.guild_id] == (0, 1024 | 1048576)  # everyone: neither see nor connect
    assert rights["880000000000000500"] == (MODERATOR_RIGHTS.value, 0)
    assert rights["880000000000000501"] == (MEMBER_RIGHTS.value, 0)
    assert rights[fake.bot_id] == (BOT_RIGHTS.value, 0)


async def test_moderators_may_manage_messages_mute_and_move(messenger: DiscordMessenger) -> None:
    assert (
        MODERATOR_RIGHTS.manage_messages
        and MODERATOR_RIGHTS.mute_members
        and MODERATOR_RIGHTS.move_members
    )
    assert not (
        MEMBER_RIGHTS.manage_messages or MEMBER_RIGHTS.mute_members or MEMBER_RIGHTS.move_members
    )


async def test_closing_a_room_deletes_its_channels(
    fake: FakeDiscord, messenger: DiscordMessenger
) -> None:
    ref = await messenger.open_room(ROOM)
    await messenger.close_room(ref)
    await messenger.close_room(ref)  # again: already gone is fine
    assert not set(ref.split(",")) & set(fake.channels)


async def test_adding_to_a_room_lets_the_member_see_each_of_its_channels(
    fake: FakeDiscord, messenger: DiscordMessenger
) -> None:
    ref = await messenger.open_room(ROOM)
    await messenger.add_to_room(ref, ["880000000000000503", "880000000000000503"])
    for channel_id in ref.split(","):
        rights = {
            item["id"]: (int(item["allow"]), int(item["deny"]), item["type"])
            for item in fake.channels[channel_id]["permission_overwrites"]
        }
        assert rights["880000000000000503"] == (MEMBER_RIGHTS.value, 0, 1)
        assert rights["880000000000000500"] == (MODERATOR_RIGHTS.value, 0, 1)  # kept
    assert len(fake.calls_to("PUT", r"/permissions/880000000000000503$")) == 3


async def test_adding_to_a_room_that_is_gone_is_refused_for_good(
    fake: FakeDiscord, messenger: DiscordMessenger
) -> None:
    ref = await messenger.open_room(ROOM)
    await messenger.close_room(ref)
    with pytest.raises(DeliveryError) as refused:
        await messenger.add_to_room(ref, ["880000000000000503"])
    assert refused.value.permanent


async def test_discord_cannot_find_people_by_e_mail(messenger: DiscordMessenger) -> None:
    from bot.domain.participants import Participant

    assert await messenger.resolve_user(Participant(1, "ada@example.org", "Ada")) is None


# --- a room opened again after a crash (made on Discord, not yet recorded by Hallway) ---

LINKED = replace(ROOM, video_url="https://meet.example.org/careers-ml-7f3a")


def room_channels(fake: FakeDiscord) -> dict[int, list[dict[str, Any]]]:
    """The guild's channels that belong to rooms (everything but the event's own), by type."""
    rooms = [item for item in fake.channels.values() if item["name"] not in EVENT_CHANNELS]
    return {kind: [item for item in rooms if item["type"] == kind] for kind in (4, 0, 2)}


EVENT_CHANNELS = {"socials-chairs", "socials", "mentoring", "conduct-team", "general"}


async def test_opening_a_room_again_after_a_crash_reuses_its_category_and_channels(
    fake: FakeDiscord, messenger: DiscordMessenger
) -> None:
    first = await messenger.open_room(LINKED)
    again = await messenger.open_room(LINKED)  # the first run died before recording `first`
    assert again == first
    made = room_channels(fake)
    assert [len(made[kind]) for kind in (4, 0, 2)] == [1, 1, 1]
    [text] = made[0]
    assert text["topic"].count(LINKED.video_url or "") == 1  # the video link, shown once
    assert fake.messages == {}  # and never posted
    assert len(fake.calls_to("POST", r"^/guilds/\d+/channels$")) == 3


async def test_a_room_whose_first_run_died_after_its_category_gets_its_channels_once(
    fake: FakeDiscord, messenger: DiscordMessenger
) -> None:
    fake.fail_next("POST", r"^/guilds/\d+/channels$", 500, after=1)  # the category, then …
    with pytest.raises(DeliveryError):
        await messenger.open_room(LINKED)
    [category] = room_channels(fake)[4]
    assert room_channels(fake)[0] == room_channels(fake)[2] == []
    ref = await messenger.open_room(LINKED)
    made = room_channels(fake)
    assert [len(made[kind]) for kind in (4, 0, 2)] == [1, 1, 1]
    assert ref.split(",")[0] == category["id"]
    assert made[0][0]["parent_id"] == made[2][0]["parent_id"] == category["id"]
    assert LINKED.video_url in made[0][0]["topic"]


async def test_someone_who_booked_between_the_two_runs_is_let_into_the_reused_room(
    fake: FakeDiscord, messenger: DiscordMessenger
) -> None:
    await messenger.open_room(ROOM)
    later = replace(ROOM, members=(*ROOM.members, "880000000000000504"))
    ref = await messenger.open_room(later)
    for channel_id in ref.split(","):
        rights = {
            item["id"]: int(item["allow"])
            for item in fake.channels[channel_id]["permission_overwrites"]
        }
        assert rights["880000000000000504"] == MEMBER_RIGHTS.value
        assert rights["880000000000000500"] == MODERATOR_RIGHTS.value


async def test_two_rooms_of_the_same_name_are_two_rooms(
    fake: FakeDiscord, messenger: DiscordMessenger
) -> None:
    """Found again by the key, not by the name people see."""
    one = await messenger.open_room(ROOM)
    other = await messenger.open_room(replace(ROOM, key="mentoring:43"))
    assert set(one.split(",")).isdisjoint(other.split(","))
    assert [len(room_channels(fake)[kind]) for kind in (4, 0, 2)] == [2, 2, 2]
