"""Answering an interaction: defer first, then work, then one ephemeral follow-up.

Discord wants an answer within 3 s; the deferral is that answer, and the follow-up may come any
time within the token's 15 minutes. The deferral leaves before any database work starts, and
the work runs while Discord's reply to it travels back: the follow-up waits for that reply (it
must come after the deferral), so a network round trip hides the database's time instead of
adding to it. Errors are answered from here, once for every handler: a `HallwayError` is shown
as it is, anything else is logged and apologised for.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any

import discord

from adapters.discord.context import context_of
from adapters.discord.files import discord_file
from adapters.discord.render import Rendered, persons, render
from adapters.discord.views import button_view
from bot.errors import HallwayError, InvalidInput
from bot.forms import Form
from bot.interaction import Actor, Attachment
from bot.messages import Item, Message, Strong, line, message
from bot.services.accounts import platform_user_ids
from bot.services.identity import identify

log = logging.getLogger(__name__)

PLATFORM = "discord"
APOLOGY = message(None, "Sorry, something went wrong on our side. It has been logged.")
ELSEWHERE = message(
    None, "Hallway serves only the conference's own Discord server; please use it from there."
)
NOT_HERE = message(
    None,
    "That command is not available here: Hallway's commands work in the conference's server.",
)
_DEFERRAL = "hallway.deferral"
# Loop turns given to the deferral before the database work starts: enough for aiohttp to
# write the request on a kept-alive connection (measured on loopback: with 10 the deferral
# reaches Discord within 0.2 ms of when it does awaited alone; with 1, 1.6 ms later).
SENDING_TURNS = 10


async def actor_for(interaction: discord.Interaction[Any]) -> Actor:
    user = interaction.user
    return await identify(
        context_of(interaction).hw, PLATFORM, str(user.id), name=user.display_name
    )


async def send_naming(
    interaction: discord.Interaction[Any], msg: Message, files: Sequence[Attachment] = ()
) -> None:
    """Like `send`, mentioning the people the message names who have a Discord account."""
    ids = [part.participant_id for part in persons(msg)]
    ctx = context_of(interaction)

    async def read(wanted: Sequence[int]) -> dict[int, str]:
        return await platform_user_ids(ctx.hw, PLATFORM, wanted)

    known = await ctx.mentions.lookup(ids, read)
    await send(interaction, render(msg, known), files=files)


async def deferred(
    interaction: discord.Interaction[Any],
    work: Callable[[], Awaitable[None]],
    form: Form | None = None,
) -> None:
    """Acknowledge at once (ephemeral "thinking"), then run `work` when one of the client's
    few work slots is free, answering its errors. The deferral never waits for a slot: under
    a burst, every interaction is acknowledged first and the work queues behind."""
    await start_deferral(interaction)
    async with context_of(interaction).inflight.slot():
        await answering_errors(interaction, work, form)


async def start_deferral(interaction: discord.Interaction[Any]) -> None:
    """Defer in the background (`send` waits for it before answering); returns once its
    request is on its way, before any database work."""
    task = asyncio.create_task(interaction.response.defer(ephemeral=True, thinking=True))
    interaction.extras[_DEFERRAL] = task
    for _ in range(SENDING_TURNS):
        if task.done():
            break
        await asyncio.sleep(0)


async def _deferral_done(interaction: discord.Interaction[Any]) -> bool:
    """False when the deferral failed (the interaction expired): nothing can be sent then."""
    pending = interaction.extras.get(_DEFERRAL)
    if pending is None:
        return True
    try:
        await pending
    except discord.HTTPException as exc:
        log.warning("discord: deferral failed (%s); no answer sent", exc)
        return False
    return True


async def answering_errors(
    interaction: discord.Interaction[Any],
    work: Callable[[], Awaitable[None]],
    form: Form | None = None,
) -> None:
    try:
        await work()
    except InvalidInput as exc:
        await send(interaction, field_problems(exc.errors, form))
    except HallwayError as exc:
        await send(interaction, message(None, exc.message))
    except Exception:
        log.exception("discord interaction failed: %s", _describe(interaction))
        await send(interaction, APOLOGY)


async def send(
    interaction: discord.Interaction[Any],
    msg: Message | Rendered,
    *,
    view: discord.ui.View | None = None,
    files: Sequence[Attachment] = (),
) -> None:
    """An ephemeral answer: the response if none was given yet, else a follow-up; `files`
    are attached to it."""
    rendered = msg if isinstance(msg, Rendered) else render(msg, {})
    embeds = [discord.Embed.from_dict(embed) for embed in rendered.embeds]
    shown = view if view is not None else button_view(rendered.components)
    mentions = discord.AllowedMentions(
        everyone=False,
        roles=False,
        replied_user=False,
        users=[discord.Object(int(user_id)) for user_id in rendered.mentioned],
    )
    kwargs: dict[str, Any] = {"embeds": embeds, "ephemeral": True, "allowed_mentions": mentions}
    if shown is not None:
        kwargs["view"] = shown
    if files:
        kwargs["files"] = [discord_file(attachment) for attachment in files]
    if not await _deferral_done(interaction):
        return
    if interaction.response.is_done():
        await interaction.followup.send(**kwargs)
    else:
        await interaction.response.send_message(**kwargs)


def field_problems(errors: Mapping[str, str], form: Form | None = None) -> Message:
    """Each problem at the field it concerns, named as the form names it."""
    items = [
        Item((line("{field}: {problem}", field=Strong(_label(name, form)), problem=problem),))
        for name, problem in errors.items()
    ]
    return message("Please check what you typed", *items)


def _label(name: str, form: Form | None) -> str:
    if form is not None:
        for item in form.fields:
            if item.name == name:
                return item.label
    return name.replace("_", " ")


def _describe(interaction: discord.Interaction[Any]) -> str:
    data: dict[str, Any] = dict(interaction.data or {})
    return f"type={interaction.type} name={data.get('name')} custom_id={data.get('custom_id')}"
