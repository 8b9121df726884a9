"""The chairs' heatmap of the programme: accepted socials (every slot) and mentoring sessions
not cancelled, per UTC hour of the conference week, with the regions' daytime drawn in."""

from __future__ import annotations

import asyncio

from bot.app import Hallway
from bot.domain.delivery import ChannelRole
from bot.domain.heatmap import Heatmap, heatmap_data, programme_sessions
from bot.domain.participants import Role
from bot.interaction import Actor, Attachment

PNG = "image/png"


async def programme_heatmap(hw: Hallway) -> Heatmap:
    async with hw.uow() as uow:
        proposals = await uow.programme.standing_proposals(hw.event.id)
        sessions = await uow.calendars.sessions(hw.event.id)
    socials = [(p.category, p.slots) for p in proposals if p.accepted]
    mentoring = [s.span for s in sessions if not s.cancelled]
    return heatmap_data(programme_sessions(socials, mentoring), hw.event.window)


async def heatmap_picture(hw: Hallway) -> bytes:
    from bot.pictures.heatmap import heatmap_png  # matplotlib loads only when a picture is drawn

    data = await programme_heatmap(hw)
    title = f"{hw.event.name}: sessions per UTC hour"
    return await asyncio.to_thread(heatmap_png, data, title)


async def chairs_heatmap(hw: Hallway, actor: Actor) -> Attachment:
    """The picture, shared in the chairs' channel; for the social chairs only."""
    actor.require_role(Role.CHAIR, hw.event.name, "see the programme's heatmap")
    data = await heatmap_picture(hw)
    return Attachment(f"{hw.event.slug}-heatmap.png", PNG, data, ChannelRole.CHAIRS)
