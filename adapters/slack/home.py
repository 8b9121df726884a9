"""The App Home tab: the core's home sections (`bot.commands.home`) one under the other.

Published when the person opens the tab, and again after they press a button on it, so what
they see follows what they just did. Slack shows at most 100 blocks on a Home: each section
keeps a share and, when cut, says where to see all of it.
"""

from __future__ import annotations

from datetime import tzinfo
from typing import Any

from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.blocks import Block, people_in, render_messages, within
from adapters.slack.context import PLATFORM, SlackContext
from adapters.slack.payloads import EventDelivery
from bot.commands.home import HomeSection, home_sections
from bot.services.accounts import platform_user_ids

HOME_BLOCKS = 100
SECTION_BLOCKS = 24  # the socials, mentoring and programme lists share the page


def home_view(sections: list[list[Block]]) -> dict[str, Any]:
    """Sections one under the other, divided."""
    blocks: list[Block] = []
    for part in sections:
        if blocks and part:
            blocks.append({"type": "divider"})
        blocks.extend(part)
    return {"type": "home", "blocks": within(blocks, HOME_BLOCKS)}


async def publish_home(ctx: SlackContext, client: AsyncWebClient, delivery: EventDelivery) -> None:
    if delivery.tab not in (None, "home") or not delivery.user_id:
        return  # the Messages tab was opened: nothing to draw
    await refresh_home(ctx, client, delivery.user_id)


async def refresh_home(ctx: SlackContext, client: AsyncWebClient, user_id: str) -> None:
    actor = await ctx.actor(client, user_id)
    sections = await home_sections(ctx.hw, actor)
    blocks = await _render(ctx, sections, actor.zone)
    await client.views_publish(user_id=user_id, view=home_view(blocks))


async def _render(
    ctx: SlackContext, sections: list[HomeSection], zone: tzinfo | None
) -> list[list[Block]]:
    people: set[int] = set()
    for section in sections:
        people |= people_in(section.message)
    mentions = await platform_user_ids(ctx.hw, PLATFORM, people) if people else {}
    rendered = render_messages([section.message for section in sections], mentions, zone)
    return [
        within(
            shown.blocks, SECTION_BLOCKS, f"See all with {section.more}." if section.more else ""
        )
        for section, shown in zip(sections, rendered, strict=True)
    ]
