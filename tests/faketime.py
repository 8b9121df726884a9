"""Time for pacing tests: sleeping moves it forward at once, never backward."""

from __future__ import annotations

import asyncio


class FakeTime:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        # Concurrent sleepers each move time to their own wake-up, in turn: time only moves
        # forward and nobody wakes early, which is all a token bucket relies on.
        wake = self.now + seconds
        await asyncio.sleep(0)
        self.now = max(self.now, wake)
