"""Discord's documented limits, checked on every body Hallway sent to the fake Discord:
messages (content, embeds, components) and modals. A body past them is refused by Discord
with a 400, which a person sees as "the interaction failed"."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

from tests.adapters.discord.fake_discord import Call
from tests.adapters.discord.safety import message_bodies, texts

CONTENT, EMBEDS, EMBED_TOTAL, TITLE, DESCRIPTION = 2000, 10, 6000, 256, 4096
ROWS, PER_ROW, CUSTOM_ID, BUTTON_LABEL = 5, 5, 100, 80
MODAL_TITLE, MODAL_ITEMS, LABEL, LABEL_DESCRIPTION = 45, 5, 45, 100
TEXT_VALUE, PLACEHOLDER, OPTIONS, OPTION_TEXT = 4000, 100, 25, 100
# What a person must never see: Python's own words for a failure.
TRACEBACK = re.compile(
    r"Traceback \(most recent call last\)|File \"[^\"]+\", line \d+|"
    r"\b(?:Key|Type|Value|Attribute|Index|Runtime|Overflow|Assertion)Error\b"
)


def limit_problems(calls: Sequence[Call]) -> list[str]:
    found: list[str] = []
    for call, body in message_bodies(calls):
        found.extend(f"{call.method} {call.path}: {p}" for p in _message(body))
    for call in calls:
        if (
            call.path.endswith("/callback")
            and isinstance(call.body, dict)
            and call.body.get("type") == 9
        ):
            found.extend(f"modal {call.path}: {p}" for p in _modal(call.body["data"]))
    return found


def leaked_errors(calls: Sequence[Call]) -> list[str]:
    """Texts sent to people that carry Python's exception names or a traceback."""
    return [
        text[:200]
        for _call, body in message_bodies(calls)
        for text in texts(body)
        if TRACEBACK.search(text)
    ]


def _message(body: dict[str, Any]) -> Iterator[str]:
    if len(body.get("content") or "") > CONTENT:
        yield "content too long"
    embeds = body.get("embeds") or []
    if len(embeds) > EMBEDS:
        yield f"{len(embeds)} embeds"
    total = 0
    for embed in embeds:
        title, description = embed.get("title") or "", embed.get("description") or ""
        total += len(title) + len(description)
        if len(title) > TITLE:
            yield f"embed title of {len(title)}"
        if len(description) > DESCRIPTION:
            yield f"embed description of {len(description)}"
    if total > EMBED_TOTAL:
        yield f"embeds total {total} characters (Discord allows {EMBED_TOTAL})"
    yield from _rows(body.get("components") or [])


def _rows(rows: list[dict[str, Any]]) -> Iterator[str]:
    if len(rows) > ROWS:
        yield f"{len(rows)} action rows"
    for row in rows:
        items = row.get("components") or []
        if len(items) > PER_ROW:
            yield f"{len(items)} buttons in a row"
        for item in items:
            yield from _custom_id(item)
            if len(item.get("label") or "") > BUTTON_LABEL:
                yield f"button label of {len(item['label'])}"


def _custom_id(item: dict[str, Any]) -> Iterator[str]:
    custom_id = item.get("custom_id")
    if custom_id is not None and not 1 <= len(custom_id) <= CUSTOM_ID:
        yield f"custom_id of {len(custom_id)} characters"


def _modal(data: dict[str, Any]) -> Iterator[str]:
    if not 1 <= len(data.get("title") or "") <= MODAL_TITLE:
        yield f"modal title {data.get('title')!r}"
    yield from _custom_id(data)
    items = data.get("components") or []
    if not 1 <= len(items) <= MODAL_ITEMS:
        yield f"{len(items)} modal components"
    for label in items:
        if len(label.get("label") or "") > LABEL:
            yield f"label of {len(label['label'])}"
        if len(label.get("description") or "") > LABEL_DESCRIPTION:
            yield "label description too long"
        inner = label.get("component", label)
        yield from _custom_id(inner)
        if len(inner.get("value") or "") > TEXT_VALUE:
            yield "text input value too long"
        if len(inner.get("placeholder") or "") > PLACEHOLDER:
            yield "placeholder too long"
        options = inner.get("options") or []
        if len(options) > OPTIONS:
            yield f"{len(options)} select options"
        for option in options:
            if len(option["label"]) > OPTION_TEXT or len(option["value"]) > OPTION_TEXT:
                yield "select option too long"
