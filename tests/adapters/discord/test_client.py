"""The real discord.py client against the fake Discord: login, gateway, command sync."""

from __future__ import annotations

from adapters.discord.client import HallwayClient
from tests.adapters.discord.fake_discord import FakeDiscord
from tests.adapters.discord.interactions import APPLICATION_COMMAND, command_data, new_user


async def test_the_client_identifies_with_the_guilds_intent_only(
    fake: FakeDiscord, client: HallwayClient
) -> None:
    assert [payload["intents"] for payload in fake.gateway.identified] == [1]


async def test_whoami_is_answered_with_an_ephemeral_follow_up(
    fake: FakeDiscord, client: HallwayClient
) -> None:
    sent = await fake.interact(new_user("ada"), APPLICATION_COMMAND, command_data("whoami"))
    answer = await fake.answer(sent)
    assert answer.body["flags"] & 64
    assert answer.body["embeds"][0]["title"] == "You are not linked to a registration"
