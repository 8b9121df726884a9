"""`hallway scheduler` and `hallway run` as real processes, against the fake Discord: the
scheduler reaches Discord over REST alone; `run` adds it beside the Discord client."""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from bot import bootstrap
from bot.config import Settings
from tests.adapters.discord.fake_discord import FakeDiscord
from tests.adapters.discord.helpers import embed_text
from tests.e2e.test_cli import ROOT
from tests.factories import register, stored_social

TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4.fake.token"
ICML = ROOT / "examples" / "icml2021.toml"


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    server = await FakeDiscord().start()
    yield server
    await server.close()


async def a_social_that_just_started(database: Path) -> None:
    runtime = await bootstrap.start(Settings(database_url=f"sqlite:///{database}", event_file=ICML))
    hw = runtime.hw
    try:
        leads = [(await register(hw, f"{name}@example.org")).id for name in ("ada", "bob")]
        start = hw.now() - timedelta(minutes=1)
        await stored_social(hw, "Hallway karaoke", leads, [start], released=True)
    finally:
        await runtime.close()


async def run_until_announced(tmp_path: Path, fake: FakeDiscord, verb: str) -> None:
    database = tmp_path / "hallway.db"
    await a_social_that_just_started(database)
    environ = {
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": str(ROOT),
        "DATABASE_URL": f"sqlite:///{database}",
        "HALLWAY_EVENT_FILE": str(ICML),
        "DISCORD_TOKEN": TOKEN,
        "DISCORD_GUILD_ID": fake.guild_id,
        "DISCORD_API_URL": fake.api_url,
        "DISCORD_GATEWAY_URL": fake.gateway_url,
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        verb,
        cwd=tmp_path,
        env=environ,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )
    channel = fake.channel_named("socials")["id"]
    try:
        posted = await fake.wait_for_call("POST", rf"^/channels/{channel}/messages$", within=30)
    finally:
        if process.returncode is None:
            process.terminate()
        _, errors = await process.communicate()
    assert "**Hallway karaoke** starts now" in embed_text(posted), errors.decode()[-2000:]
    assert posted.body["enforce_nonce"] is True


async def test_the_scheduler_alone_posts_over_rest_without_the_gateway(
    tmp_path: Path, fake: FakeDiscord
) -> None:
    await run_until_announced(tmp_path, fake, "scheduler")
    assert not fake.gateway.identified


async def test_run_holds_the_discord_client_and_the_scheduler(
    tmp_path: Path, fake: FakeDiscord
) -> None:
    await run_until_announced(tmp_path, fake, "run")
    assert fake.calls_to("PUT", r"/commands$")  # the client synced its commands too
