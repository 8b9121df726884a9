"""The real discord.py client against the fake Discord: login, gateway, command sync."""

from __future__ import annotations

import asyncio

import pytest

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


async def test_a_reconnect_request_resumes_the_session_and_keeps_answering(
    fake: FakeDiscord, client: HallwayClient
) -> None:
    await fake.gateway.send_op(7)  # RECONNECT
    for _ in range(100):
        if fake.gateway.resumed:
            break
        await asyncio.sleep(0.02)
    assert (fake.gateway.resumed, len(fake.gateway.identified)) == (1, 1)
    sent = await fake.interact(new_user("ada"), APPLICATION_COMMAND, command_data("whoami"))
    assert (await fake.answer(sent)).body["embeds"]


async def test_heartbeats_are_acknowledged(fake: FakeDiscord, client: HallwayClient) -> None:
    assert fake.gateway.heartbeats >= 1  # discord.py beats once right after HELLO


async def test_an_expired_interaction_is_logged_and_left_unanswered(
    fake: FakeDiscord, client: HallwayClient, caplog: pytest.LogCaptureFixture
) -> None:
    fake.fail_next("POST", r"/callback$", 404, {"message": "Unknown interaction", "code": 10062})
    sent = await fake.interact(new_user("ada"), APPLICATION_COMMAND, command_data("whoami"))
    await fake.wait_for_call("POST", rf"/{sent['token']}/callback$")
    after = await fake.interact(new_user("bob"), APPLICATION_COMMAND, command_data("whoami"))
    await fake.answer(after)  # the client goes on answering others
    assert [c for c in fake.answers(sent) if c.path.startswith("/webhooks/")] == []
    # The first interaction's task logs its failure concurrently with the second's answer.
    for _ in range(200):
        if "deferral failed" in caplog.text:
            break
        await asyncio.sleep(0.01)
    assert "deferral failed" in caplog.text
