"""Slash commands: every command Slack sends goes to the shared command table as typed text.

One listener serves them all, so a command registered in `bot/commands` works in Slack without
Slack code (once the app's manifest lists it). Ack first; the trigger id for a form is good for
three seconds after the command, so the form opens straight after the person is identified.
"""

from __future__ import annotations

import re
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.context import SlackContext
from adapters.slack.payloads import SlashCommand
from adapters.slack.surfaces import Surface, guarded, show
from bot.errors import NotFound

ANY_COMMAND = re.compile(r"^/.+")


def register(app: AsyncApp, ctx: SlackContext) -> None:
    async def on_command(ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient) -> None:
        async with ctx.inflight.track():
            await ack()
            call = SlashCommand.parse(body)
            surface = Surface(
                client,
                call.user_id,
                call.trigger_id,
                response_url=body.get("response_url"),
                channel_id=call.channel_id,
            )
            async with ctx.inflight.slot():
                await guarded(
                    ctx, surface, f"/{call.name}", lambda: run_command(ctx, call, surface)
                )

    app.command(ANY_COMMAND)(on_command)


async def run_command(ctx: SlackContext, call: SlashCommand, surface: Surface) -> None:
    actor = await ctx.actor(surface.client, call.user_id)
    if call.name not in ctx.router.names():
        raise NotFound(f"/{call.name} is not available yet. Type /help to see what is.")
    outcome = await ctx.router.run_text(ctx.hw, actor, call.name, call.text)
    await show(ctx, surface, outcome, actor)
