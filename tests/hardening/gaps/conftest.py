"""The fake Discord and a conference on it (`world`), as the Discord adapter tests have them."""

from tests.adapters.discord.conftest import fake, world

__all__ = ["fake", "world"]
