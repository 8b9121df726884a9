"""`hallway serve-discord` and `hallway discord invite-url`, run as real processes."""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.adapters.discord.fake_discord import FakeDiscord
from tests.adapters.discord.helpers import embed_text
from tests.adapters.discord.interactions import APPLICATION_COMMAND, command_data, new_user
from tests.e2e.test_cli import ROOT, hallway

TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4.fake.token"


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    server = await FakeDiscord().start()
    yield server
    await server.close()


def test_invite_url_prints_the_link_for_the_tokens_application(tmp_path: Path) -> None:
    result = hallway(tmp_path, "discord", "invite-url", DISCORD_TOKEN=TOKEN, DISCORD_GUILD_ID="42")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(
        "https://discord.com/oauth2/authorize?client_id=123456789012345678&"
    )
    assert "scope=bot+applications.commands" in result.stdout


def test_invite_url_without_a_token_asks_for_one(tmp_path: Path) -> None:
    result = hallway(tmp_path, "discord", "invite-url")
    assert result.returncode == 2
    assert "DISCORD_TOKEN" in result.stderr


async def test_serve_discord_syncs_the_commands_and_answers_them(
    tmp_path: Path, fake: FakeDiscord
) -> None:
    environ = {
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": str(ROOT),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'hallway.db'}",
        "HALLWAY_EVENT_FILE": str(ROOT / "examples" / "icml2021.toml"),
        "DISCORD_TOKEN": TOKEN,
        "DISCORD_GUILD_ID": fake.guild_id,
        "DISCORD_API_URL": fake.api_url,
        "DISCORD_GATEWAY_URL": fake.gateway_url,
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "serve-discord",
        cwd=tmp_path,
        env=environ,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        await fake.wait_for_call("PUT", r"/commands$", within=30)
        for _ in range(300):
            if fake.gateway.identified:
                break
            await asyncio.sleep(0.05)
        sent = await fake.interact(new_user("ada"), APPLICATION_COMMAND, command_data("whoami"))
        answer = await fake.answer(sent, within=10)
    finally:
        process.terminate()
        _, errors = await process.communicate()
    assert "You are not linked to a registration" in embed_text(answer), errors.decode()[-2000:]
