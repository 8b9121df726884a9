"""What every Discord handler needs, carried by the client (no globals)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import discord

from adapters.discord.drafts import Drafts
from adapters.discord.mention_cache import MentionCache
from adapters.inflight import Inflight
from bot.app import Hallway
from bot.commands.registry import Router


@dataclass
class DiscordContext:
    hw: Hallway
    router: Router
    drafts: Drafts = field(default_factory=Drafts)
    mentions: MentionCache = field(default_factory=MentionCache)
    guild_id: int | None = None  # the conference's server; None: any (tests of pieces)
    # The work after each deferral, a few at a time (as on Slack after the ack).
    inflight: Inflight = field(default_factory=Inflight)

    def elsewhere(self, interaction: discord.Interaction[Any]) -> bool:
        """From another server than the conference's. Direct messages are not elsewhere:
        Hallway sends buttons there (a co-lead's request, a chairs' suggestion)."""
        return (
            self.guild_id is not None
            and interaction.guild_id is not None
            and interaction.guild_id != self.guild_id
        )


def context_of(interaction: discord.Interaction[Any]) -> DiscordContext:
    found = getattr(interaction.client, "hallway", None)
    if not isinstance(found, DiscordContext):
        raise RuntimeError("this interaction did not reach a Hallway client")
    return found
