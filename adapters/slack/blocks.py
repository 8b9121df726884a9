"""Hallway messages as Block Kit, and a plain `text` fallback for notifications. Pure.

Titles become header blocks, paragraphs sections, items sections with their buttons, notes
context blocks. Mentions need the reader's Slack id: `mentions` maps participant ids to the
Slack accounts known for them; anyone else is named in plain text.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import tzinfo
from typing import Any

from adapters.slack.escape import cut_markup, escape, fit, link, mention
from bot.messages import (
    Actions,
    Button,
    Divider,
    Inline,
    Item,
    Line,
    Message,
    Note,
    Paragraph,
    Person,
    Strong,
    When,
    plain,
)
from bot.timefmt import slack_date

Block = dict[str, Any]

SECTION_LIMIT = 3000
HEADER_LIMIT = 150
BUTTON_LIMIT = 75
VALUE_LIMIT = 2000
TEXT_LIMIT = 3000
ACTIONS_PER_BLOCK = 25
CONTEXT_ELEMENTS = 10
SUFFIX = "#"  # action_id = core action name, plus "#2", "#3"… when a message repeats it


@dataclass(frozen=True)
class Rendered:
    text: str
    blocks: list[Block]


def render_message(
    msg: Message, mentions: Mapping[int, str] | None = None, zone: tzinfo | None = None
) -> Rendered:
    builder = _Builder(mentions or {}, zone)
    blocks: list[Block] = []
    if msg.title:
        blocks.append(header(msg.title))
    for block in msg.blocks:
        blocks.extend(builder.block(block))
    return Rendered(fallback_text(msg, zone), blocks)


def fallback_text(msg: Message, zone: tzinfo | None = None) -> str:
    """What notifications and old clients show: the message as escaped plain text."""
    return fit(plain(msg, zone), TEXT_LIMIT)


def header(title: str) -> Block:
    return {"type": "header", "text": plain_text(title, HEADER_LIMIT)}


def plain_text(text: str, limit: int) -> dict[str, Any]:
    return {"type": "plain_text", "text": fit(text, limit) or " ", "emoji": True}


def section(markup: str) -> Block:
    return {"type": "section", "text": {"type": "mrkdwn", "text": markup or " "}}


def people_in(msg: Message) -> set[int]:
    """Participants named in a message: whose Slack ids are needed to render it."""
    found: set[int] = set()
    for block in msg.blocks:
        for parts in getattr(block, "lines", ()):
            found.update(part.participant_id for part in parts if isinstance(part, Person))
    return found


def core_action(action_id: str) -> str:
    """The core's action name behind a Slack action_id."""
    return action_id.split(SUFFIX, 1)[0]


class _Builder:
    def __init__(self, mentions: Mapping[int, str], zone: tzinfo | None) -> None:
        self.mentions = mentions
        self.zone = zone
        self.seen: dict[str, int] = {}

    def block(self, block: Paragraph | Item | Actions | Note | Divider) -> list[Block]:
        if isinstance(block, Divider):
            return [{"type": "divider"}]
        if isinstance(block, Actions):
            return self.actions(block.buttons)
        if isinstance(block, Note):
            return [self.context(block.lines)]
        sections = [section(markup) for markup in self.sections(block.lines)]
        if isinstance(block, Item) and len(block.buttons) == 1 and sections:
            sections[-1]["accessory"] = self.button(block.buttons[0])
        elif isinstance(block, Item) and block.buttons:
            sections.extend(self.actions(block.buttons))
        return sections

    def sections(self, lines: tuple[Line, ...]) -> list[str]:
        """Lines joined into sections, starting a new one rather than passing Slack's limit."""
        out: list[str] = []
        for markup in (cut_markup(self.line(parts), SECTION_LIMIT) for parts in lines):
            if out and len(out[-1]) + 1 + len(markup) <= SECTION_LIMIT:
                out[-1] += "\n" + markup
            else:
                out.append(markup)
        return out

    def context(self, lines: tuple[Line, ...]) -> Block:
        texts = [cut_markup(self.line(parts), SECTION_LIMIT) for parts in lines]
        elements = [{"type": "mrkdwn", "text": text or " "} for text in texts]
        return {"type": "context", "elements": elements[:CONTEXT_ELEMENTS]}

    def actions(self, buttons: Iterable[Button]) -> list[Block]:
        elements = [self.button(button) for button in buttons]
        return [
            {"type": "actions", "elements": elements[start : start + ACTIONS_PER_BLOCK]}
            for start in range(0, len(elements), ACTIONS_PER_BLOCK)
        ]

    def button(self, button: Button) -> Block:
        count = self.seen[button.action] = self.seen.get(button.action, 0) + 1
        action_id = button.action if count == 1 else f"{button.action}{SUFFIX}{count}"
        element: Block = {
            "type": "button",
            "text": plain_text(button.label, BUTTON_LIMIT),
            "action_id": action_id,
            # Not parsed by Slack, but escaped all the same so user text never travels raw;
            # `payloads` unescapes it on the way back in.
            "value": escape(button.value)[:VALUE_LIMIT],
        }
        if button.style != "default":
            element["style"] = button.style
        return element

    def line(self, parts: Line) -> str:
        return "".join(self.inline(part) for part in parts)

    def inline(self, part: Inline) -> str:
        if isinstance(part, str):
            return escape(part)
        if isinstance(part, When):
            return slack_date(part.at, part.style, self.zone)
        if isinstance(part, Strong):
            inner = escape(part.text.strip())
            return f"*{inner}*" if inner else ""
        if isinstance(part, Person):
            user_id = self.mentions.get(part.participant_id)
            return (mention(user_id) if user_id else None) or escape(part.name)
        return link(part.url, part.label)
