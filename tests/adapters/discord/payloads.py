"""Discord API objects as the real service sends them, for the fake server and the tests."""

from __future__ import annotations

import itertools
from typing import Any

NOW = "2021-06-11T09:00:00.000000+00:00"
_ids = itertools.count(1)


def snowflake() -> str:
    """18 digits, like real ids (mention escaping keys on 17-20 digits)."""
    return str(880_000_000_000_000_000 + next(_ids))


def user(user_id: str, name: str, *, bot: bool = False) -> dict[str, Any]:
    return {
        "id": user_id,
        "username": name,
        "global_name": name,
        "discriminator": "0",
        "avatar": None,
        "bot": bot,
    }


def member(user_data: dict[str, Any], roles: list[str] | None = None) -> dict[str, Any]:
    return {
        "user": user_data,
        "roles": roles or [],
        "joined_at": NOW,
        "deaf": False,
        "mute": False,
        "nick": None,
        "flags": 0,
        "permissions": "1071698660928",
    }


def role(role_id: str, name: str, position: int) -> dict[str, Any]:
    return {
        "id": role_id,
        "name": name,
        "color": 0,
        "hoist": False,
        "position": position,
        "permissions": "1071698660928" if position == 0 else "0",
        "managed": False,
        "mentionable": False,
        "flags": 0,
    }


def channel(
    channel_id: str, guild_id: str, name: str, kind: int = 0, **extra: Any
) -> dict[str, Any]:
    return {
        "id": channel_id,
        "guild_id": guild_id,
        "name": name,
        "type": kind,
        "position": 0,
        "permission_overwrites": [],
        "parent_id": None,
        "nsfw": False,
        **extra,
    }


def message(
    message_id: str, channel_id: str, author: dict[str, Any], body: dict[str, Any]
) -> dict[str, Any]:
    return {
        "id": message_id,
        "channel_id": channel_id,
        "type": 0,
        "author": author,
        "content": body.get("content") or "",
        "embeds": body.get("embeds") or [],
        "components": body.get("components") or [],
        "attachments": [],
        "mentions": [],
        "mention_roles": [],
        "mention_everyone": False,
        "pinned": False,
        "tts": False,
        "timestamp": NOW,
        "edited_timestamp": None,
        "flags": body.get("flags") or 0,
    }


def application(app_id: str, owner: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": app_id,
        "name": "Hallway",
        "description": "",
        "icon": None,
        "bot_public": False,
        "bot_require_code_grant": False,
        "owner": owner,
        "verify_key": "0" * 64,
        "flags": 0,
        "summary": "",
    }


def app_command(app_id: str, guild_id: str, body: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": snowflake(),
        "application_id": app_id,
        "guild_id": guild_id,
        "version": snowflake(),
        "type": 1,
        "default_member_permissions": None,
        "dm_permission": True,
        "nsfw": False,
        "options": [],
        "description": "",
        **body,
    }
