"""The table of work kinds and their handlers; features add theirs here."""

from __future__ import annotations

from bot.scheduling.runner import WorkHandler
from bot.services import social_release


def build_work_handlers() -> dict[str, WorkHandler]:
    handlers: dict[str, WorkHandler] = {}
    handlers[social_release.RELEASE_KIND] = social_release.run_scheduled_release
    handlers[social_release.REMIND_KIND] = social_release.remind_chairs
    return handlers
