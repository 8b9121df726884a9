"""Raw Slack requests, byte for byte: one good request per endpoint (all share the one URL,
`POST /slack/events`), and every way a request can be unsigned, badly signed or stale."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from adapters.slack.modals import Metadata, form_view
from tests.adapters.slack.answers import state_for, valid_values
from tests.adapters.slack.harness import SECRET, SlackHarness

FORM = "application/x-www-form-urlencoded"
JSON = "application/json"
TEAM = "T00000001"


@dataclass(frozen=True)
class Raw:
    body: bytes
    content_type: str


def sign(body: bytes, timestamp: str, secret: str = SECRET) -> str:
    mac = hmac.new(secret.encode(), b"v0:" + timestamp.encode() + b":" + body, hashlib.sha256)
    return "v0=" + mac.hexdigest()


def signed(raw: Raw, timestamp: int | None = None) -> dict[str, str]:
    stamp = str(int(time.time()) if timestamp is None else timestamp)
    return {
        "Content-Type": raw.content_type,
        "X-Slack-Request-Timestamp": stamp,
        "X-Slack-Signature": sign(raw.body, stamp),
    }


async def post(h: SlackHarness, body: bytes, headers: dict[str, str]) -> tuple[int, str]:
    async with h.send.session.post(h.send.url, data=body, headers=headers) as response:
        return response.status, await response.text()


# --- one good request per endpoint ---


def interaction(payload: dict[str, Any]) -> Raw:
    return Raw(urlencode({"payload": json.dumps(payload)}).encode(), FORM)


def command(h: SlackHarness, user: str = "UADA") -> Raw:
    fields = {
        "team_id": TEAM,
        "channel_id": "C00000042",
        "user_id": user,
        "command": "/whoami",
        "text": "",
        "response_url": h.send.respond_to,
        "trigger_id": h.send.trigger(user),
    }
    return Raw(urlencode(fields).encode(), FORM)


def press(h: SlackHarness, user: str = "UADA") -> Raw:
    return interaction(
        {
            "type": "block_actions",
            "team": {"id": TEAM},
            "user": {"id": user, "team_id": TEAM},
            "trigger_id": h.send.trigger(user),
            "container": {"type": "message", "channel_id": "C00000042"},
            "channel": {"id": "C00000042"},
            "response_url": h.send.respond_to,
            "actions": [{"type": "button", "action_id": "conduct.policy", "value": ""}],
        }
    )


def report_view(h: SlackHarness) -> dict[str, Any]:
    """The conduct report modal as Hallway opens it, with a good answer typed in."""
    form = h.router.get_form("conduct.report", h.hw.event)
    view = form_view(form, {}, Metadata(form.id, "", "Europe/Paris"))
    values = valid_values(form, anonymous="no")
    return {**view, "id": "V0REPORT", "state": {"values": state_for(view, values)}}


def submission(h: SlackHarness, user: str = "UADA") -> Raw:
    return interaction(
        {
            "type": "view_submission",
            "team": {"id": TEAM},
            "user": {"id": user, "team_id": TEAM},
            "trigger_id": h.send.trigger(user),
            "view": report_view(h),
        }
    )


def event(h: SlackHarness, user: str = "UADA") -> Raw:
    body = {
        "team_id": TEAM,
        "type": "event_callback",
        "event_id": f"Ev{time.time_ns()}",
        "event_time": int(time.time()),
        "event": {"type": "app_home_opened", "user": user, "tab": "home"},
    }
    return Raw(json.dumps(body).encode(), JSON)


def options(h: SlackHarness, user: str = "UADA") -> Raw:
    return interaction(
        {
            "type": "block_suggestion",
            "team": {"id": TEAM},
            "user": {"id": user, "team_id": TEAM},
            "action_id": "other",
            "block_id": "other",
            "value": "Read",
        }
    )


ENDPOINTS: dict[str, Callable[[SlackHarness], Raw]] = {
    "command": command,
    "block_actions": press,
    "view_submission": submission,
    "event": event,
    "options": options,
}

# --- every way to get the signature wrong ---

Forgery = Callable[[Raw], tuple[bytes, dict[str, str]]]
LATE = 5 * 60 + 30  # seconds: just past Slack's five minutes


def no_signature(raw: Raw) -> tuple[bytes, dict[str, str]]:
    headers = signed(raw)
    del headers["X-Slack-Signature"]
    return raw.body, headers


def no_timestamp(raw: Raw) -> tuple[bytes, dict[str, str]]:
    headers = signed(raw)
    del headers["X-Slack-Request-Timestamp"]
    return raw.body, headers


def no_headers(raw: Raw) -> tuple[bytes, dict[str, str]]:
    return raw.body, {"Content-Type": raw.content_type}


def wrong_secret(raw: Raw) -> tuple[bytes, dict[str, str]]:
    headers = signed(raw)
    stamp = headers["X-Slack-Request-Timestamp"]
    headers["X-Slack-Signature"] = sign(raw.body, stamp, "not-the-signing-secret")
    return raw.body, headers


def stale(raw: Raw) -> tuple[bytes, dict[str, str]]:
    return raw.body, signed(raw, int(time.time()) - LATE)


def from_the_future(raw: Raw) -> tuple[bytes, dict[str, str]]:
    return raw.body, signed(raw, int(time.time()) + LATE)


def garbage_timestamp(raw: Raw) -> tuple[bytes, dict[str, str]]:
    headers = signed(raw)
    headers["X-Slack-Request-Timestamp"] = "yesterday"
    headers["X-Slack-Signature"] = sign(raw.body, "yesterday")
    return raw.body, headers


def altered(raw: Raw) -> tuple[bytes, dict[str, str]]:
    """Signed, then the acting user swapped (the same length, still a good payload)."""
    headers = signed(raw)
    return raw.body.replace(b"UADA", b"UBOB"), headers


def extended(raw: Raw) -> tuple[bytes, dict[str, str]]:
    headers = signed(raw)
    tail = b" " if raw.content_type == JSON else b"&extra=1"
    return raw.body + tail, headers


def replayed(raw: Raw) -> tuple[bytes, dict[str, str]]:
    """A request captured ten minutes ago, sent again exactly as it was."""
    return raw.body, signed(raw, int(time.time()) - 600)


def replayed_restamped(raw: Raw) -> tuple[bytes, dict[str, str]]:
    """The captured signature with today's timestamp put in front of it."""
    headers = signed(raw, int(time.time()) - 600)
    headers["X-Slack-Request-Timestamp"] = str(int(time.time()))
    return raw.body, headers


def other_scheme(raw: Raw) -> tuple[bytes, dict[str, str]]:
    headers = signed(raw)
    headers["X-Slack-Signature"] = headers["X-Slack-Signature"].replace("v0=", "v1=")
    return raw.body, headers


def empty_signature(raw: Raw) -> tuple[bytes, dict[str, str]]:
    headers = signed(raw)
    headers["X-Slack-Signature"] = "v0="
    return raw.body, headers


def non_ascii_signature(raw: Raw) -> tuple[bytes, dict[str, str]]:
    headers = signed(raw)
    headers["X-Slack-Signature"] = headers["X-Slack-Signature"][:-1] + "é"
    return raw.body, headers


FORGERIES: dict[str, Forgery] = {
    "missing signature": no_signature,
    "missing timestamp": no_timestamp,
    "no headers at all": no_headers,
    "wrong secret": wrong_secret,
    "stale timestamp": stale,
    "future timestamp": from_the_future,
    "garbage timestamp": garbage_timestamp,
    "body altered after signing": altered,
    "body extended after signing": extended,
    "old request replayed": replayed,
    "old signature restamped": replayed_restamped,
    "another scheme": other_scheme,
    "empty signature": empty_signature,
    "non-ascii signature": non_ascii_signature,
}
