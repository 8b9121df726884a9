"""What every Discord handler needs, carried by the client (no globals)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import discord

from adapters.discord.drafts import Drafts
from adapters.discord.mention_cache import MentionCache
from bot.app import Hallway
from bot.commands.registry import Router


@dataclass
class DiscordContext:
    hw: Hallway
    router: Router
    drafts: Drafts = field(default_factory=Drafts)
    mentions: MentionCache = field(default_factory=MentionCache)
    # Modals shown and not yet submitted or timed out, by custom id: a submission of any other
    # (a restart, a forged payload) is answered as expired instead of being dropped unanswered.
    modals: dict[str, discord.ui.Modal] = field(default_factory=dict)

    def showing(self, modal: discord.ui.Modal) -> None:
        for custom_id in [key for key, shown in self.modals.items() if shown.is_finished()]:
            del self.modals[custom_id]
        self.modals[modal.custom_id] = modal

    def is_showing(self, custom_id: str) -> bool:
        shown = self.modals.get(custom_id)
        return shown is not None and not shown.is_finished()


def context_of(interaction: discord.Interaction[Any]) -> DiscordContext:
    found = getattr(interaction.client, "hallway", None)
    if not isinstance(found, DiscordContext):
        raise RuntimeError("this interaction did not reach a Hallway client")
    return found
