"""The App Home tab: who Hallway thinks you are, and what you can do.

Built from the core's own answers (`whoami`, the command table's help), so it says exactly what
the commands say. Socials and mentoring add their sections here as they arrive; the chairs see
their statistics.
"""

from __future__ import annotations

from typing import Any

from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.blocks import Block
from adapters.slack.context import SlackContext
from adapters.slack.payloads import EventDelivery
from bot.commands.general import whoami
from bot.commands.stats_view import stats_message
from bot.interaction import Reply
from bot.services.stats import chairs_statistics

HOME_BLOCKS = 100


def home_view(sections: list[list[Block]]) -> dict[str, Any]:
    """Sections one under the other, divided; Slack shows at most 100 blocks."""
    blocks: list[Block] = []
    for part in sections:
        if blocks and part:
            blocks.append({"type": "divider"})
        blocks.extend(part)
    return {"type": "home", "blocks": blocks[:HOME_BLOCKS]}


async def publish_home(ctx: SlackContext, client: AsyncWebClient, delivery: EventDelivery) -> None:
    if delivery.tab not in (None, "home") or not delivery.user_id:
        return  # the Messages tab was opened: nothing to draw
    actor = await ctx.actor(client, delivery.user_id)
    about = await whoami(ctx.hw, actor, {})
    sections = []
    if isinstance(about, Reply):
        sections.append((await ctx.render(about.message, actor.zone)).blocks)
    if actor.participant is not None and actor.participant.is_chair:
        stats = stats_message(await chairs_statistics(ctx.hw, actor))
        sections.append((await ctx.render(stats, actor.zone)).blocks)
    sections.append((await ctx.render(ctx.router.help(), actor.zone)).blocks)
    await client.views_publish(user_id=delivery.user_id, view=home_view(sections))
