"""Buttons: every press goes to the core's action of that name, with the value it carried.

Values are ids a client could forge; the core re-checks them and who pressed, so here a forged
or stale value can only ever produce the core's refusal (or the apology), never a crash.
"""

from __future__ import annotations

import re
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.context import SlackContext
from adapters.slack.payloads import ButtonPress
from adapters.slack.surfaces import Surface, guarded, show

ANY_ACTION = re.compile(r".+")


def register(app: AsyncApp, ctx: SlackContext) -> None:
    async def on_press(ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient) -> None:
        async with ctx.inflight.track():
            await ack()
            press = ButtonPress.parse(body)
            surface = Surface(
                client,
                press.user_id,
                press.trigger_id,
                response_url=body.get("response_url"),
                channel_id=press.channel_id,
                view_id=press.view_id,
                view_type=press.view_type,
            )
            async with ctx.inflight.slot():
                await guarded(
                    ctx, surface, f"button {press.action}", lambda: run_press(ctx, press, surface)
                )

    app.action(ANY_ACTION)(on_press)


async def run_press(ctx: SlackContext, press: ButtonPress, surface: Surface) -> None:
    actor = await ctx.actor(surface.client, press.user_id)
    outcome = await ctx.router.press(ctx.hw, actor, press.action, press.value)
    await show(ctx, surface, outcome, actor)
