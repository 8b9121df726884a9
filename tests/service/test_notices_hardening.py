"""Change notices: never lost to a reused key, never held back past the start they are about."""

from __future__ import annotations

from datetime import timedelta

from bot.app import Hallway
from bot.clock import ManualClock
from bot.delivery.dispatcher import Dispatcher
from bot.delivery.outbox import SETTLE, tell_of_change
from bot.messages import Strong
from bot.timerules import Interval
from tests.fakes import RecordingMessenger
from tests.schedule_kit import START, people


def slot(hours: float) -> tuple[Interval, ...]:
    return (Interval.lasting(START + timedelta(hours=hours), 120),)


async def change(
    hw: Hallway, person: int, before: tuple[Interval, ...], after: tuple[Interval, ...]
) -> None:
    async with hw.uow() as uow:
        await tell_of_change(
            hw, uow, "social:7", [person], ("Your social ", Strong("Quiz")), before, after
        )
        await uow.commit()


async def test_a_change_made_undone_and_made_again_in_one_instant_is_still_told(
    hw: Hallway, clock: ManualClock, messenger: RecordingMessenger
) -> None:
    [ada] = await people(hw, "ada")
    await change(hw, ada, slot(0), slot(1))
    await change(hw, ada, slot(1), slot(0))  # undone: the notice is dropped
    await change(hw, ada, slot(0), slot(2))  # same instant, so the same time stamp in the key
    clock.advance(SETTLE)
    await Dispatcher(hw, {"fake": messenger}).deliver_due()
    [notice] = messenger.sent
    assert "Now: Monday 19 July 2021, 17:00 UTC" in notice.text


async def test_a_notice_is_not_held_past_the_start_it_is_about(
    hw: Hallway, clock: ManualClock, messenger: RecordingMessenger
) -> None:
    [ada] = await people(hw, "ada")
    clock.set(START - timedelta(seconds=30))
    await change(hw, ada, slot(0), slot(1))
    await Dispatcher(hw, {"fake": messenger}).deliver_due()
    assert messenger.sent == []
    clock.set(START)  # well before the two minutes a burst of edits is given to settle
    await Dispatcher(hw, {"fake": messenger}).deliver_due()
    assert len(messenger.sent) == 1
