"""/timezone's autocomplete: IANA names containing what has been typed (no database)."""

from __future__ import annotations

from typing import Any

import discord
from discord import app_commands

from bot.timerules import suggest_zones

MAX_CHOICES = 25  # Discord's limit


async def complete_zone(
    interaction: discord.Interaction[Any], current: str
) -> list[app_commands.Choice[str]]:
    return [
        app_commands.Choice(name=name, value=name) for name in suggest_zones(current, MAX_CHOICES)
    ]
