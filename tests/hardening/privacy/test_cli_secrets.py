"""`hallway` as real processes, every secret in the environment (Slack bot token and signing
secret, Discord token, a database password; LOG_LEVEL=DEBUG): nothing they print, on stdout or
stderr, shows a secret — not while serving both platforms and the scheduler, not in the
console's banner, not in configuration errors, backup hints or a failed connection."""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import aiohttp
import pytest
from sqlalchemy.engine import make_url

from bot import bootstrap
from bot.config import Settings
from bot.redaction import url_password
from storage import Database
from tests.adapters.discord.fake_discord import FakeDiscord
from tests.adapters.discord.interactions import APPLICATION_COMMAND, command_data, new_user
from tests.adapters.slack.fake_slack import FakeSlack
from tests.adapters.slack.signed import SignedSlack
from tests.e2e.test_cli import ROOT, hallway
from tests.e2e.test_cli_scheduler import ICML
from tests.e2e.test_cli_scheduler_slack import free_port
from tests.factories import register, stored_social
from tests.hardening.privacy import secrets as s
from tests.hardening.privacy.conftest import SLACK_CHANNELS
from tests.hardening.privacy.secrets import leaked

PG_WITH_PASSWORD = f"postgresql://hallway:{s.DATABASE_PASSWORD}@127.0.0.1:1/hw".replace("!", "%21")


@pytest.fixture
async def fake_slack() -> AsyncIterator[FakeSlack]:
    server = FakeSlack()
    await server.start()
    for name, private in SLACK_CHANNELS:
        server.add_channel(name, private=private)
    yield server
    await server.stop()


@pytest.fixture
async def fake_discord() -> AsyncIterator[FakeDiscord]:
    server = await FakeDiscord().start()
    yield server
    await server.close()


@pytest.fixture
async def secret_url(database: Database, database_url: str, backend: str) -> str:
    """The test database, emptied, with a password in its URL (the test server trusts
    loopback, so PostgreSQL accepts it; SQLite URLs have none). A social has just begun."""
    url = database_url
    if backend == "postgresql":
        url = make_url(url).set(password=s.DATABASE_PASSWORD).render_as_string(False)
    runtime = await bootstrap.start(Settings(database_url=url, event_file=ICML))
    try:
        hw = runtime.hw
        leads = [(await register(hw, f"{name}@example.org")).id for name in ("ada", "bob")]
        start = hw.now() - timedelta(minutes=1)
        await stored_social(hw, "Hallway karaoke", leads, [start], released=True)
    finally:
        await runtime.close()
    return url


def environment(url: str, slack: FakeSlack, discord: FakeDiscord, port: int) -> dict[str, str]:
    return {
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": str(ROOT),
        "DATABASE_URL": url,
        "HALLWAY_EVENT_FILE": str(ICML),
        "LOG_LEVEL": "DEBUG",
        "SLACK_BOT_TOKEN": s.SLACK_BOT_TOKEN,
        "SLACK_SIGNING_SECRET": s.SLACK_SIGNING_SECRET,
        "SLACK_API_URL": slack.api_url,
        "DISCORD_TOKEN": s.DISCORD_TOKEN,
        "DISCORD_GUILD_ID": discord.guild_id,
        "DISCORD_API_URL": discord.api_url,
        "DISCORD_GATEWAY_URL": discord.gateway_url,
        "HOST": "127.0.0.1",
        "PORT": str(port),
    }


async def act_on_both_platforms(slack: FakeSlack, discord: FakeDiscord, port: int) -> None:
    """A signed Slack command, a forged one, and a Discord interaction, once `run` serves."""
    await discord.wait_for_call("PUT", r"/commands$", within=30)
    for _ in range(300):
        if discord.gateway.identified:
            break
        await asyncio.sleep(0.05)
    slack.add_user("UZED", "zed@example.org", "Zed")
    async with aiohttp.ClientSession() as session:
        url = f"http://127.0.0.1:{port}/slack/events"
        send = SignedSlack(url, s.SLACK_SIGNING_SECRET, session, slack.response_url())
        for _ in range(100):  # the listener may open a moment after the gateway
            try:
                answered = await send.command("/programme", "now", "UZED")
                break
            except aiohttp.ClientConnectionError:
                await asyncio.sleep(0.1)
        assert answered.status == 200
        forged = await send.command("/programme", "now", "UZED", secret="wrong-secret-000")
        assert forged.status == 401
    sent = await discord.interact(new_user("zed"), APPLICATION_COMMAND, command_data("whoami"))
    await discord.answer(sent, within=10)


async def announced_on_both(slack: FakeSlack, discord: FakeDiscord) -> None:
    socials = slack.channel_named("socials")
    await slack.wait_until(
        lambda: any(c.args.get("channel") == socials for c in slack.called("chat.postMessage")),
        30,
    )
    channel = discord.channel_named("socials")["id"]
    await discord.wait_for_call("POST", rf"^/channels/{channel}/messages$", within=30)


