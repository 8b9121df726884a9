"""Interactions no handler of the client will take: a press of a button Hallway never made,
a submission of a modal it no longer shows (timed out, shown before a restart, or forged).
discord.py drops those silently and the person sees "This interaction failed"; Hallway
answers them instead, saying what to do."""

from __future__ import annotations

from typing import Any

import discord

from adapters.discord.context import DiscordContext
from adapters.discord.custom_ids import is_hallway_button
from adapters.discord.forms import EXPIRED
from bot.messages import Message, message

UNKNOWN_BUTTON = message(
    "That button does nothing",
    "It is not one of Hallway's (or no longer is). Run the command again.",
)


def unrouted_answer(interaction: discord.Interaction[Any], ctx: DiscordContext) -> Message | None:
    """The answer for an interaction nothing else will answer, or None. Called as the
    interaction arrives, before any handler runs (a submitted modal stops once it has run)."""
    data: dict[str, Any] = dict(interaction.data or {})
    custom_id = str(data.get("custom_id", ""))
    if interaction.type is discord.InteractionType.component:
        return None if is_hallway_button(custom_id) else UNKNOWN_BUTTON
    if interaction.type is discord.InteractionType.modal_submit:
        return None if ctx.is_showing(custom_id) else EXPIRED
    return None
