"""Rooms opened, joined and closed by scheduled work: once per platform, moved with their
session, never opened for a cancelled one."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from bot.app import Hallway
from bot.clock import ManualClock
from bot.delivery.dispatcher import Dispatcher
from bot.ports import RoomRequest, UnitOfWork
from bot.scheduling.rooms import GRACE, RoomPlan, close_room_at, plan_room, room_handlers
from bot.scheduling.runner import WorkRunner
from bot.services.mentoring_bookings import book_session, cancel_booking, join_session
from bot.services.mentoring_rooms import mentoring_room
from bot.services.mentoring_sessions import (
    cancel_session,
    edit_session,
    end_session_early,
    start_adhoc_session,
)
from tests.fakes import RecordingMessenger
from tests.service.mentoring_helpers import DURING, START, draft, mentor, offer, person, runner


def kinds(messenger: RecordingMessenger) -> list[str]:
    return [sent.kind for sent in messenger.sent if sent.kind.endswith("room")]


async def test_a_scheduled_room_opens_ten_minutes_early_with_mentor_and_seated_mentees(
    hw: Hallway, clock: ManualClock, messenger: RecordingMessenger
) -> None:
    session = await offer(hw, await mentor(hw), capacity=1)
    await book_session(hw, await person(hw, "ada@example.org"), session.id)
    await book_session(hw, await person(hw, "emmy@example.org"), session.id)  # waitlisted
    work = runner(hw, messenger)
    clock.set(START - timedelta(minutes=11))
    await work.run_due()
    assert kinds(messenger) == []
    clock.set(START - timedelta(minutes=10))
    await work.run_due()
    [opened] = messenger.sent
    assert opened.room is not None
    assert (opened.room.key, opened.room.video_url) == (
        f"mentoring:{session.id}",
        session.video_url,
    )
    assert opened.room.members == ("U-turing@example.org", "U-ada@example.org")
    assert opened.room.moderators == ("U-turing@example.org",)
    assert opened.room.name == f"mentoring-{session.id}-alan-turing"


async def test_a_room_closes_after_the_end_plus_grace(
    hw: Hallway, clock: ManualClock, messenger: RecordingMessenger
) -> None:
    session = await offer(hw, await mentor(hw))
    work = runner(hw, messenger)
    clock.set(START)
    await work.run_due()
    clock.set(session.ends_at + GRACE - timedelta(seconds=1))
    await work.run_due()
    assert kinds(messenger) == ["open_room"]
    clock.set(session.ends_at + GRACE)
    await work.run_due()
    assert [(s.kind, s.address) for s in messenger.sent] == [
        ("open_room", f"mentoring:{session.id}"),
        ("close_room", "ref-1"),
    ]


async def test_a_moved_session_moves_its_room(
    hw: Hallway, clock: ManualClock, messenger: RecordingMessenger
) -> None:
    who = await mentor(hw)
    session = await offer(hw, who)
    await edit_session(hw, who, session.id, draft(START + timedelta(hours=2)))
    work = runner(hw, messenger)
    clock.set(START)
    await work.run_due()
    assert kinds(messenger) == []
    clock.set(START + timedelta(hours=2) - timedelta(minutes=10))
    await work.run_due()
    assert kinds(messenger) == ["open_room"]


async def test_a_cancelled_session_never_opens_its_room(
    hw: Hallway, clock: ManualClock, messenger: RecordingMessenger
) -> None:
    who = await mentor(hw)
    session = await offer(hw, who)
    await cancel_session(hw, who, session.id)
    clock.set(session.ends_at + timedelta(hours=1))
    await runner(hw, messenger).run_due()
    assert kinds(messenger) == []


async def test_cancelling_session_4_leaves_session_42s_room_alone(
    hw: Hallway, clock: ManualClock, messenger: RecordingMessenger
) -> None:
    async with hw.uow() as uow:
        for key in ("test:4", "test:42"):
            await plan_room(hw, uow, key, START, START + timedelta(hours=1))
        await close_room_at(hw, uow, "test:4", START)
        await uow.commit()
    clock.set(START)
    await WorkRunner(hw, {"fake": messenger}, room_handlers({"test": _always})).run_due()
    assert [s.address for s in messenger.sent if s.kind == "open_room"] == ["test:42"]


async def test_running_the_open_work_twice_opens_once(
    hw: Hallway, clock: ManualClock, messenger: RecordingMessenger
) -> None:
    session = await offer(hw, await mentor(hw))
    clock.set(START)
    handlers = room_handlers({"mentoring": mentoring_room})
    async with hw.uow() as uow:
        work = await uow.work.by_key(f"room.open:mentoring:{session.id}")
    assert work is not None
    for _ in range(2):  # as after a crash between opening and marking the work done
        await handlers["room.open"](hw, {"fake": messenger}, work)
    assert kinds(messenger) == ["open_room"]


async def test_replanning_a_cancelled_room_revives_it(
    hw: Hallway, clock: ManualClock, messenger: RecordingMessenger
) -> None:
    async with hw.uow() as uow:
        await plan_room(hw, uow, "test:7", START, START + timedelta(hours=1))
        await close_room_at(hw, uow, "test:7", START - timedelta(hours=1))
        await plan_room(hw, uow, "test:7", START, START + timedelta(hours=1))
        await uow.commit()
    clock.set(START)
    await WorkRunner(hw, {"fake": messenger}, room_handlers({"test": _always})).run_due()
    assert kinds(messenger) == ["open_room"]


async def test_someone_joining_an_open_room_is_added_to_it(
    hw: Hallway, clock: ManualClock, messenger: RecordingMessenger
) -> None:
    clock.set(DURING)
    session = await start_adhoc_session(hw, await mentor(hw))
    work = runner(hw, messenger)
    await work.run_due()
    await join_session(hw, await person(hw, "ada@example.org"), session.id)
    await work.run_due()
    assert [(s.kind, s.users) for s in messenger.sent] == [
        ("open_room", ()),
        ("add_to_room", ("U-ada@example.org",)),
    ]


async def test_an_ad_hoc_session_ended_early_closes_its_room_and_its_announcement_says_so(
    hw: Hallway, clock: ManualClock, messenger: RecordingMessenger
) -> None:
    clock.set(DURING)
    who = await mentor(hw)
    session = await start_adhoc_session(hw, who, topic="careers")
    work, dispatcher = runner(hw, messenger), Dispatcher(hw, {"fake": messenger})
    await work.run_due()
    await dispatcher.deliver_due()
    clock.advance(timedelta(minutes=10))
    await end_session_early(hw, who, session.id)
    clock.advance(GRACE)
    await work.run_due()
    await dispatcher.deliver_due()
    assert [s.kind for s in messenger.sent] == ["open_room", "post", "close_room", "update"]
    assert "This session ended." in messenger.sent[-1].text


async def _always(hw: Hallway, uow: UnitOfWork, ident: str) -> RoomPlan:
    return RoomPlan(f"test-{ident}", "", None, (), (), START + timedelta(hours=1))


class SlowToOpen(RecordingMessenger):
    async def open_room(self, room: RoomRequest) -> str:
        await asyncio.sleep(0.01)  # the platform takes a moment
        return await super().open_room(room)


async def test_two_passes_of_the_runner_at_once_open_a_room_once(
    hw: Hallway, clock: ManualClock
) -> None:
    await offer(hw, await mentor(hw))
    clock.set(START)
    messenger = SlowToOpen()
    work = runner(hw, messenger)
    await asyncio.gather(work.run_due(), work.run_due())
    assert kinds(messenger) == ["open_room"]


async def test_someone_moved_up_while_the_room_is_open_is_added_to_it(
    hw: Hallway, clock: ManualClock, messenger: RecordingMessenger
) -> None:
    session = await offer(hw, await mentor(hw), capacity=1)
    ada = await person(hw, "ada@example.org")
    await book_session(hw, ada, session.id)
    await book_session(hw, await person(hw, "emmy@example.org"), session.id)
    work = runner(hw, messenger)
    clock.set(START)
    await work.run_due()
    await cancel_booking(hw, ada, session.id)
    await work.run_due()
    assert [(s.kind, s.users) for s in messenger.sent][-1] == (
        "add_to_room",
        ("U-emmy@example.org",),
    )
