"""Exactly once on Discord: each message carries its outbox key as a nonce, and a try left in
doubt is settled by asking Discord (the same nonce again, or the channel's history)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest

from adapters.discord.delivered import nonce_of, snowflake_at
from adapters.discord.messenger import DiscordMessenger
from adapters.discord.rest import DiscordRest
from bot.messages import message
from bot.ports import Attempt, DeliveryError
from tests.adapters.discord.fake_discord import FakeDiscord

USER = "880000000000000777"
KEY = "remind:social-slot:4@20210719T150000Z:attendee:15m>p7"


@pytest.fixture
async def messenger(fake: FakeDiscord) -> AsyncIterator[DiscordMessenger]:
    rest = DiscordRest("token", fake.api_url)
    yield DiscordMessenger(rest, fake.guild_id)
    await rest.close()


def attempt(address: str, *, direct: bool, minutes_ago: float, text: str = "Soon") -> Attempt:
    since = datetime.now(UTC) - timedelta(minutes=minutes_ago)
    return Attempt(KEY, address, direct, message("Reminder", text), since)


async def test_each_message_carries_its_key_as_an_enforced_nonce(
    fake: FakeDiscord, messenger: DiscordMessenger
) -> None:
    await messenger.send_direct(USER, message("Reminder", "Soon"), None, key=KEY)
    [sent] = fake.calls_to("POST", r"/messages$")
    assert (sent.body["nonce"], sent.body["enforce_nonce"]) == (nonce_of(KEY), True)
    assert len(nonce_of(KEY)) == 25


async def test_a_recent_try_is_settled_by_the_same_nonce_without_a_second_message(
    fake: FakeDiscord, messenger: DiscordMessenger
) -> None:
    first = await messenger.send_direct(USER, message("Reminder", "Soon"), None, key=KEY)
    found = await messenger.was_delivered(attempt(USER, direct=True, minutes_ago=0.5))
    assert found == first
    assert len(fake.messages) == 1


async def test_an_older_try_is_found_in_the_channel_by_its_content(
    fake: FakeDiscord, messenger: DiscordMessenger
) -> None:
    posted = await messenger.post("socials", message("Reminder", "Soon"), key=KEY)
    channel = fake.channel_named("socials")["id"]
    assert await messenger.was_delivered(attempt(channel, direct=False, minutes_ago=10)) == posted
    other = attempt(channel, direct=False, minutes_ago=10, text="Something else")
    assert await messenger.was_delivered(other) is None
    assert len(fake.messages) == 1


async def test_a_dropped_connection_after_sending_is_in_doubt_not_refused(
    messenger: DiscordMessenger,
) -> None:
    messenger.rest.base = "http://127.0.0.1:9"  # nothing listens: the connection fails
    with pytest.raises(DeliveryError) as failed:
        await messenger.post("123456789012345678", message("Hi"), key=KEY)
    assert failed.value.maybe_delivered


def test_snowflakes_start_at_the_discord_epoch() -> None:
    assert snowflake_at(datetime(2015, 1, 1, tzinfo=UTC)) == 0
    assert snowflake_at(datetime(2015, 1, 1, 0, 0, 1, tzinfo=UTC)) == 1000 << 22
