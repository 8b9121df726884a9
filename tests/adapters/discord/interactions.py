"""INTERACTION_CREATE payloads as Discord sends them: slash commands with options, button
presses, modal submissions and autocomplete."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tests.adapters.discord import payloads as p

APPLICATION_COMMAND, MESSAGE_COMPONENT, AUTOCOMPLETE, MODAL_SUBMIT = 2, 3, 4, 5
SUB_COMMAND, STRING, INTEGER, BOOLEAN, USER = 1, 3, 4, 5, 6


@dataclass(frozen=True)
class DiscordUser:
    id: str
    name: str

    @property
    def payload(self) -> dict[str, Any]:
        return p.user(self.id, self.name)


def new_user(name: str) -> DiscordUser:
    return DiscordUser(p.snowflake(), name)


def interaction(
    app_id: str,
    guild_id: str,
    channel_id: str,
    user: DiscordUser,
    kind: int,
    data: dict[str, Any],
    **extra: Any,
) -> dict[str, Any]:
    return {
        "id": p.snowflake(),
        "application_id": app_id,
        "type": kind,
        "token": f"tok-{p.snowflake()}",
        "version": 1,
        "guild_id": guild_id,
        "channel_id": channel_id,
        "channel": {"id": channel_id, "type": 0, "guild_id": guild_id, "name": "general"},
        "member": p.member(user.payload),
        "locale": "en-GB",
        "guild_locale": "en-US",
        "app_permissions": "1071698660928",
        "entitlements": [],
        "authorizing_integration_owners": {"0": guild_id},
        "context": 0,
        "attachment_size_limit": 10485760,
        "data": data,
        **extra,
    }


def direct_interaction(
    app_id: str, channel_id: str, user: DiscordUser, kind: int, data: dict[str, Any], **extra: Any
) -> dict[str, Any]:
    """As Discord sends a press in a direct message: a user, no guild and no member."""
    return {
        "id": p.snowflake(),
        "application_id": app_id,
        "type": kind,
        "token": f"tok-{p.snowflake()}",
        "version": 1,
        "channel_id": channel_id,
        "channel": {"id": channel_id, "type": 1, "recipients": [user.payload]},
        "user": user.payload,
        "locale": "en-GB",
        "app_permissions": "0",
        "entitlements": [],
        "authorizing_integration_owners": {"0": "0"},
        "context": 1,
        "attachment_size_limit": 10485760,
        "data": data,
        **extra,
    }


def option(name: str, value: Any, kind: int = STRING, **extra: Any) -> dict[str, Any]:
    return {"name": name, "type": kind, "value": value, **extra}


def command_data(
    name: str,
    options: list[dict[str, Any]] | None = None,
    *,
    verb: str | None = None,
    users: list[DiscordUser] = (),  # type: ignore[assignment]
) -> dict[str, Any]:
    given = options or []
    if verb is not None:
        given = [{"name": verb, "type": SUB_COMMAND, "options": given}]
    data: dict[str, Any] = {"id": p.snowflake(), "name": name, "type": 1, "options": given}
    if users:
        data["resolved"] = {
            "users": {u.id: u.payload for u in users},
            "members": {
                u.id: {k: v for k, v in p.member(u.payload).items() if k != "user"} for u in users
            },
        }
    return data


def component_data(custom_id: str) -> dict[str, Any]:
    return {"custom_id": custom_id, "component_type": 2}


def modal_data(custom_id: str, answers: dict[str, Any]) -> dict[str, Any]:
    """Answers by field: str → a text input, list → a select, bool → a checkbox."""
    components = []
    for number, (name, value) in enumerate(answers.items(), start=1):
        if isinstance(value, bool):
            inner: dict[str, Any] = {
                "type": 23,
                "id": number * 2,
                "custom_id": name,
                "value": value,
            }
        elif isinstance(value, list):
            inner = {"type": 3, "id": number * 2, "custom_id": name, "values": value}
        else:
            inner = {"type": 4, "id": number * 2, "custom_id": name, "value": value}
        components.append({"type": 18, "id": number * 2 - 1, "component": inner})
    return {"custom_id": custom_id, "components": components}
