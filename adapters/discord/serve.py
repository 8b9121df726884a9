"""Running the Discord client until it is stopped (`hallway serve-discord`)."""

from __future__ import annotations

from adapters.discord.client import HallwayClient
from adapters.discord.endpoints import point_at
from bot.app import Hallway
from bot.commands.registry import Router
from bot.config import Settings
from bot.errors import ConfigError


async def run_discord(hw: Hallway, router: Router, settings: Settings) -> None:
    if settings.discord_token is None or settings.discord_guild_id is None:
        raise ConfigError("DISCORD_TOKEN and DISCORD_GUILD_ID are needed to serve Discord")
    point_at(settings.discord_api_url, settings.discord_gateway_url)
    client = HallwayClient(hw, router, settings.discord_guild_id)
    async with client:
        await client.start(settings.discord_token)
