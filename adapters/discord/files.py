"""Files in Discord: attached to the ephemeral follow-up, or posted in an event channel (the
chairs' heatmap) found by name in the guild the interaction came from."""

from __future__ import annotations

import io
from typing import Any

import discord

from adapters.discord.context import context_of
from bot.errors import HallwayError
from bot.interaction import Attachment


def discord_file(attachment: Attachment) -> discord.File:
    return discord.File(io.BytesIO(attachment.data), filename=attachment.filename)


async def post_file(interaction: discord.Interaction[Any], attachment: Attachment) -> None:
    assert attachment.channel is not None
    channels = context_of(interaction).hw.event.channels("discord")
    name = str(getattr(channels, attachment.channel.value)).lstrip("#")
    guild = interaction.guild
    found = discord.utils.get(guild.text_channels, name=name) if guild is not None else None
    if found is None:
        raise HallwayError(f"There is no #{name} channel here to post {attachment.filename} in.")
    await found.send(file=discord_file(attachment), allowed_mentions=discord.AllowedMentions.none())
