from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta

from bot.app import Hallway
from bot.clock import ManualClock
from bot.domain.work import Work, WorkStatus
from bot.ports import DeliveryError, Messenger
from bot.scheduling.runner import MAX_ATTEMPTS, WorkRunner
from bot.scheduling.work import cancel_work, schedule_work


class Recorder:
    def __init__(self, failures: int = 0) -> None:
        self.ran: list[tuple[str, dict[str, object]]] = []
        self.failures = failures

    async def __call__(self, hw: Hallway, messengers: Mapping[str, Messenger], work: Work) -> None:
        if self.failures:
            self.failures -= 1
            raise DeliveryError("platform down", retry_after=5)
        self.ran.append((work.key, work.payload))


async def schedule(hw: Hallway, key: str, minutes: int, **payload: object) -> None:
    async with hw.uow() as uow:
        await schedule_work(
            hw, uow, key, "test.kind", hw.now() + timedelta(minutes=minutes), dict(payload)
        )
        await uow.commit()


async def status(hw: Hallway, key: str) -> WorkStatus:
    async with hw.uow() as uow:
        found = await uow.work.by_key(key)
    assert found is not None
    return found.status


async def test_work_runs_once_when_due(hw: Hallway, clock: ManualClock) -> None:
    handler = Recorder()
    runner = WorkRunner(hw, {}, {"test.kind": handler})
    await schedule(hw, "room.open:1", 10, room=1)
    assert await runner.run_due() == 0
    clock.advance(timedelta(minutes=10))
    assert await runner.run_due() == 1
    assert await runner.run_due() == 0
    assert handler.ran == [("room.open:1", {"room": 1})]
    assert await status(hw, "room.open:1") == WorkStatus.DONE


async def test_rescheduling_moves_pending_work(hw: Hallway, clock: ManualClock) -> None:
    handler = Recorder()
    runner = WorkRunner(hw, {}, {"test.kind": handler})
    await schedule(hw, "room.open:1", 10)
    await schedule(hw, "room.open:1", 60)
    clock.advance(timedelta(minutes=30))
    assert await runner.run_due() == 0
    clock.advance(timedelta(minutes=30))
    assert await runner.run_due() == 1


async def test_cancelled_work_does_not_run_and_can_be_revived(
    hw: Hallway, clock: ManualClock
) -> None:
    handler = Recorder()
    runner = WorkRunner(hw, {}, {"test.kind": handler})
    await schedule(hw, "room.open:mentoring:1", 10)
    await schedule(hw, "room.open:mentoring:12", 10)
    async with hw.uow() as uow:
        assert await cancel_work(uow, "room.open:mentoring:1") == 2  # prefix: both
        await uow.commit()
    clock.advance(timedelta(minutes=10))
    assert await runner.run_due() == 0
    await schedule(hw, "room.open:mentoring:1", 10)
    clock.advance(timedelta(minutes=10))
    assert await runner.run_due() == 1
    assert [key for key, _ in handler.ran] == ["room.open:mentoring:1"]


async def test_work_done_is_never_redone_by_scheduling_again(
    hw: Hallway, clock: ManualClock
) -> None:
    handler = Recorder()
    runner = WorkRunner(hw, {}, {"test.kind": handler})
    await schedule(hw, "release:all", 0)
    await runner.run_due()
    await schedule(hw, "release:all", 0)
    await runner.run_due()
    assert len(handler.ran) == 1


async def test_failed_work_is_retried_after_the_wait_then_given_up(
    hw: Hallway, clock: ManualClock
) -> None:
    handler = Recorder(failures=1)
    runner = WorkRunner(hw, {}, {"test.kind": handler})
    await schedule(hw, "room.open:1", 0)
    assert await runner.run_due() == 0
    clock.advance(timedelta(seconds=5))
    assert await runner.run_due() == 1

    stubborn = Recorder(failures=100)
    runner = WorkRunner(hw, {}, {"test.kind": stubborn})
    await schedule(hw, "room.open:2", 0)
    for _ in range(MAX_ATTEMPTS + 1):
        await runner.run_due()
        clock.advance(timedelta(minutes=5))
    assert await status(hw, "room.open:2") == WorkStatus.FAILED


async def test_work_of_an_unknown_kind_fails_without_stopping_the_rest(
    hw: Hallway, clock: ManualClock
) -> None:
    handler = Recorder()
    runner = WorkRunner(hw, {}, {"test.kind": handler})
    async with hw.uow() as uow:
        await schedule_work(hw, uow, "mystery", "no.such.kind", hw.now())
        await uow.commit()
    await schedule(hw, "room.open:1", 0)
    assert await runner.run_due() == 1
    assert await status(hw, "mystery") == WorkStatus.FAILED
