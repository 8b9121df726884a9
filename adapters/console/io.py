"""Where the console reads and writes: the terminal, or a script in tests."""

from __future__ import annotations

import asyncio
import sys
from collections import deque
from collections.abc import Iterable
from typing import Protocol


class ConsoleIO(Protocol):
    async def read(self, prompt: str) -> str | None:
        """The next line typed, or None when input has ended."""
        ...

    def write(self, text: str) -> None: ...


class TerminalIO:
    async def read(self, prompt: str) -> str | None:
        sys.stdout.write(prompt)
        sys.stdout.flush()
        # Reading stdin blocks; a worker thread keeps the event loop (and deliveries) running.
        line = await asyncio.to_thread(sys.stdin.readline)
        return line.rstrip("\n") if line else None

    def write(self, text: str) -> None:
        sys.stdout.write(text + "\n")
        sys.stdout.flush()


class ScriptedIO:
    """Typed lines from a list; everything written is kept for assertions."""

    def __init__(self, lines: Iterable[str] = ()) -> None:
        self.lines: deque[str] = deque(lines)
        self.output: list[str] = []
        self.prompts: list[str] = []

    def feed(self, *lines: str) -> None:
        self.lines.extend(lines)

    async def read(self, prompt: str) -> str | None:
        self.prompts.append(prompt)
        return self.lines.popleft() if self.lines else None

    def write(self, text: str) -> None:
        self.output.extend(text.split("\n"))

    @property
    def text(self) -> str:
        return "\n".join(self.output)

    def take(self) -> str:
        """What was written since the last take."""
        taken, self.output = self.text, []
        return taken
