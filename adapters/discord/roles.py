"""The event's registered role, given on a successful /verify.

Creating the role is the organisers' job (it carries their server's permissions); Hallway only
hands it out. A missing role, or one above the bot's own, is told to the member and logged.
"""

from __future__ import annotations

import logging
from typing import Any

import discord

from adapters.discord.context import context_of
from bot.interaction import Reply
from bot.messages import Message, Note, line

log = logging.getLogger(__name__)


async def grant_registered_role(interaction: discord.Interaction[Any], reply: Reply) -> Reply:
    role_name = context_of(interaction).hw.event.discord.registered_role
    member = interaction.user
    if role_name is None or interaction.guild is None or not isinstance(member, discord.Member):
        return reply
    role = discord.utils.get(interaction.guild.roles, name=role_name)
    if role is None:
        log.warning("/verify: the server has no role named %r; create it to hand it out", role_name)
        return _with_note(reply, NO_ROLE, role_name)
    try:
        await member.add_roles(role, reason="Hallway: registration verified")
    except discord.HTTPException as exc:
        log.warning("/verify: could not give role %r to %s: %s", role_name, member.id, exc)
        return _with_note(reply, NOT_GIVEN, role_name)
    return reply


def _with_note(reply: Reply, template: str, role_name: str) -> Reply:
    shown = reply.message
    note = Note((line(template, role=role_name),))
    return Reply(Message(shown.title, (*shown.blocks, note)))


NO_ROLE = (
    "This server has no role called “{role}” yet, so you were not given it. "
    "Please tell the organisers; your account is linked all the same."
)
NOT_GIVEN = (
    "Hallway could not give you the role “{role}” (it may rank above the bot's own). "
    "Please tell the organisers; your account is linked all the same."
)
