"""What every message Hallway sent to the fake Discord must be: mentions limited to the people
Hallway names (`allowed_mentions` present, `parse` empty), and no @everyone, @here, role or
stray user mention left live in any text it carries."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

from tests.adapters.discord.fake_discord import Call

LIVE = re.compile(r"@everyone|@here|<@&\d+>")
USER_MENTION = re.compile(r"<@!?(\d+)>")


def message_bodies(calls: Sequence[Call]) -> Iterator[tuple[Call, dict[str, Any]]]:
    """Each message body sent: channel messages and edits, follow-ups, interaction answers."""
    for call in calls:
        if not isinstance(call.body, dict) or call.method not in ("POST", "PATCH"):
            continue
        if call.path.endswith("/callback"):
            if call.body.get("type") in (4, 7):
                yield call, call.body.get("data") or {}
        elif "/messages" in call.path or call.path.startswith("/webhooks/"):
            yield call, call.body


def texts(body: dict[str, Any]) -> Iterator[str]:
    if body.get("content"):
        yield body["content"]
    for embed in body.get("embeds") or []:
        yield from _strings(embed)


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def problems(calls: Sequence[Call]) -> list[str]:
    found: list[str] = []
    for call, body in message_bodies(calls):
        where = f"{call.method} {call.path}"
        allowed = body.get("allowed_mentions")
        if not isinstance(allowed, dict) or allowed.get("parse") != []:
            found.append(f"{where}: allowed_mentions {allowed!r}")
            continue
        users = {str(user) for user in allowed.get("users", [])}
        for text in texts(body):
            if LIVE.search(text):
                found.append(f"{where}: live mention in {text[:120]!r}")
            stray = set(USER_MENTION.findall(text)) - users
            if stray:
                found.append(f"{where}: mentions {stray} not allowed")
    return found
