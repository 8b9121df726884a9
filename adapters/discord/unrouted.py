"""A press of a button Hallway never made (or no longer makes): discord.py drops it silently
and the person sees "This interaction failed"; Hallway answers it instead, saying what to do.
(Submitted modals are all routed by `forms.receive_modal`, which answers unknown ones.)"""

from __future__ import annotations

from typing import Any

import discord

from adapters.discord.custom_ids import is_hallway_button
from bot.messages import Message, message

UNKNOWN_BUTTON = message(
    "That button does nothing",
    "It is not one of Hallway's (or no longer is). Run the command again.",
)


def unrouted_answer(interaction: discord.Interaction[Any]) -> Message | None:
    """The answer for a button press nothing else will answer, or None."""
    data: dict[str, Any] = dict(interaction.data or {})
    custom_id = str(data.get("custom_id", ""))
    if interaction.type is discord.InteractionType.component and not is_hallway_button(custom_id):
        return UNKNOWN_BUTTON
    return None
