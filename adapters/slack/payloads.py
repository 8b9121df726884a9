"""What Slack sends, read into small typed records. Pure: tested with recorded payloads.

Slack signs every request, but the fields are still only what a client chose to send: values
are strings as given, and the core re-checks every id and who acts.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from adapters.slack.blocks import core_action
from adapters.slack.escape import unescape
from bot.errors import HallwayError


@dataclass(frozen=True)
class SlashCommand:
    name: str  # "social" for /social
    text: str
    user_id: str
    trigger_id: str | None
    channel_id: str | None

    @classmethod
    def parse(cls, body: Mapping[str, Any]) -> SlashCommand:
        return cls(
            name=str(body.get("command", "")).lstrip("/").lower(),
            text=str(body.get("text") or ""),
            user_id=str(body["user_id"]),
            trigger_id=body.get("trigger_id"),
            channel_id=body.get("channel_id"),
        )


@dataclass(frozen=True)
class ButtonPress:
    action: str  # the core's action name
    value: str
    user_id: str
    trigger_id: str | None
    channel_id: str | None
    view_id: str | None  # set when pressed in a modal or the App Home
    view_type: str | None  # "modal" | "home"

    @classmethod
    def parse(cls, body: Mapping[str, Any]) -> ButtonPress:
        pressed = (body.get("actions") or [{}])[0]
        view = body.get("view") or {}
        channel = (body.get("channel") or {}).get("id") or (body.get("container") or {}).get(
            "channel_id"
        )
        return cls(
            action=core_action(str(pressed.get("action_id", ""))),
            value=unescape(str(pressed.get("value") or "")),
            user_id=str(body["user"]["id"]),
            trigger_id=body.get("trigger_id"),
            channel_id=channel,
            view_id=view.get("id"),
            view_type=view.get("type"),
        )


@dataclass(frozen=True)
class Submission:
    user_id: str
    view_id: str
    metadata: str
    state: Mapping[str, Any]  # view.state.values: block id → action id → element state

    @classmethod
    def parse(cls, body: Mapping[str, Any]) -> Submission:
        """Raises `HallwayError` for a submission without the view or person it comes from."""
        view, user = _object(body.get("view")), _object(body.get("user"))
        if not view.get("id") or not user.get("id"):
            raise HallwayError("This form could not be read back; please start again.")
        return cls(
            user_id=str(user["id"]),
            view_id=str(view["id"]),
            metadata=str(view.get("private_metadata") or ""),
            state=_object(_object(view.get("state")).get("values")),
        )


def _object(value: Any) -> Mapping[str, Any]:
    """A JSON object as sent, or an empty one for anything else."""
    return value if isinstance(value, Mapping) else {}


@dataclass(frozen=True)
class EventDelivery:
    event_id: str | None
    type: str
    user_id: str | None
    tab: str | None

    @classmethod
    def parse(cls, body: Mapping[str, Any]) -> EventDelivery:
        event = body.get("event") or {}
        return cls(
            event_id=body.get("event_id"),
            type=str(event.get("type", "")),
            user_id=event.get("user"),
            tab=event.get("tab"),
        )
