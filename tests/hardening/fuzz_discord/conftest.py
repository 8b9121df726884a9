"""The Discord adapter's fixtures (the fake Discord and a world on it), for the fuzz tests."""

from tests.adapters.discord.conftest import fake, world

__all__ = ["fake", "world"]
