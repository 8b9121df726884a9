"""The command table, noting every refusal the core raises while a platform serves a request:
the matrix checks both the core's decision and what the person was shown of it."""

from __future__ import annotations

from typing import Any

from bot.commands import build_router
from bot.commands.registry import Router
from bot.errors import HallwayError, NotAllowed


class RecordingRouter(Router):
    def __init__(self) -> None:
        super().__init__()
        built = build_router()
        self.__dict__.update({k: v for k, v in built.__dict__.items() if k != "raised"})
        self.raised: list[HallwayError] = []

    async def _noting(self, doing: Any) -> Any:
        try:
            return await doing
        except HallwayError as exc:
            self.raised.append(exc)
            raise

    async def run_text(self, *args: Any, **kw: Any) -> Any:  # type: ignore[override]
        return await self._noting(super().run_text(*args, **kw))

    async def run(self, *args: Any, **kw: Any) -> Any:  # type: ignore[override]
        return await self._noting(super().run(*args, **kw))

    async def press(self, *args: Any, **kw: Any) -> Any:  # type: ignore[override]
        return await self._noting(super().press(*args, **kw))

    async def submit(self, *args: Any, **kw: Any) -> Any:  # type: ignore[override]
        return await self._noting(super().submit(*args, **kw))

    def refusal(self) -> NotAllowed | None:
        """The refusal raised since `clear`, if any."""
        found = [exc for exc in self.raised if isinstance(exc, NotAllowed)]
        return found[-1] if found else None

    def clear(self) -> None:
        self.raised.clear()
