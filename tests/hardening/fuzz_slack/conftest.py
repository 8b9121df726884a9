"""The Slack harness of `tests/adapters/slack` (Hallway's real bolt app on loopback, signed
requests, a fake Slack Web API), shared with the fuzz targets here as a `Stage`: the harness
and its database under a short name, so that hypothesis' report of a failing example shows the
example rather than everything Slack was sent."""

from __future__ import annotations

import pytest

from storage import Database
from tests.adapters.slack.conftest import fake_slack, hallway
from tests.adapters.slack.harness import SlackHarness
from tests.hardening.fuzz_slack.world import Stage

__all__ = ["fake_slack", "hallway"]


@pytest.fixture
def stage(hallway: SlackHarness, database: Database) -> Stage:
    return Stage(hallway, database)
