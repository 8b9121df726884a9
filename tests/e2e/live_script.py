"""Console scripts whose lines may depend on what was shown, so a test can press a button by
its label instead of by a number that shifts whenever the demo event gains a message."""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Callable, Iterable

from adapters.console.io import ScriptedIO

Step = str | Callable[[str], str]


class LiveIO(ScriptedIO):
    def __init__(self, steps: Iterable[Step]) -> None:
        super().__init__()
        self.steps: deque[Step] = deque(steps)

    async def read(self, prompt: str) -> str | None:
        self.prompts.append(prompt)
        if not self.steps:
            return None
        step = self.steps.popleft()
        return step(self.text) if callable(step) else step


def press(label: str) -> Callable[[str], str]:
    """`/press N` for the latest button shown with this label."""

    def latest(shown: str) -> str:
        numbers = re.findall(rf"\[(\d+)\] {re.escape(label)}\b", shown)
        assert numbers, f"no button {label!r} shown"
        return f"/press {numbers[-1]}"

    return latest
