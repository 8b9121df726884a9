"""The Slack and Discord fixtures of the adapter tests, for the authorization suites here."""

from tests.adapters.discord.conftest import fake, world
from tests.adapters.slack.conftest import fake_slack, hallway

__all__ = ["fake", "fake_slack", "hallway", "world"]
