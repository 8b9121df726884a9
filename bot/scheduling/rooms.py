"""Rooms: opened, joined and closed through scheduled work, once per platform.

A feature plans a room under a key ("mentoring:42") and registers a `RoomSource` that says,
when the work runs, what the room should be now (name, link, who is in it) — or None when it is
no longer wanted. Work keys: `room.open:<key>`, `room.close:<key>`, `room.add:<key>:<stamp>`.
Each platform's room is recorded in `rooms`, so running a handler again does nothing twice.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.app import Hallway
from bot.domain.rooms import Room
from bot.domain.work import Work, WorkStatus
from bot.ports import Messenger, RoomRequest, UnitOfWork
from bot.scheduling.runner import WorkHandler
from bot.scheduling.work import schedule_work

# Rooms stay open a little after the end, so a conversation can finish its sentence.
GRACE = timedelta(minutes=5)


@dataclass(frozen=True)
class RoomPlan:
    name: str  # lowercase, digits and dashes: usable as a channel name everywhere
    topic: str
    video_url: str | None
    members: tuple[int, ...]  # participant ids, moderators included
    moderators: tuple[int, ...]
    closes_at: datetime


RoomSource = Callable[[Hallway, UnitOfWork, str], Awaitable[RoomPlan | None]]


async def plan_room(
    hw: Hallway, uow: UnitOfWork, key: str, opens_at: datetime, closes_at: datetime
) -> None:
    """Open the room at `opens_at` (at once if that has passed), close it at `closes_at`.
    Planning the same key again moves both, and revives them if they were cancelled."""
    payload = {"room": key}
    await schedule_work(hw, uow, f"room.open:{key}", "room.open", opens_at, payload)
    await schedule_work(hw, uow, f"room.close:{key}", "room.close", closes_at, payload)


async def close_room_at(hw: Hallway, uow: UnitOfWork, key: str, closes_at: datetime) -> None:
    """No opening any more; whatever is open closes at `closes_at`."""
    await _skip(uow, f"room.open:{key}")
    await schedule_work(hw, uow, f"room.close:{key}", "room.close", closes_at, {"room": key})


async def let_in(hw: Hallway, uow: UnitOfWork, key: str, participant_ids: Sequence[int]) -> None:
    """Add people to the room if it is open by the time the work runs (if it opens later, its
    source lists them anyway)."""
    stamp = f"{hw.now().timestamp():.6f}:{','.join(map(str, participant_ids))}"
    payload = {"room": key, "participants": list(participant_ids)}
    await schedule_work(hw, uow, f"room.add:{key}:{stamp}", "room.add", hw.now(), payload)


def room_handlers(sources: Mapping[str, RoomSource]) -> dict[str, WorkHandler]:
    """The `room.*` work kinds, for rooms of the features named in `sources`."""

    async def open_room(hw: Hallway, messengers: Mapping[str, Messenger], work: Work) -> None:
        key = work.payload["room"]
        kind, _, ident = key.partition(":")
        for platform, messenger in messengers.items():
            request = await _request(hw, sources[kind], key, ident, platform)
            if request is not None:
                ref = await messenger.open_room(request)
                await _record_opened(hw, Room(work.event_id, key, platform, ref, hw.now()))

    return {"room.open": open_room, "room.close": _close_room, "room.add": _add_to_room}


async def _request(
    hw: Hallway, source: RoomSource, key: str, ident: str, platform: str
) -> RoomRequest | None:
    async with hw.uow() as uow:
        if await uow.rooms.get(key, platform) is not None:
            return None  # opened on this platform by an earlier run
        plan = await source(hw, uow, ident)
        if plan is None or plan.closes_at <= hw.now():
            return None
        accounts = await uow.accounts.for_participants(plan.members, platform)
    members = tuple(accounts[pid].user_id for pid in plan.members if pid in accounts)
    moderators = tuple(accounts[pid].user_id for pid in plan.moderators if pid in accounts)
    return RoomRequest(
        key, plan.name, plan.topic, plan.video_url, members, moderators, plan.closes_at
    )


async def _record_opened(hw: Hallway, room: Room) -> None:
    async with hw.uow() as uow:
        uow.rooms.add(room)
        await uow.commit()


async def _close_room(hw: Hallway, messengers: Mapping[str, Messenger], work: Work) -> None:
    key = work.payload["room"]
    async with hw.uow() as uow:
        await _skip(uow, f"room.open:{key}")  # an opening still retrying must not follow
        await uow.commit()
    for platform, messenger in messengers.items():
        async with hw.uow() as uow:
            room = await uow.rooms.get(key, platform)
        if room is None or not room.is_open:
            continue
        await messenger.close_room(room.ref)
        async with hw.uow() as uow:
            stored = await uow.rooms.get(key, platform)
            if stored is not None:
                stored.closed_at = hw.now()
            await uow.commit()


async def _add_to_room(hw: Hallway, messengers: Mapping[str, Messenger], work: Work) -> None:
    key, people = work.payload["room"], work.payload["participants"]
    for platform, messenger in messengers.items():
        async with hw.uow() as uow:
            room = await uow.rooms.get(key, platform)
            accounts = await uow.accounts.for_participants(people, platform)
        if room is not None and room.is_open and accounts:
            await messenger.add_to_room(
                room.ref, [account.user_id for account in accounts.values()]
            )


async def _skip(uow: UnitOfWork, key: str) -> None:
    # By exact key: `cancel_work` takes a prefix, and "mentoring:4" is a prefix of "mentoring:42".
    pending = await uow.work.by_key(key)
    if pending is not None and pending.status == WorkStatus.PENDING:
        pending.status, pending.last_error = WorkStatus.SKIPPED, "cancelled"
