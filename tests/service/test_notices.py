"""Review cards revised in place, and change notices that coalesce a burst of edits."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.app import Hallway
from bot.clock import ManualClock
from bot.delivery.dispatcher import Dispatcher
from bot.delivery.outbox import SETTLE, post_to_channel, revise_post, tell_of_change
from bot.domain.delivery import ChannelRole
from bot.messages import Strong, message
from bot.timerules import Interval
from tests.factories import actor, register
from tests.fakes import RecordingMessenger

SLOT = Interval.lasting(datetime(2021, 7, 19, 15, tzinfo=UTC), 120)


def moved(hours: int) -> tuple[Interval, ...]:
    return (Interval.lasting(SLOT.start + timedelta(hours=hours), 120),)


async def change(
    hw: Hallway, person: int, before: tuple[Interval, ...], after: tuple[Interval, ...]
) -> None:
    async with hw.uow() as uow:
        await tell_of_change(
            hw, uow, "social:7", [person], ("Your social ", Strong("Quiz")), before, after
        )
        await uow.commit()


async def test_a_card_revised_before_it_was_posted_goes_out_revised(
    hw: Hallway, messenger: RecordingMessenger
) -> None:
    async with hw.uow() as uow:
        await post_to_channel(hw, uow, ChannelRole.CHAIRS, message("New"), "social:7:card")
        await revise_post(hw, uow, ChannelRole.CHAIRS, message("Approved"), "social:7:card")
        await uow.commit()
    await Dispatcher(hw, {"fake": messenger}).deliver_due()
    assert [(sent.kind, sent.text) for sent in messenger.sent] == [("post", "Approved")]


async def test_a_posted_card_is_edited_in_place(
    hw: Hallway, clock: ManualClock, messenger: RecordingMessenger
) -> None:
    dispatcher = Dispatcher(hw, {"fake": messenger})
    async with hw.uow() as uow:
        await post_to_channel(hw, uow, ChannelRole.CHAIRS, message("New"), "social:7:card")
        await uow.commit()
    await dispatcher.deliver_due()
    for state in ("Suggested", "Approved"):
        clock.advance(timedelta(seconds=1))
        async with hw.uow() as uow:
            await revise_post(hw, uow, ChannelRole.CHAIRS, message(state), "social:7:card")
            await uow.commit()
    await dispatcher.deliver_due()
    assert [(sent.kind, sent.address, sent.text) for sent in messenger.sent] == [
        ("post", "socials-chairs", "New"),
        ("update", "ref-1", "Approved"),  # two quick edits, one update
    ]


async def test_a_burst_of_moves_is_one_notice_from_first_to_last(
    hw: Hallway, clock: ManualClock, messenger: RecordingMessenger
) -> None:
    ada = await register(hw, "ada@example.org")
    await actor(hw, "ada@example.org")
    dispatcher = Dispatcher(hw, {"fake": messenger})
    await change(hw, ada.id, (SLOT,), moved(1))
    clock.advance(timedelta(seconds=30))
    await change(hw, ada.id, moved(1), moved(3))
    assert await dispatcher.deliver_due() == 0  # still settling
    clock.advance(SETTLE)
    assert await dispatcher.deliver_due() == 1
    [notice] = messenger.sent
    assert "Before: Monday 19 July 2021, 15:00 UTC" in notice.text
    assert "Now: Monday 19 July 2021, 18:00 UTC" in notice.text


async def test_a_move_undone_before_the_notice_leaves_sends_nothing(
    hw: Hallway, clock: ManualClock, messenger: RecordingMessenger
) -> None:
    ada = await register(hw, "ada@example.org")
    await actor(hw, "ada@example.org")
    await change(hw, ada.id, (SLOT,), moved(1))
    await change(hw, ada.id, moved(1), (SLOT,))
    clock.advance(SETTLE)
    assert await Dispatcher(hw, {"fake": messenger}).deliver_due() == 0


async def test_a_cancellation_says_when_it_was(
    hw: Hallway, clock: ManualClock, messenger: RecordingMessenger
) -> None:
    ada = await register(hw, "ada@example.org")
    await actor(hw, "ada@example.org")
    await change(hw, ada.id, (SLOT,), ())
    clock.advance(SETTLE)
    await Dispatcher(hw, {"fake": messenger}).deliver_due()
    assert messenger.sent[0].text.startswith(
        "Cancelled\nYour social Quiz has been cancelled.\nIt was: "
    )


async def test_a_change_after_a_notice_went_out_is_a_new_notice(
    hw: Hallway, clock: ManualClock, messenger: RecordingMessenger
) -> None:
    ada = await register(hw, "ada@example.org")
    await actor(hw, "ada@example.org")
    dispatcher = Dispatcher(hw, {"fake": messenger})
    await change(hw, ada.id, (SLOT,), moved(1))
    clock.advance(SETTLE)
    await dispatcher.deliver_due()
    await change(hw, ada.id, moved(1), moved(2))
    clock.advance(SETTLE)
    await dispatcher.deliver_due()
    assert len(messenger.sent) == 2
    assert "Before: Monday 19 July 2021, 16:00 UTC" in messenger.sent[1].text


async def test_edits_at_the_same_instant_after_posting_are_not_lost(
    hw: Hallway, messenger: RecordingMessenger
) -> None:
    dispatcher = Dispatcher(hw, {"fake": messenger})
    async with hw.uow() as uow:
        await post_to_channel(hw, uow, ChannelRole.CHAIRS, message("New"), "social:8:card")
        await uow.commit()
    await dispatcher.deliver_due()
    for state in ("Suggested", "Approved"):  # the clock does not move between them
        async with hw.uow() as uow:
            await revise_post(hw, uow, ChannelRole.CHAIRS, message(state), "social:8:card")
            await uow.commit()
        await dispatcher.deliver_due()
    assert [sent.text for sent in messenger.sent] == ["New", "Suggested", "Approved"]
