"""A room on Discord: a category holding a voice and a text channel that only its members,
its moderators and the bot can see. Moderators (the leads, the mentor) may manage messages,
mute and move members there (DESIGN §1: leads moderate their social).

The category's name ends with a digest of the room's key, so that a run opening the room again
after a crash (the room made, not yet recorded) finds what the earlier run made and carries on
with it instead of making a second room."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from typing import Any

import discord

from bot.ports import RoomRequest

CATEGORY, TEXT, VOICE = 4, 0, 2
ROLE, MEMBER = 0, 1

MEMBER_RIGHTS = discord.Permissions(
    view_channel=True,
    connect=True,
    speak=True,
    stream=True,
    use_voice_activation=True,
    send_messages=True,
    read_message_history=True,
    embed_links=True,
    attach_files=True,
)
MODERATOR_RIGHTS = MEMBER_RIGHTS | discord.Permissions(
    manage_messages=True, mute_members=True, move_members=True
)
BOT_RIGHTS = MODERATOR_RIGHTS | discord.Permissions(manage_channels=True)
HIDDEN = discord.Permissions(view_channel=True, connect=True)


def overwrites(room: RoomRequest, guild_id: str, bot_user_id: str) -> list[dict[str, Any]]:
    """Everyone else is denied sight of the room; a moderator listed as a member too is a
    moderator."""
    entries = [_overwrite(guild_id, ROLE, deny=HIDDEN)]
    entries.append(_overwrite(bot_user_id, MEMBER, allow=BOT_RIGHTS))
    for user_id in dict.fromkeys(room.moderators):
        entries.append(_overwrite(user_id, MEMBER, allow=MODERATOR_RIGHTS))
    for user_id in dict.fromkeys(room.members):
        if user_id not in room.moderators and user_id != bot_user_id:
            entries.append(_overwrite(user_id, MEMBER, allow=MEMBER_RIGHTS))
    return entries


def member_overwrite() -> dict[str, Any]:
    """The body of an edit-permissions call letting one member into a room's channel."""
    return {"type": MEMBER, "allow": str(MEMBER_RIGHTS.value), "deny": "0"}


def channel_bodies(
    room: RoomRequest, guild_id: str, bot_user_id: str
) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """Create-channel bodies for the category, then its text and voice channels (they get
    `parent_id` once the category exists)."""
    rights = overwrites(room, guild_id, bot_user_id)
    topic = room.topic + (f" — video: {room.video_url}" if room.video_url else "")
    category = {"name": category_name(room), "type": CATEGORY, "permission_overwrites": rights}
    text = {
        "name": channel_name(room.name),
        "type": TEXT,
        "topic": topic[:1024],
        "permission_overwrites": rights,
    }
    voice = {"name": room.name[:100], "type": VOICE, "permission_overwrites": rights}
    return category, text, voice


def category_name(room: RoomRequest) -> str:
    """The room's name and a digest of its key, which stays the same across runs."""
    return f"{room.name[:93]}-{key_digest(room)}"


def key_digest(room: RoomRequest) -> str:
    return hashlib.sha1(room.key.encode(), usedforsecurity=False).hexdigest()[:6]


def made_earlier(
    room: RoomRequest, listed: Iterable[Mapping[str, Any]]
) -> tuple[str | None, dict[int, str]]:
    """The room's category among the guild's channels (by its key's digest, so a room renamed
    since is found too) and its children's ids by channel type; (None, {}) if there is none."""
    channels = list(listed)
    ending = f"-{key_digest(room)}"
    category = next(
        (
            str(item["id"])
            for item in channels
            if item.get("type") == CATEGORY and str(item.get("name", "")).endswith(ending)
        ),
        None,
    )
    children: dict[int, str] = {}
    for item in channels:
        if category is not None and str(item.get("parent_id")) == category:
            children.setdefault(int(item["type"]), str(item["id"]))
    return category, children


def channel_name(name: str) -> str:
    """Text channel names are lowercase words joined by dashes."""
    slug = re.sub(r"[^\w-]+", "-", name.lower(), flags=re.UNICODE).strip("-")
    return (slug or "room")[:100]


def _overwrite(
    target: str,
    kind: int,
    *,
    allow: discord.Permissions | None = None,
    deny: discord.Permissions | None = None,
) -> dict[str, Any]:
    return {
        "id": target,
        "type": kind,
        "allow": str(allow.value if allow else 0),
        "deny": str(deny.value if deny else 0),
    }
