"""Driving the console adapter in-process for the matrix: a session as one role, form prompts
answered by their field's label, and every error the shared router raised kept for the test."""

from __future__ import annotations

from collections import Counter
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from adapters.console.messenger import ConsoleMessenger
from adapters.console.render import ButtonBoard
from adapters.console.session import ConsoleSession
from bot.app import Hallway
from bot.commands import build_router
from bot.commands.registry import Router
from bot.errors import HallwayError
from bot.messages import Button

PRESS = "press "  # a script line "press ACTION VALUE": the button is put on the board first
ASKED_AT_MOST = 2  # a field asked again after that is a form the script cannot fill: cancel


@dataclass
class AnsweringIO:
    """Answers each form prompt from `answers` (label → text), Enter for the rest."""

    answers: Mapping[str, str]
    output: list[str] = field(default_factory=list)
    asked: Counter[str] = field(default_factory=Counter)

    async def read(self, prompt: str) -> str | None:
        self.asked[prompt] += 1
        if self.asked[prompt] > ASKED_AT_MOST:
            return "/cancel"
        labels = [label for label in self.answers if prompt.startswith(label)]
        return self.answers[max(labels, key=len)] if labels else ""

    def write(self, text: str) -> None:
        self.output.extend(text.split("\n"))

    @property
    def text(self) -> str:
        return "\n".join(self.output)


def watched(router: Router, raised: list[HallwayError]) -> Router:
    """The same router, noting each error it answers with (the console prints them)."""
    for name in ("run_text", "press", "submit"):
        original: Callable[..., Awaitable[Any]] = getattr(router, name)

        async def watching(*args: Any, _original: Any = original, **kwargs: Any) -> Any:
            try:
                return await _original(*args, **kwargs)
            except HallwayError as exc:
                raised.append(exc)
                raise

        setattr(router, name, watching)
    return router


@dataclass
class Console:
    session: ConsoleSession
    io: AnsweringIO
    board: ButtonBoard
    raised: list[HallwayError]

    async def type(self, line: str) -> None:
        if line.startswith(PRESS):
            parts = line.split(" ", 2)
            action, value = parts[1], parts[2] if len(parts) > 2 else ""
            number = self.board.number(Button("forged", action, value))
            line = f"/press {number}"
        await self.session.handle(line)


async def console_as(
    hw: Hallway, email: str, answers: Mapping[str, str], downloads: Path
) -> Console:
    io = AnsweringIO(answers)
    board = ButtonBoard()
    raised: list[HallwayError] = []

    async def flush() -> None:
        """Deliveries are not the matrix's concern: what is queued stays queued, visibly."""

    session = ConsoleSession(
        replace(hw, platforms=(*hw.platforms, "console")),
        watched(build_router(), raised),
        io,
        messenger=ConsoleMessenger(io.write, board),
        board=board,
        flush=flush,
        downloads=downloads,
    )
    await session.become(email)
    return Console(session, io, board, raised)
