"""The REST endpoints the fake Discord answers: what Hallway and discord.py call."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from tests.adapters.discord import payloads as p

if TYPE_CHECKING:
    from tests.adapters.discord.fake_discord import FakeDiscord

Answer = tuple[int, Any]
Handler = Callable[["FakeDiscord", dict[str, str], Any], Awaitable[Answer]]


async def me(fake: FakeDiscord, ids: dict[str, str], body: Any) -> Answer:
    return 200, fake.bot


async def application(fake: FakeDiscord, ids: dict[str, str], body: Any) -> Answer:
    return 200, p.application(fake.app_id, p.user(p.snowflake(), "owner"))


async def sync_commands(fake: FakeDiscord, ids: dict[str, str], body: Any) -> Answer:
    fake.synced_commands = [p.app_command(fake.app_id, ids["guild"], item) for item in body]
    return 200, fake.synced_commands


async def interaction_callback(fake: FakeDiscord, ids: dict[str, str], body: Any) -> Answer:
    data = body.get("data") or {}
    return 200, {
        "interaction": {
            "id": ids["interaction"],
            "type": 2,
            "response_message_loading": body["type"] == 5,
            "response_message_ephemeral": bool(data.get("flags", 0) & 64),
        },
        "resource": {"type": body["type"]},
    }


async def followup(fake: FakeDiscord, ids: dict[str, str], body: Any) -> Answer:
    return 200, _store(fake, p.snowflake(), "0", body)


async def edit_followup(fake: FakeDiscord, ids: dict[str, str], body: Any) -> Answer:
    message_id = ids["message"] if ids["message"].isdigit() else p.snowflake()
    return 200, _store(fake, message_id, "0", body)


async def open_dm(fake: FakeDiscord, ids: dict[str, str], body: Any) -> Answer:
    recipient = p.user(body["recipient_id"], "someone")
    return 200, {"id": f"9{body['recipient_id'][1:]}", "type": 1, "recipients": [recipient]}


async def create_message(fake: FakeDiscord, ids: dict[str, str], body: Any) -> Answer:
    if isinstance(body, dict) and body.get("enforce_nonce") and body.get("nonce"):
        # Like Discord: the same author and nonce again returns the message made earlier.
        for stored in fake.messages.values():
            if stored.get("nonce") == body["nonce"] and stored["channel_id"] == ids["channel"]:
                return 200, stored
    stored = _store(fake, p.snowflake(), ids["channel"], body)
    if isinstance(body, dict) and body.get("nonce"):
        stored["nonce"] = body["nonce"]
    return 200, stored


async def list_messages(fake: FakeDiscord, ids: dict[str, str], body: Any) -> Answer:
    """Newest first, without nonces (Discord's history does not return them)."""
    found = [
        {key: value for key, value in item.items() if key != "nonce"}
        for item in fake.messages.values()
        if item["channel_id"] == ids["channel"]
    ]
    return 200, list(reversed(found))[:100]


async def edit_message(fake: FakeDiscord, ids: dict[str, str], body: Any) -> Answer:
    if ids["message"] not in fake.messages:
        return 404, {"message": "Unknown Message", "code": 10008}
    return 200, _store(fake, ids["message"], ids["channel"], body)


async def list_channels(fake: FakeDiscord, ids: dict[str, str], body: Any) -> Answer:
    return 200, list(fake.channels.values())


async def create_channel(fake: FakeDiscord, ids: dict[str, str], body: Any) -> Answer:
    extra = {k: v for k, v in body.items() if k not in ("name", "type")}
    return 201, fake.add_channel(body["name"], body.get("type", 0), **extra)


async def edit_channel(fake: FakeDiscord, ids: dict[str, str], body: Any) -> Answer:
    channel = fake.channels.get(ids["channel"])
    if channel is None:
        return 404, {"message": "Unknown Channel", "code": 10003}
    channel.update(body)
    return 200, channel


async def delete_channel(fake: FakeDiscord, ids: dict[str, str], body: Any) -> Answer:
    gone = fake.channels.pop(ids["channel"], None)
    return (200, gone) if gone else (404, {"message": "Unknown Channel", "code": 10003})


async def edit_permissions(fake: FakeDiscord, ids: dict[str, str], body: Any) -> Answer:
    channel = fake.channels.get(ids["channel"])
    if channel is None:
        return 404, {"message": "Unknown Channel", "code": 10003}
    kept = [item for item in channel["permission_overwrites"] if item["id"] != ids["target"]]
    channel["permission_overwrites"] = [*kept, {"id": ids["target"], **body}]
    return 204, None


async def list_roles(fake: FakeDiscord, ids: dict[str, str], body: Any) -> Answer:
    return 200, fake.roles


async def add_role(fake: FakeDiscord, ids: dict[str, str], body: Any) -> Answer:
    fake.member_roles.setdefault(ids["user"], []).append(ids["role"])
    return 204, None


async def create_event(fake: FakeDiscord, ids: dict[str, str], body: Any) -> Answer:
    made = {"id": p.snowflake(), "guild_id": ids["guild"], "status": 1, **body}
    fake.scheduled_events[made["id"]] = made
    return 200, made


async def edit_event(fake: FakeDiscord, ids: dict[str, str], body: Any) -> Answer:
    if ids["event"] not in fake.scheduled_events:
        return 404, {"message": "Unknown Guild Scheduled Event", "code": 10070}
    fake.scheduled_events[ids["event"]].update(body)
    return 200, fake.scheduled_events[ids["event"]]


async def delete_event(fake: FakeDiscord, ids: dict[str, str], body: Any) -> Answer:
    gone = fake.scheduled_events.pop(ids["event"], None)
    return (
        (204, None) if gone else (404, {"message": "Unknown Guild Scheduled Event", "code": 10070})
    )


async def list_events(fake: FakeDiscord, ids: dict[str, str], body: Any) -> Answer:
    return 200, list(fake.scheduled_events.values())


def _store(fake: FakeDiscord, message_id: str, channel_id: str, body: Any) -> dict[str, Any]:
    stored = p.message(message_id, channel_id, fake.bot, body if isinstance(body, dict) else {})
    fake.messages[message_id] = stored
    return stored


_ID = r"[0-9]+"
_TOKEN = r"[^/]+"
ROUTES: list[tuple[str, re.Pattern[str], Handler]] = [
    (method, re.compile(pattern.format(id=_ID, token=_TOKEN)), handler)
    for method, pattern, handler in [
        ("GET", r"/users/@me", me),
        ("GET", r"/oauth2/applications/@me", application),
        ("PUT", r"/applications/{id}/guilds/(?P<guild>{id})/commands", sync_commands),
        (
            "POST",
            r"/interactions/(?P<interaction>{id})/(?P<token>{token})/callback",
            interaction_callback,
        ),
        ("POST", r"/webhooks/{id}/(?P<token>{token})", followup),
        (
            "PATCH",
            r"/webhooks/{id}/(?P<token>{token})/messages/(?P<message>@original|{id})",
            edit_followup,
        ),
        ("POST", r"/users/@me/channels", open_dm),
        ("POST", r"/channels/(?P<channel>{id})/messages", create_message),
        ("GET", r"/channels/(?P<channel>{id})/messages", list_messages),
        ("PATCH", r"/channels/(?P<channel>{id})/messages/(?P<message>{id})", edit_message),
        ("GET", r"/guilds/{id}/channels", list_channels),
        ("POST", r"/guilds/{id}/channels", create_channel),
        ("PATCH", r"/channels/(?P<channel>{id})", edit_channel),
        ("DELETE", r"/channels/(?P<channel>{id})", delete_channel),
        ("PUT", r"/channels/(?P<channel>{id})/permissions/(?P<target>{id})", edit_permissions),
        ("GET", r"/guilds/{id}/roles", list_roles),
        ("PUT", r"/guilds/{id}/members/(?P<user>{id})/roles/(?P<role>{id})", add_role),
        ("GET", r"/guilds/(?P<guild>{id})/scheduled-events", list_events),
        ("POST", r"/guilds/(?P<guild>{id})/scheduled-events", create_event),
        ("PATCH", r"/guilds/{id}/scheduled-events/(?P<event>{id})", edit_event),
        ("DELETE", r"/guilds/{id}/scheduled-events/(?P<event>{id})", delete_event),
    ]
]
