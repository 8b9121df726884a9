"""The Discord client: receives the core, builds the slash commands from the shared table,
syncs them to the conference's server and re-registers the buttons at every start."""

from __future__ import annotations

import logging
from typing import Any

import discord
from discord import app_commands

from adapters.discord.commands import add_commands
from adapters.discord.context import DiscordContext
from adapters.discord.drafts import Drafts
from adapters.discord.forms import receive_modal
from adapters.discord.replies import APOLOGY, ELSEWHERE, NOT_HERE, send
from adapters.discord.roles import grant_registered_role
from adapters.discord.unrouted import unrouted_answer
from adapters.discord.views import ActionButton, FormButton
from adapters.discord.zones import complete_zone
from bot.app import Hallway
from bot.commands.registry import Router
from bot.messages import message

log = logging.getLogger(__name__)


def intents() -> discord.Intents:
    """Only `guilds`: the server's roles and channels in the cache (to find the registered role
    by name). Slash commands, buttons and modals need no intent; giving a role is a REST call,
    so the privileged `members` intent is not needed, and message content never is."""
    return discord.Intents(guilds=True)


class HallwayClient(discord.Client):
    def __init__(
        self,
        hw: Hallway,
        router: Router,
        guild_id: int,
        *,
        drafts: Drafts | None = None,
        guild_ready_timeout: float = 2.0,
    ) -> None:
        super().__init__(
            intents=intents(),
            allowed_mentions=discord.AllowedMentions.none(),
            chunk_guilds_at_startup=False,
            guild_ready_timeout=guild_ready_timeout,
        )
        self.hallway = DiscordContext(
            hw, router, drafts if drafts is not None else Drafts(), guild_id=guild_id
        )
        self.guild_object = discord.Object(id=guild_id)
        self.tree: app_commands.CommandTree[HallwayClient] = app_commands.CommandTree(self)
        self.tree.on_error = self._on_app_command_error  # type: ignore[method-assign]

    async def setup_hook(self) -> None:
        add_commands(
            self.tree,
            self.hallway.router,
            self.guild_object,
            autocomplete={("timezone", "", "zone"): complete_zone},
            after={("verify", ""): grant_registered_role},
        )
        # Buttons posted before this start route by their custom id, whatever sent them.
        self.add_dynamic_items(ActionButton, FormButton)
        synced = await self.tree.sync(guild=self.guild_object)
        log.info("discord: %d commands synced to server %s", len(synced), self.guild_object.id)

    async def on_interaction(self, interaction: discord.Interaction[Any]) -> None:
        """Modal submissions are Hallway's to route (see `receive_modal`); commands and buttons
        are routed by discord.py, which drops a button it has no handler for: that is answered
        here."""
        if interaction.type is discord.InteractionType.modal_submit:
            if self.hallway.elsewhere(interaction):
                await send(interaction, ELSEWHERE)
            else:
                await receive_modal(interaction)
            return
        answer = unrouted_answer(interaction)
        if answer is not None:
            data: dict[str, Any] = dict(interaction.data or {})
            log.warning("discord: nothing answers %s %r", interaction.type, data.get("custom_id"))
            await send(interaction, answer)

    async def _on_app_command_error(
        self, interaction: discord.Interaction[Any], error: app_commands.AppCommandError
    ) -> None:
        if isinstance(error, app_commands.CommandNotFound) and (
            interaction.guild_id != self.guild_object.id
        ):
            # Hallway's commands live in the conference's server only: this came from another
            # server or a direct message.
            log.info(
                "discord: /%s is not a command here (guild %s)", error.name, interaction.guild_id
            )
            await send(interaction, NOT_HERE)
            return
        if isinstance(error, OUT_OF_DATE):
            # Discord's copy of the commands differs from ours (a sync still on its way, or a
            # forged payload): nothing of ours failed, so no apology and no error in the log.
            log.warning("discord: a command Hallway cannot read (%s)", error)
            await send(interaction, COMMAND_OUT_OF_DATE)
            return
        log.error("slash command failed", exc_info=error)
        await send(interaction, APOLOGY)


# Discord sent a command, or options, other than those Hallway synced.
OUT_OF_DATE = (
    app_commands.CommandNotFound,
    app_commands.CommandSignatureMismatch,
    app_commands.TransformerError,
)
COMMAND_OUT_OF_DATE = message(
    "That command has changed",
    "Discord sent it in an older form (its list of commands is refreshing). Try again in a "
    "minute; if it persists, reload Discord (Ctrl+R) so it shows the current commands.",
)
