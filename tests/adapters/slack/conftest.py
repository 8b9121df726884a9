"""Hallway's real Slack endpoint on loopback, talking to a fake Slack Web API."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass, replace

import aiohttp
import pytest

from adapters.slack.service import SlackService
from bot import bootstrap
from bot.app import Hallway
from bot.config import Settings
from storage import Database
from tests.adapters.slack.fake_slack import FakeSlack
from tests.adapters.slack.sample import sample_router
from tests.adapters.slack.signed import SignedSlack

SECRET = "8f742231b10e8888abcd99yyyzzz85a5"


@dataclass
class SlackHarness:
    hw: Hallway
    fake: FakeSlack
    send: SignedSlack
    service: SlackService
    url: str

    async def settled(self) -> None:
        """Wait until the work acknowledged so far has finished."""
        await asyncio.wait_for(self.service.ctx.inflight.wait_idle(), 10)


@pytest.fixture
async def fake_slack() -> AsyncIterator[FakeSlack]:
    fake = FakeSlack()
    await fake.start()
    yield fake
    await fake.stop()


@pytest.fixture
async def slack(
    hw: Hallway, database: Database, fake_slack: FakeSlack
) -> AsyncIterator[SlackHarness]:
    settings = Settings(
        host="127.0.0.1",
        port=0,
        slack_bot_token="xoxb-test",
        slack_signing_secret=SECRET,
        slack_api_url=fake_slack.api_url,
    )
    on_slack = replace(hw, platforms=("slack",))
    runtime = bootstrap.Runtime(settings, database, on_slack, sample_router())
    started: asyncio.Future[tuple[int, SlackService]] = asyncio.get_running_loop().create_future()
    serving = asyncio.create_task(
        bootstrap.serve_slack(runtime, listening=lambda *ready: started.set_result(ready))
    )
    await asyncio.wait({started, serving}, timeout=10, return_when=asyncio.FIRST_COMPLETED)
    port, service = started.result()
    url = f"http://127.0.0.1:{port}"
    async with aiohttp.ClientSession() as session:
        send = SignedSlack(f"{url}/slack/events", SECRET, session, fake_slack.response_url())
        yield SlackHarness(on_slack, fake_slack, send, service, url)
    serving.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await serving
