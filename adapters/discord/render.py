"""`bot.messages.Message` → Discord embeds and buttons, as plain payload dicts (pure).

Everything goes in embeds: text in an embed never pings anyone, and the `allowed_mentions`
sent with it names only the people Hallway mentions on purpose.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from adapters.discord.custom_ids import action_id
from adapters.discord.escape import escape_text, link_label, link_target
from bot.messages import (
    Block,
    Button,
    Divider,
    Inline,
    Item,
    Line,
    Link,
    Message,
    Note,
    Paragraph,
    Person,
    Strong,
    When,
)
from bot.timefmt import discord_timestamp

log = logging.getLogger(__name__)

EMBED_COLOUR = 0x5865F2
MAX_DESCRIPTION = 4096
MAX_TITLE = 256
MAX_EMBEDS = 10
MAX_EMBED_TOTAL = 6000  # titles and descriptions of all a message's embeds together
MAX_BUTTON_LABEL = 80
BUTTONS_PER_ROW, MAX_ROWS = 5, 5
_STYLES = {"primary": 1, "default": 2, "danger": 4}


@dataclass(frozen=True)
class Rendered:
    embeds: list[dict[str, Any]]
    components: list[dict[str, Any]]
    mentioned: tuple[str, ...]  # Discord user ids Hallway mentions on purpose

    def payload(self) -> dict[str, Any]:
        """The JSON body of a message create or edit."""
        return {
            "embeds": self.embeds,
            "components": self.components,
            "allowed_mentions": allowed_mentions(self.mentioned),
        }


def allowed_mentions(users: tuple[str, ...] = ()) -> dict[str, Any]:
    return {"parse": [], "users": list(users), "replied_user": False}


def render(msg: Message, mentions: Mapping[int, str] | None = None) -> Rendered:
    """`mentions` maps participant ids to Discord user ids for the people who may be @-ed."""
    known = mentions or {}
    chunks = [_block(block, known) for block in msg.blocks]
    embeds = _embeds(msg.title, [chunk for chunk in chunks if chunk])
    named = [part.participant_id for part in persons(msg) if part.participant_id in known]
    mentioned = tuple(dict.fromkeys(known[pid] for pid in named))
    return Rendered(embeds, button_rows(msg.buttons), mentioned)


def inline(part: Inline, mentions: Mapping[int, str]) -> str:
    if isinstance(part, str):
        return escape_text(part)
    if isinstance(part, Strong):
        return f"**{escape_text(part.text)}**" if part.text.strip() else ""
    if isinstance(part, When):
        return discord_timestamp(part.at, part.style)
    if isinstance(part, Link):
        target = link_target(part.url)
        if target is None:
            return escape_text(part.label or part.url)
        label = link_label(part.label) or escape_text(part.url)
        return f"[{label}](<{target}>)"
    if part.participant_id in mentions:
        return f"<@{mentions[part.participant_id]}>"
    return escape_text(part.name)


def line_text(parts: Line, mentions: Mapping[int, str]) -> str:
    return "".join(inline(part, mentions) for part in parts)


def _block(block: Block, mentions: Mapping[int, str]) -> str:
    if isinstance(block, Paragraph):
        return "\n".join(line_text(item, mentions) for item in block.lines)
    if isinstance(block, Note):
        return "\n".join(f"-# {line_text(item, mentions)}" for item in block.lines)
    if isinstance(block, Item):
        first, *rest = [line_text(item, mentions) for item in block.lines] or [""]
        return "\n".join([f"• {first}", *(f"\u2003{text}" for text in rest)])
    if isinstance(block, Divider):
        return "───"
    return ""  # Actions: buttons only


def _embeds(title: str | None, chunks: list[str]) -> list[dict[str, Any]]:
    """One embed, or several when the text passes an embed's 4,096 characters; cut short
    (with "…") where the message would pass the 6,000 Discord allows across its embeds."""
    descriptions: list[str] = []
    for chunk in chunks:
        piece = chunk[:MAX_DESCRIPTION]
        if descriptions and len(descriptions[-1]) + 2 + len(piece) <= MAX_DESCRIPTION:
            descriptions[-1] += "\n\n" + piece
        else:
            descriptions.append(piece)
    shown_title = escape_text(title)[:MAX_TITLE] if title else ""
    kept = _within(descriptions[:MAX_EMBEDS], MAX_EMBED_TOTAL - len(shown_title))
    embeds: list[dict[str, Any]] = [
        {"description": text, "color": EMBED_COLOUR} for text in kept
    ] or [{"color": EMBED_COLOUR}]
    if shown_title:
        embeds[0]["title"] = shown_title
    return embeds


def _within(descriptions: list[str], budget: int) -> list[str]:
    kept: list[str] = []
    for text in descriptions:
        if len(text) > budget:
            if budget > 1:
                kept.append(text[: budget - 1] + "…")
            break
        kept.append(text)
        budget -= len(text)
    return kept


def button_rows(buttons: tuple[Button, ...]) -> list[dict[str, Any]]:
    """Action rows of five buttons; Discord shows at most five rows."""
    shown = [button for button in buttons if _fits(button)][: BUTTONS_PER_ROW * MAX_ROWS]
    rows = [
        shown[start : start + BUTTONS_PER_ROW] for start in range(0, len(shown), BUTTONS_PER_ROW)
    ]
    return [{"type": 1, "components": [button_payload(button) for button in row]} for row in rows]


def button_payload(button: Button) -> dict[str, Any]:
    return {
        "type": 2,
        "style": _STYLES.get(button.style, 2),
        "label": button.label[:MAX_BUTTON_LABEL],
        "custom_id": action_id(button.action, button.value),
    }


def _fits(button: Button) -> bool:
    """A button whose action and value cannot be a custom id is left out (and logged) rather
    than losing the whole message."""
    try:
        action_id(button.action, button.value)
    except ValueError:
        log.warning(
            "discord: button %s:%r left out: no valid custom id", button.action, button.value
        )
        return False
    return True


def persons(msg: Message) -> list[Person]:
    """The people a message names (Hallway's own `Person` parts, never user text)."""
    found: list[Person] = []
    for block in msg.blocks:
        for item in getattr(block, "lines", ()):
            found.extend(part for part in item if isinstance(part, Person))
    return found
