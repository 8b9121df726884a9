"""A fake Discord on loopback and the real discord.py client connected to it."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

import pytest

from adapters.discord.client import HallwayClient
from adapters.discord.drafts import Drafts
from adapters.discord.endpoints import point_at
from bot.app import Hallway
from bot.clock import ManualClock
from bot.commands import build_router
from bot.commands.registry import Router
from tests.adapters.discord.fake_discord import FakeDiscord

if TYPE_CHECKING:
    from tests.adapters.discord.world import World

TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4.fake.token"


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    server = await FakeDiscord().start()
    point_at(server.api_url, server.gateway_url)
    yield server
    await server.close()


@asynccontextmanager
async def connected(
    fake: FakeDiscord, hw: Hallway, router: Router, drafts: Drafts | None = None
) -> AsyncIterator[HallwayClient]:
    """A Hallway client logged in, its commands synced and its guild ready."""
    client = HallwayClient(hw, router, int(fake.guild_id), drafts=drafts, guild_ready_timeout=0.01)
    await client.login(TOKEN)
    running = asyncio.create_task(client.connect(reconnect=False))
    try:
        await asyncio.wait_for(client.wait_until_ready(), 5)
        yield client
    finally:
        await client.close()
        await asyncio.wait_for(running, 5)


@pytest.fixture
async def client(fake: FakeDiscord, hw: Hallway) -> AsyncIterator[HallwayClient]:
    async with connected(fake, hw, build_router()) as started:
        yield started


@pytest.fixture
async def world(fake: FakeDiscord, hw: Hallway, clock: ManualClock) -> AsyncIterator[World]:
    from tests.adapters.discord.safety import problems
    from tests.adapters.discord.world import world_on

    async with world_on(fake, hw, clock) as made:
        yield made
    assert problems(fake.calls) == []  # every message of every world test is safe
