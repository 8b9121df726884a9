"""Requests as Slack sends them: signed (v0, HMAC-SHA256 of `v0:timestamp:body`), form-encoded
for commands and interactions (the latter as a `payload` JSON field), JSON for events."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

import aiohttp
from slack_sdk.signature import SignatureVerifier

FORM = "application/x-www-form-urlencoded"


@dataclass(frozen=True)
class Answer:
    status: int
    text: str

    @property
    def json(self) -> Any:
        return json.loads(self.text) if self.text else None


class SignedSlack:
    """Sends to Hallway's real endpoint what Slack would, signed with the app's secret."""

    def __init__(self, url: str, secret: str, session: aiohttp.ClientSession, respond_to: str):
        self.url = url
        self.secret = secret
        self.session = session
        self.respond_to = respond_to  # the fake's response_url

    async def send(
        self,
        body: str,
        content_type: str,
        *,
        timestamp: int | None = None,
        secret: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> Answer:
        stamp = str(timestamp if timestamp is not None else int(time.time()))
        signature = SignatureVerifier(secret or self.secret).generate_signature(
            timestamp=stamp, body=body
        )
        sent = {
            "Content-Type": content_type,
            "X-Slack-Request-Timestamp": stamp,
            "X-Slack-Signature": signature,
            **(headers or {}),
        }
        async with self.session.post(self.url, data=body.encode(), headers=sent) as response:
            return Answer(response.status, await response.text())

    async def command(self, command: str, text: str = "", user: str = "UADA", **kw: Any) -> Answer:
        fields = {
            "token": "legacy",
            "team_id": "T00000001",
            "channel_id": "C00000042",
            "channel_name": "general",
            "user_id": user,
            "user_name": user.lower(),
            "command": command,
            "text": text,
            "response_url": self.respond_to,
            "trigger_id": f"trigger-{user}",
            "api_app_id": "A00000001",
        }
        return await self.send(urlencode(fields), FORM, **kw)

    async def interaction(self, payload: dict[str, Any], **kw: Any) -> Answer:
        return await self.send(urlencode({"payload": json.dumps(payload)}), FORM, **kw)

    async def press(
        self,
        action_id: str,
        value: str,
        user: str = "UADA",
        *,
        view: dict[str, Any] | None = None,
        **kw: Any,
    ) -> Answer:
        payload: dict[str, Any] = {
            "type": "block_actions",
            "team": {"id": "T00000001"},
            "user": {"id": user, "team_id": "T00000001"},
            "api_app_id": "A00000001",
            "trigger_id": f"trigger-{user}",
            "actions": [
                {"type": "button", "action_id": action_id, "block_id": "b1", "value": value}
            ],
        }
        if view is None:
            payload["container"] = {"type": "message", "channel_id": "C00000042"}
            payload["channel"] = {"id": "C00000042"}
            payload["response_url"] = self.respond_to
        else:
            payload["container"] = {"type": "view", "view_id": view["id"]}
            payload["view"] = view
        return await self.interaction(payload, **kw)

    async def submit(
        self, view: dict[str, Any], values: dict[str, Any], user: str = "UADA", **kw: Any
    ) -> Answer:
        submitted = {**view, "state": {"values": values}}
        payload = {
            "type": "view_submission",
            "team": {"id": "T00000001"},
            "user": {"id": user, "team_id": "T00000001"},
            "api_app_id": "A00000001",
            "trigger_id": f"trigger-{user}",
            "view": submitted,
        }
        return await self.interaction(payload, **kw)

    async def event(
        self, event: dict[str, Any], event_id: str, *, retry: int | None = None, **kw: Any
    ) -> Answer:
        body = {
            "token": "legacy",
            "team_id": "T00000001",
            "api_app_id": "A00000001",
            "type": "event_callback",
            "event_id": event_id,
            "event_time": int(time.time()),
            "event": event,
        }
        headers = {"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"}
        return await self.send(
            json.dumps(body), "application/json", headers=headers if retry else None, **kw
        )


# --- what a person types or picks in a modal, as view.state.values elements ---


def typed(text: str | None, kind: str = "plain_text_input") -> dict[str, Any]:
    return {"type": kind, "value": text}


def picked(value: str | None) -> dict[str, Any]:
    option = {"value": value, "text": {"type": "plain_text", "text": value}} if value else None
    return {"type": "static_select", "selected_option": option}


def picked_many(*values: str) -> dict[str, Any]:
    return {"type": "multi_static_select", "selected_options": [{"value": v} for v in values]}


def users(*user_ids: str) -> dict[str, Any]:
    return {"type": "multi_users_select", "selected_users": list(user_ids)}


def moment(at: datetime | None) -> dict[str, Any]:
    stamp = int(at.timestamp()) if at else None
    return {"type": "datetimepicker", "selected_date_time": stamp}


def ticked(yes: bool) -> dict[str, Any]:
    return {"type": "checkboxes", "selected_options": [{"value": "yes"}] if yes else []}


def state(**fields: dict[str, Any]) -> dict[str, Any]:
    """`view.state.values`: block id (the field name) → action id → element state."""
    return {name: {"value": element} for name, element in fields.items()}
