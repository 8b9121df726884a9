"""`hallway scheduler` and `hallway run` as real processes, against the fake Slack: the
scheduler reaches Slack over the Web API alone, each message with its delivery key in Slack's
metadata; `run` serves Slack's requests beside it."""

from __future__ import annotations

import asyncio
import os
import socket
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.adapters.slack.fake_slack import Call, FakeSlack
from tests.e2e.test_cli import ROOT
from tests.e2e.test_cli_scheduler import ICML, a_social_that_just_started


def free_port() -> int:
    """A port nothing listens on now (the config wants a real one; 0 is refused)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
async def fake() -> AsyncIterator[FakeSlack]:
    server = FakeSlack()
    await server.start()
    for name, private in (("socials", False), ("socials-chairs", True), ("mentoring", False)):
        server.add_channel(name, private=private)
    server.add_channel("conduct-team", private=True)
    yield server
    await server.stop()


async def run_until_announced(tmp_path: Path, fake: FakeSlack, verb: str) -> tuple[Call, str]:
    """Start `hallway VERB`; the announcement of a social that has just started, and the log."""
    database = tmp_path / "hallway.db"
    await a_social_that_just_started(database)
    environ = {
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": str(ROOT),
        "DATABASE_URL": f"sqlite:///{database}",
        "HALLWAY_EVENT_FILE": str(ICML),
        "SLACK_BOT_TOKEN": "xoxb-test",
        "SLACK_SIGNING_SECRET": "secret",
        "SLACK_API_URL": fake.api_url,
        "HOST": "127.0.0.1",
        "PORT": str(free_port()),
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
    socials = fake.channel_named("socials")

    def announced() -> list[Call]:
        return [c for c in fake.called("chat.postMessage") if c.args["channel"] == socials]

    waiting = asyncio.create_task(fake.wait_until(lambda: bool(announced()), 30))
    exited = asyncio.create_task(process.wait())  # a process that stops early stops the wait
    try:
        await asyncio.wait({waiting, exited}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        waiting.cancel()
        if process.returncode is None:
            process.terminate()
        _, errors = await process.communicate()
    log = errors.decode()
    assert announced(), log[-2000:]
    [posted] = announced()
    assert "*Hallway karaoke*" in posted.text, log[-2000:]
    return posted, log


async def test_the_scheduler_alone_posts_over_the_web_api_with_the_delivery_key(
    tmp_path: Path, fake: FakeSlack
) -> None:
    posted, log = await run_until_announced(tmp_path, fake, "scheduler")
    assert "/slack/events" not in log  # no listener: the scheduler only sends
    metadata = posted.args["metadata"]
    assert metadata["event_type"] == "hallway_delivery"
    assert metadata["event_payload"]["key"].startswith("announce:")


async def test_run_holds_the_scheduler_and_slacks_listener(tmp_path: Path, fake: FakeSlack) -> None:
    _posted, log = await run_until_announced(tmp_path, fake, "run")
    assert "listening on http://127.0.0.1:" in log and "/slack/events" in log
