"""The invite link: scopes, the exact permission bits, the client id."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import discord
import pytest

from adapters.discord.invite import PERMISSIONS, client_id_from_token, invite_url
from bot.errors import ConfigError

NEEDED = {
    "read_messages",
    "send_messages",
    "embed_links",
    "attach_files",
    "read_message_history",
    "manage_channels",
    "manage_roles",
    "manage_messages",
    "create_events",
    "manage_events",
    "connect",
    "speak",
    "stream",
    "use_voice_activation",
    "mute_members",
    "move_members",
}


def test_the_permissions_are_exactly_those_hallway_uses() -> None:
    granted = {name for name, value in PERMISSIONS if value}  # view_channel is read_messages
    assert granted == NEEDED
    assert PERMISSIONS.value == discord.Permissions(**dict.fromkeys(NEEDED, True)).value
    assert not PERMISSIONS.administrator


def test_the_invite_asks_for_the_bot_and_its_commands_with_those_permissions() -> None:
    query = parse_qs(urlparse(invite_url("123456789012345678", 42)).query)
    assert query == {
        "client_id": ["123456789012345678"],
        "scope": ["bot applications.commands"],
        "permissions": [str(PERMISSIONS.value)],
        "guild_id": ["42"],
        "disable_guild_select": ["true"],
    }


def test_the_client_id_is_read_from_the_token() -> None:
    assert client_id_from_token("MTIzNDU2Nzg5MDEyMzQ1Njc4.GhIjKl.secret") == "123456789012345678"


def test_a_token_that_is_not_a_bot_token_asks_for_the_client_id() -> None:
    with pytest.raises(ConfigError, match="--client-id"):
        client_id_from_token("not-a-token")
