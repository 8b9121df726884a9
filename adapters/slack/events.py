"""Events API subscriptions, each handled once however often Slack delivers it.

Slack retries a delivery it believes failed (`X-Slack-Retry-Num`), with the same event id, and
bolt does not de-duplicate. Every subscription goes through `subscribe`, which records the id
(a unique key decides) and drops a repeat. Bolt acknowledges events before listeners run, so
this write never delays the acknowledgement.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.context import SlackContext
from adapters.slack.home import publish_home
from adapters.slack.payloads import EventDelivery
from bot.services.inbound import first_receipt

log = logging.getLogger(__name__)

EventHandler = Callable[[SlackContext, AsyncWebClient, EventDelivery], Awaitable[None]]


def register(app: AsyncApp, ctx: SlackContext) -> None:
    subscribe(app, ctx, "app_home_opened", publish_home)


def subscribe(app: AsyncApp, ctx: SlackContext, event_type: str, handler: EventHandler) -> None:
    async def listener(body: dict[str, Any], client: AsyncWebClient) -> None:
        async with ctx.inflight.track(), ctx.inflight.slot():
            await handle_once(ctx, client, EventDelivery.parse(body), handler)

    app.event(event_type)(listener)


async def handle_once(
    ctx: SlackContext, client: AsyncWebClient, delivery: EventDelivery, handler: EventHandler
) -> None:
    if delivery.event_id and not await first_receipt(ctx.hw, delivery.event_id):
        log.info("Slack event %s delivered again; already handled", delivery.event_id)
        return
    try:
        await handler(ctx, client, delivery)
    except Exception:
        log.exception("Slack event %s (%s) failed", delivery.type, delivery.event_id)
