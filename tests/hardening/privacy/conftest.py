"""The real Slack endpoint and the real discord.py client, as the adapter tests run them, but
holding the distinctive secrets of `secrets.py`, so that a leak of any of them can be found."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Sequence
from dataclasses import replace

import aiohttp
import pytest

from adapters.discord.client import HallwayClient
from adapters.discord.endpoints import point_at
from adapters.discord.messenger import DiscordMessenger
from adapters.discord.rest import DiscordRest
from adapters.slack.service import SlackService
from bot import bootstrap
from bot.app import Hallway
from bot.clock import ManualClock
from bot.commands import build_router
from bot.config import Settings
from bot.delivery.dispatcher import Dispatcher
from bot.scheduling.handlers import build_work_handlers
from bot.scheduling.runner import WorkRunner
from bot.services.accounts import platform_user_ids
from storage import Database
from tests.adapters.discord.fake_discord import FakeDiscord
from tests.adapters.discord.world import World
from tests.adapters.slack.fake_slack import FakeSlack
from tests.adapters.slack.harness import SlackHarness
from tests.adapters.slack.signed import SignedSlack
from tests.hardening.privacy import secrets as s

SLACK_CHANNELS = (
    ("socials-chairs", True),
    ("socials", False),
    ("mentoring", False),
    ("conduct-team", True),
)


@pytest.fixture
async def fake_slack() -> AsyncIterator[FakeSlack]:
    fake = FakeSlack()
    await fake.start()
    for name, private in SLACK_CHANNELS:
        fake.add_channel(name, private=private)
    yield fake
    await fake.stop()
    assert fake.rejected == []


@pytest.fixture
async def slack(
    hw: Hallway, database: Database, fake_slack: FakeSlack
) -> AsyncIterator[SlackHarness]:
    """Hallway's whole command table on Slack over signed HTTP, with the secret tokens."""
    settings = Settings(
        host="127.0.0.1",
        port=0,
        slack_bot_token=s.SLACK_BOT_TOKEN,
        slack_signing_secret=s.SLACK_SIGNING_SECRET,
        slack_api_url=fake_slack.api_url,
    )
    on_slack = replace(hw, platforms=("slack",))
    router = build_router()
    runtime = bootstrap.Runtime(settings, database, on_slack, router)
    started: asyncio.Future[tuple[int, SlackService]] = asyncio.get_running_loop().create_future()
    serving = asyncio.create_task(
        bootstrap.serve_slack(runtime, listening=lambda *ready: started.set_result(ready))
    )
    await asyncio.wait({started, serving}, timeout=10, return_when=asyncio.FIRST_COMPLETED)
    port, service = started.result()
    url = f"http://127.0.0.1:{port}"
    try:
        async with aiohttp.ClientSession() as session:
            send = SignedSlack(
                f"{url}/slack/events", s.SLACK_SIGNING_SECRET, session, fake_slack.response_url()
            )
            messenger = bootstrap.slack_messenger(runtime)
            try:
                yield SlackHarness(on_slack, fake_slack, send, service, url, messenger, router)
            finally:
                await messenger.close()
    finally:
        serving.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await serving


@pytest.fixture
async def fake_discord() -> AsyncIterator[FakeDiscord]:
    server = await FakeDiscord().start()
    point_at(server.api_url, server.gateway_url)
    yield server
    await server.close()


class SecretWorld(World):
    """The adapter tests' Discord world, its REST messenger and client using the secret token."""

    def __init__(self, fake: FakeDiscord, hw: Hallway, clock: ManualClock) -> None:
        super().__init__(fake, hw, clock)
        self.rest = DiscordRest(s.DISCORD_TOKEN, fake.api_url)

        async def mentions(ids: Sequence[int]) -> dict[int, str]:
            return await platform_user_ids(self.hw, "discord", ids)

        self.messenger = DiscordMessenger(self.rest, fake.guild_id, mentions=mentions)
        platforms = {"discord": self.messenger}
        self.dispatcher = Dispatcher(self.hw, platforms)
        self.runner = WorkRunner(self.hw, platforms, build_work_handlers())


@contextlib.asynccontextmanager
async def secret_world(
    fake: FakeDiscord, hw: Hallway, clock: ManualClock
) -> AsyncIterator[SecretWorld]:
    made = SecretWorld(fake, hw, clock)
    client = HallwayClient(made.hw, made.router, int(fake.guild_id), guild_ready_timeout=0.01)
    try:
        await client.login(s.DISCORD_TOKEN)
        running = asyncio.create_task(client.connect(reconnect=False))
        try:
            await asyncio.wait_for(client.wait_until_ready(), 5)
            yield made
        finally:
            await client.close()
            await asyncio.wait_for(running, 5)
    finally:
        await made.rest.close()
