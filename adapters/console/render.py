"""Messages as terminal text. Buttons get numbers to type after /press."""

from __future__ import annotations

from datetime import tzinfo

from bot.messages import Actions, Button, Divider, Item, Line, Message, Note, Paragraph, plain_line


class ButtonBoard:
    """Numbers for the buttons shown so far; they stay valid for the whole session."""

    def __init__(self) -> None:
        self._buttons: dict[int, Button] = {}

    def number(self, button: Button) -> int:
        number = len(self._buttons) + 1
        self._buttons[number] = button
        return number

    def get(self, number: int) -> Button | None:
        return self._buttons.get(number)


def render(msg: Message, zone: tzinfo | None, board: ButtonBoard) -> str:
    out: list[str] = [f"== {msg.title} ==" if msg.title else ""]
    for block in msg.blocks:
        if isinstance(block, Paragraph):
            out.extend(_lines(block.lines, zone))
        elif isinstance(block, Note):
            out.extend(f"  ({text})" for text in _lines(block.lines, zone))
        elif isinstance(block, Item):
            first, *rest = _lines(block.lines, zone) or [""]
            out.append(f"• {first}")
            out.extend(f"  {text}" for text in rest)
            if block.buttons:
                out.append("  " + _buttons(block.buttons, board))
        elif isinstance(block, Actions):
            out.append(_buttons(block.buttons, board))
        elif isinstance(block, Divider):
            out.append("-" * 40)
    return "\n".join(part for part in out if part or len(out) == 1)


def _lines(lines: tuple[Line, ...], zone: tzinfo | None) -> list[str]:
    return [plain_line(item, zone) for item in lines]


def _buttons(buttons: tuple[Button, ...], board: ButtonBoard) -> str:
    labels = [f"[{board.number(button)}] {button.label}" for button in buttons]
    return "   ".join(labels) + "   (type /press N)"
