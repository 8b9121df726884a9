"""Keeping the platforms' calendars in step with Hallway, by reconciliation.

Every run compares what should be published (`calendar_entries`) with what was published on
each platform (`published_events`, with a fingerprint of each entry) and makes only the
difference: create what is new, update what changed, withdraw what is gone. Nothing is held
open across a platform call; each change is recorded right after the platform confirmed it, so
a failed call is simply tried again on the next run. Only what has not begun is touched: once
a session starts, the platform's own event runs its course.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from bot.app import Hallway
from bot.domain.calendar import CalendarEntry, PublishedEvent
from bot.ports import DeliveryError, Messenger
from bot.scheduling.calendar_entries import wanted_entries

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Change:
    kind: Literal["create", "update", "withdraw"]
    key: str
    entry: CalendarEntry | None = None
    ref: str | None = None  # what is published now, for an update or a withdrawal


def plan_changes(
    wanted: Mapping[str, CalendarEntry],
    published: Mapping[str, PublishedEvent],
    now: datetime,
) -> list[Change]:
    """The difference, for things that have not begun (a platform takes no start in the past)."""
    changes: list[Change] = []
    for key, entry in wanted.items():
        before = published.get(key)
        if entry.start <= now:
            continue
        if before is None:
            changes.append(Change("create", key, entry))
        elif before.fingerprint != entry.fingerprint():
            changes.append(Change("update", key, entry, before.ref))
    for key, before in published.items():
        if key not in wanted and before.starts_at > now:
            changes.append(Change("withdraw", key, ref=before.ref))
    return changes


async def sync_published_events(hw: Hallway, messengers: Mapping[str, Messenger]) -> int:
    """One reconciliation on every platform; returns how many changes the platforms took."""
    now = hw.now()
    done = 0
    for platform, messenger in messengers.items():
        async with hw.uow() as uow:
            wanted = await wanted_entries(hw, uow, now)
            rooms = {room.key: room.ref for room in await uow.rooms.open_on(hw.event.id, platform)}
            rows = await uow.published_events.on_platform(hw.event.id, platform)
        located = {
            key: entry.in_room(rooms.get(entry.room_key or "")) for key, entry in wanted.items()
        }
        for change in plan_changes(located, {row.key: row for row in rows}, now):
            done += await _apply(hw, messenger, change)
    return done


async def _apply(hw: Hallway, messenger: Messenger, change: Change) -> int:
    try:
        if change.kind == "withdraw":
            assert change.ref is not None
            await messenger.withdraw_event(change.ref)
            ref: str | None = change.ref
        else:
            assert change.entry is not None
            ref = await messenger.publish_event(change.key, change.entry, change.ref)
    except DeliveryError as exc:
        log.warning("calendar %s %s on %s: %s", change.kind, change.key, messenger.platform, exc)
        return 0
    if ref is None:
        return 0  # a platform without a calendar
    await _record(hw, messenger.platform, change, ref)
    return 1


async def _record(hw: Hallway, platform: str, change: Change, ref: str) -> None:
    async with hw.uow() as uow:
        row = await uow.published_events.by_key(hw.event.id, platform, change.key)
        if change.kind == "withdraw" or change.entry is None:
            if row is not None:
                await uow.published_events.remove(row)
        elif row is None:
            fingerprint, start = change.entry.fingerprint(), change.entry.start
            uow.published_events.add(
                PublishedEvent(hw.event.id, platform, change.key, ref, fingerprint, start)
            )
        else:
            row.ref, row.fingerprint = ref, change.entry.fingerprint()
            row.starts_at = change.entry.start
        await uow.commit()
