"""Hallway's real Slack endpoint on loopback, talking to a fake Slack Web API: with a small test
command table (`slack`), or with Hallway's own (`hallway`, the chairs' and teams' channels made)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.app import Hallway
from bot.commands import build_router
from storage import Database
from tests.adapters.slack.fake_slack import FakeSlack
from tests.adapters.slack.harness import SECRET, SlackHarness, serving
from tests.adapters.slack.sample import sample_router

__all__ = ["SECRET", "SlackHarness"]


@pytest.fixture
async def fake_slack() -> AsyncIterator[FakeSlack]:
    fake = FakeSlack()
    await fake.start()
    yield fake
    await fake.stop()
    # Anything Slack itself would have refused is a failure, whichever test caused it.
    assert fake.rejected == []


@pytest.fixture
async def slack(
    hw: Hallway, database: Database, fake_slack: FakeSlack
) -> AsyncIterator[SlackHarness]:
    async with serving(hw, database, fake_slack, sample_router()) as harness:
        yield harness


@pytest.fixture
async def hallway(
    hw: Hallway, database: Database, fake_slack: FakeSlack
) -> AsyncIterator[SlackHarness]:
    """Slack with every command, button and form of Hallway, and the event's channels."""
    fake_slack.add_channel("socials-chairs", private=True)
    fake_slack.add_channel("socials")
    fake_slack.add_channel("mentoring")
    fake_slack.add_channel("conduct-team", private=True)
    async with serving(hw, database, fake_slack, build_router()) as harness:
        yield harness
