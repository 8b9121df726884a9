"""Slash commands and buttons → the shared command table, and its outcome → the person."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any

import discord

from adapters.discord.context import context_of
from adapters.discord.files import post_file
from adapters.discord.forms import show_form
from adapters.discord.replies import actor_for, deferred, send_naming
from bot.interaction import Actor, Outcome, Reply

# After a command succeeds, something only Discord does (the registered role after /verify).
AfterCommand = Callable[[discord.Interaction[Any], Reply], Awaitable[Reply]]


async def run_command(
    interaction: discord.Interaction[Any],
    name: str,
    verb: str,
    args: Mapping[str, Any],
    after: AfterCommand | None = None,
) -> None:
    async def work() -> None:
        ctx = context_of(interaction)
        actor = await actor_for(interaction)
        outcome = await ctx.router.run(ctx.hw, actor, name, verb, args)
        if after is not None and isinstance(outcome, Reply):
            outcome = await after(interaction, outcome)
        await present(interaction, actor, outcome)

    await deferred(interaction, work)


async def press(interaction: discord.Interaction[Any], action: str, value: str) -> None:
    """A button: the core checks who pressed it (a non-chair gets NotAllowed, nothing changes)."""

    async def work() -> None:
        ctx = context_of(interaction)
        actor = await actor_for(interaction)
        await present(interaction, actor, await ctx.router.press(ctx.hw, actor, action, value))

    await deferred(interaction, work)


async def present(interaction: discord.Interaction[Any], actor: Actor, outcome: Outcome) -> None:
    if isinstance(outcome, Reply):
        mine = [item for item in outcome.attachments if item.channel is None]
        await send_naming(interaction, outcome.message, mine)
        for shared in outcome.attachments:
            if shared.channel is not None:
                await post_file(interaction, shared)
    else:
        await show_form(interaction, actor, outcome)
