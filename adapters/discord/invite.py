"""The invite link with exactly the permissions Hallway uses, and the client id it needs.

The client id is read from the bot token: its first segment is the bot's user id in base64,
and a bot's user id is its application's client id. `--client-id` overrides it for the rare
old application where the two differ.
"""

from __future__ import annotations

import base64
import binascii
from urllib.parse import urlencode

import discord

from adapters.discord.rooms import BOT_RIGHTS
from bot.errors import ConfigError

AUTHORIZE_URL = "https://discord.com/oauth2/authorize"
SCOPES = "bot applications.commands"

# Rooms: the bot can only grant in a channel's overwrites what it holds itself, so it holds
# every right it gives members and moderators (BOT_RIGHTS). Besides: posting cards and notices
# (view, send, embed links — in BOT_RIGHTS), the registered role (manage roles, also needed to
# write overwrites) and Guild Scheduled Events (create and manage events).
PERMISSIONS = BOT_RIGHTS | discord.Permissions(
    manage_roles=True, create_events=True, manage_events=True
)


def client_id_from_token(token: str) -> str:
    first = token.strip().split(".", 1)[0]
    try:
        decoded = base64.urlsafe_b64decode(first + "=" * (-len(first) % 4)).decode("ascii")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        decoded = ""
    if not decoded.isdigit():
        raise ConfigError(
            "DISCORD_TOKEN does not look like a bot token; pass --client-id with the "
            "application id from the Discord developer portal"
        )
    return decoded


def invite_url(client_id: str, guild_id: int | None = None) -> str:
    query = {"client_id": client_id, "scope": SCOPES, "permissions": str(PERMISSIONS.value)}
    if guild_id is not None:
        query.update(guild_id=str(guild_id), disable_guild_select="true")
    return f"{AUTHORIZE_URL}?{urlencode(query)}"
