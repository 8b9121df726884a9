"""The table of work kinds and their handlers; features add theirs here."""

from __future__ import annotations

from bot.scheduling.runner import WorkHandler


def build_work_handlers() -> dict[str, WorkHandler]:
    handlers: dict[str, WorkHandler] = {}
    return handlers
