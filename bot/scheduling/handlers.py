"""The table of work kinds and their handlers; features add theirs here."""

from __future__ import annotations

from bot.scheduling.rooms import RoomSource, room_handlers
from bot.scheduling.runner import WorkHandler
from bot.services import social_release
from bot.services.mentoring_rooms import mentoring_room

# What each kind of room is, by the first part of its key ("mentoring:42").
ROOM_SOURCES: dict[str, RoomSource] = {"mentoring": mentoring_room}


def build_work_handlers() -> dict[str, WorkHandler]:
    handlers: dict[str, WorkHandler] = {}
    handlers.update(room_handlers(ROOM_SOURCES))
    handlers[social_release.RELEASE_KIND] = social_release.run_scheduled_release
    handlers[social_release.REMIND_KIND] = social_release.remind_chairs
    return handlers