async def output_of(verb: str, environ: dict[str, str], cwd: Path, *steps: object) -> str:
    """Run `hallway VERB` until `steps` (awaitables) are done; everything it printed."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        verb,
        cwd=cwd,
        env=environ,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        for step in steps:
            waiting = asyncio.ensure_future(step)  # type: ignore[call-overload]
            exited = asyncio.create_task(process.wait())
            await asyncio.wait({waiting, exited}, return_when=asyncio.FIRST_COMPLETED)
            exited.cancel()
            if not waiting.done():
                waiting.cancel()
            await asyncio.gather(waiting, return_exceptions=True)
            error = None if waiting.cancelled() else waiting.exception()
            if error is not None or waiting.cancelled():
                break
    finally:
        if process.returncode is None:
            process.terminate()
        out, err = await process.communicate()
    printed = out.decode() + err.decode()
    if error is not None or waiting.cancelled():
        raise AssertionError(f"{verb} did not get there: {error!r}\n{printed[-3000:]}")
    return printed


@pytest.mark.parametrize("verb", ["run", "scheduler"])
async def test_serving_at_debug_prints_no_secret(
    verb: str,
    secret_url: str,
    fake_slack: FakeSlack,
    fake_discord: FakeDiscord,
    tmp_path: Path,
    backend: str,
) -> None:
    port = free_port()
    environ = environment(secret_url, fake_slack, fake_discord, port)
    steps = [announced_on_both(fake_slack, fake_discord)]
    if verb == "run":
        steps.append(act_on_both_platforms(fake_slack, fake_discord, port))
    printed = await output_of(verb, environ, tmp_path, *steps)
    assert leaked(printed) == []
    assert " DEBUG " in printed and "slack_sdk" in printed  # it really logged at DEBUG
    assert "ada@example.org" not in printed and "bob@example.org" not in printed
    if verb == "run":
        assert "discord.gateway" in printed and "/slack/events" in printed
    if backend == "postgresql":
        assert url_password(secret_url) == s.DATABASE_PASSWORD  # the process had the password


async def test_the_console_banner_shows_the_database_without_its_password(
    secret_url: str, tmp_path: Path, backend: str
) -> None:
    environ = {"HALLWAY_EVENT_FILE": str(ICML), "LOG_LEVEL": "DEBUG", "DATABASE_URL": secret_url}
    result = await asyncio.to_thread(
        hallway, tmp_path, "console", "--as", "ada@example.org", stdin="/quit\n", **environ
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "console (" in result.stdout
    assert leaked(result.stdout + result.stderr) == []
    if backend == "postgresql":
        assert ":***@127.0.0.1" in result.stdout


@pytest.mark.parametrize(
    ("args", "environ", "said"),
    [
        (
            ("db", "upgrade"),
            {"DATABASE_URL": PG_WITH_PASSWORD.replace("postgresql", "mysql")},
            "DATABASE_URL 'mysql://hallway:***@",
        ),
        (("db", "restore", "hw.dump"), {"DATABASE_URL": PG_WITH_PASSWORD}, "pg_restore --clean"),
        (
            ("db", "backup", "hw.dump"),
            {"DATABASE_URL": PG_WITH_PASSWORD, "PATH": "/nowhere"},
            "pg_dump is not installed here",
        ),
        (
            ("db", "upgrade"),
            {"DATABASE_URL": PG_WITH_PASSWORD},
            "cannot reach the database server at 127.0.0.1:1 (DATABASE_URL)",
        ),  # no server there
        (("serve-slack",), {"SLACK_SIGNING_SECRET": s.SLACK_SIGNING_SECRET}, "SLACK_BOT_TOKEN"),
        (
            ("serve-slack",),
            {
                "SLACK_BOT_TOKEN": s.SLACK_BOT_TOKEN,
                "SLACK_APP_TOKEN": s.SLACK_APP_TOKEN,
                "SLACK_SIGNING_SECRET": s.SLACK_SIGNING_SECRET,
                "PORT": "eighty",
            },
            "PORT 'eighty'",
        ),
        (("serve-discord",), {"DISCORD_TOKEN": s.DISCORD_TOKEN}, "DISCORD_GUILD_ID is missing"),
        (
            ("discord", "invite-url"),
            {"DISCORD_TOKEN": s.DISCORD_TOKEN, "DISCORD_GUILD_ID": "42"},
            "client_id=",
        ),
    ],
)
def test_configuration_errors_and_hints_print_no_secret(
    args: tuple[str, ...], environ: dict[str, str], said: str, tmp_path: Path
) -> None:
    result = hallway(tmp_path, *args, **environ)
    printed = result.stdout + result.stderr
    assert said in printed, printed[-2000:]
    assert leaked(printed) == []
