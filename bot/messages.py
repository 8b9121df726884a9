"""Messages, defined once and rendered by each platform.

A message is structure, not markup: every string in it is text to show as it is, and each adapter
escapes it for its platform. Emphasis, links, people and times are typed parts, so user text can
never smuggle in `<!channel>`, `@everyone` or a forged mention.
"""

from __future__ import annotations

import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from bot.timefmt import Style, plain_time


@dataclass(frozen=True)
class When:
    """An instant, shown in each reader's own zone."""

    at: datetime
    style: Style = "full"


@dataclass(frozen=True)
class Strong:
    text: str


@dataclass(frozen=True)
class Link:
    url: str
    label: str = ""


@dataclass(frozen=True)
class Person:
    """Someone Hallway names; adapters mention them where they know the account."""

    participant_id: int
    name: str


Inline = str | When | Strong | Link | Person
Line = tuple[Inline, ...]

ButtonStyle = Literal["primary", "danger", "default"]


@dataclass(frozen=True)
class Button:
    """An action for the reader. `action` names a handler, `value` carries ids (never trusted:
    the handler checks who pressed it)."""

    label: str
    action: str
    value: str = ""
    style: ButtonStyle = "default"


@dataclass(frozen=True)
class Paragraph:
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class Item:
    """One entry of a list (a social, a session), with its own buttons."""

    lines: tuple[Line, ...]
    buttons: tuple[Button, ...] = ()


@dataclass(frozen=True)
class Actions:
    buttons: tuple[Button, ...]


@dataclass(frozen=True)
class Note:
    """Small print under a message."""

    lines: tuple[Line, ...]


@dataclass(frozen=True)
class Divider:
    pass


Block = Paragraph | Item | Actions | Note | Divider


@dataclass(frozen=True)
class Message:
    title: str | None = None
    blocks: tuple[Block, ...] = field(default_factory=tuple)

    @property
    def buttons(self) -> tuple[Button, ...]:
        found: list[Button] = []
        for block in self.blocks:
            if isinstance(block, Item | Actions):
                found.extend(block.buttons)
        return tuple(found)


def line(template: str, **values: Inline) -> Line:
    """`line("Your social {title} starts {start}.", title=Strong(t), start=When(at))`.

    The template is Hallway's text; each `{name}` becomes a typed part, never parsed markup.
    """
    parts: list[Inline] = []
    for literal, name, _spec, _conversion in string.Formatter().parse(template):
        if literal:
            parts.append(literal)
        if name is not None:
            if name not in values:
                raise KeyError(f"line template needs a value for {{{name}}}")
            parts.append(values[name])
    return tuple(parts)


def text(*lines: Line | str) -> Paragraph:
    return Paragraph(tuple((item,) if isinstance(item, str) else item for item in lines))


def message(title: str | None, *blocks: Block | Line | str) -> Message:
    """A message from blocks; bare lines and strings become paragraphs."""
    built: list[Block] = []
    for block in blocks:
        if isinstance(block, str):
            built.append(text(block))
        elif isinstance(block, tuple):
            built.append(Paragraph((block,)))
        else:
            built.append(block)
    return Message(title, tuple(built))


def plain(msg: Message, zone: Any = None) -> str:
    """The message as plain text (console, notification previews, search)."""
    out: list[str] = [msg.title] if msg.title else []
    for block in msg.blocks:
        if isinstance(block, Paragraph | Note):
            out.extend(plain_line(item, zone) for item in block.lines)
        elif isinstance(block, Item):
            first, *rest = [plain_line(item, zone) for item in block.lines] or [""]
            out.append(f"• {first}")
            out.extend(f"  {item}" for item in rest)
        elif isinstance(block, Divider):
            out.append("")
    return "\n".join(out)


def plain_line(parts: Line, zone: Any = None) -> str:
    return "".join(plain_inline(part, zone) for part in parts)


def plain_inline(part: Inline, zone: Any = None) -> str:
    if isinstance(part, str):
        return part
    if isinstance(part, When):
        return plain_time(part.at, zone, part.style)
    if isinstance(part, Strong):
        return part.text
    if isinstance(part, Link):
        return f"{part.label} <{part.url}>" if part.label else part.url
    return part.name


# --- JSON, for messages waiting in the outbox ---


def to_json(msg: Message) -> dict[str, Any]:
    return {"title": msg.title, "blocks": [_block_json(block) for block in msg.blocks]}


def from_json(data: Mapping[str, Any]) -> Message:
    return Message(data.get("title"), tuple(_block_from(item) for item in data["blocks"]))


def _block_json(block: Block) -> dict[str, Any]:
    if isinstance(block, Divider):
        return {"kind": "divider"}
    if isinstance(block, Actions):
        return {"kind": "actions", "buttons": [_button_json(b) for b in block.buttons]}
    kind = {Paragraph: "paragraph", Item: "item", Note: "note"}[type(block)]
    data: dict[str, Any] = {"kind": kind, "lines": [_line_json(item) for item in block.lines]}
    if isinstance(block, Item):
        data["buttons"] = [_button_json(b) for b in block.buttons]
    return data


def _block_from(data: Mapping[str, Any]) -> Block:
    kind = data["kind"]
    if kind == "divider":
        return Divider()
    buttons = tuple(Button(**b) for b in data.get("buttons", ()))
    if kind == "actions":
        return Actions(buttons)
    lines = tuple(_line_from(item) for item in data["lines"])
    if kind == "item":
        return Item(lines, buttons)
    return Note(lines) if kind == "note" else Paragraph(lines)


def _button_json(button: Button) -> dict[str, Any]:
    return {
        "label": button.label,
        "action": button.action,
        "value": button.value,
        "style": button.style,
    }


def _line_json(parts: Line) -> list[Any]:
    return [_inline_json(part) for part in parts]


def _inline_json(part: Inline) -> Any:
    if isinstance(part, str):
        return part
    if isinstance(part, When):
        return {"when": part.at.isoformat(), "style": part.style}
    if isinstance(part, Strong):
        return {"strong": part.text}
    if isinstance(part, Link):
        return {"link": part.url, "label": part.label}
    return {"person": part.participant_id, "name": part.name}


def _line_from(items: Iterable[Any]) -> Line:
    return tuple(_inline_from(item) for item in items)


def _inline_from(item: Any) -> Inline:
    if isinstance(item, str):
        return item
    if "when" in item:
        return When(datetime.fromisoformat(item["when"]), item["style"])
    if "strong" in item:
        return Strong(item["strong"])
    if "link" in item:
        return Link(item["link"], item["label"])
    return Person(item["person"], item["name"])
