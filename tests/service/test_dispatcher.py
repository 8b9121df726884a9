from __future__ import annotations

from datetime import datetime, timedelta

from bot.app import Hallway
from bot.clock import ManualClock
from bot.delivery.dispatcher import MAX_ATTEMPTS, Dispatcher
from bot.delivery.outbox import post_to_channel, tell_person
from bot.domain.delivery import ChannelRole, DeliveryStatus
from bot.messages import message
from bot.ports import DeliveryError
from tests.factories import actor, register
from tests.fakes import RecordingMessenger


async def queue_dm(
    hw: Hallway,
    participant_id: int,
    key: str = "hello",
    due_at: datetime | None = None,
    fanout: str | None = None,
) -> int:
    async with hw.uow() as uow:
        queued = await tell_person(
            hw, uow, participant_id, message("Hello"), key, due_at=due_at, fanout=fanout
        )
        await uow.commit()
    return queued


async def status_of(hw: Hallway, key_part: str) -> list[DeliveryStatus]:
    async with hw.uow() as uow:
        rows = await uow.outbox.due("fake", hw.now() + timedelta(days=365), 100)
    return [row.status for row in rows if key_part in row.key]


async def test_a_notice_is_delivered_once_to_the_linked_account(
    hw: Hallway, messenger: RecordingMessenger
) -> None:
    ada = await register(hw, "ada@example.org")
    await actor(hw, "ada@example.org")  # links U-ada@example.org
    assert await queue_dm(hw, ada.id) == 1
    assert await queue_dm(hw, ada.id) == 0  # the same key is not queued twice
    dispatcher = Dispatcher(hw, {"fake": messenger})
    assert await dispatcher.deliver_due() == 1
    assert await dispatcher.deliver_due() == 0
    assert [(sent.kind, sent.address, sent.text) for sent in messenger.sent] == [
        ("direct", "U-ada@example.org", "Hello")
    ]


async def test_channel_posts_go_to_the_channel_named_in_the_event_file(
    hw: Hallway, messenger: RecordingMessenger
) -> None:
    async with hw.uow() as uow:
        await post_to_channel(hw, uow, ChannelRole.CHAIRS, message("New proposal"), "p1")
        await uow.commit()
    await Dispatcher(hw, {"fake": messenger}).deliver_due()
    assert [(sent.kind, sent.address) for sent in messenger.sent] == [("post", "socials-chairs")]


async def test_notices_due_later_wait_for_their_time(
    hw: Hallway, clock: ManualClock, messenger: RecordingMessenger
) -> None:
    ada = await register(hw, "ada@example.org")
    await actor(hw, "ada@example.org")
    await queue_dm(hw, ada.id, due_at=clock.now() + timedelta(hours=1))
    dispatcher = Dispatcher(hw, {"fake": messenger})
    assert await dispatcher.deliver_due() == 0
    clock.advance(timedelta(hours=1))
    assert await dispatcher.deliver_due() == 1


async def test_a_person_without_an_account_is_found_by_email_and_remembered(
    hw: Hallway, messenger: RecordingMessenger
) -> None:
    ada = await register(hw, "ada@example.org")
    messenger.directory["ada@example.org"] = "U777"
    await queue_dm(hw, ada.id)
    await Dispatcher(hw, {"fake": messenger}).deliver_due()
    assert messenger.sent[0].address == "U777"
    async with hw.uow() as uow:
        account = await uow.accounts.for_participant(ada.id, "fake")
    assert account is not None and account.user_id == "U777"


async def test_nobody_to_reach_is_recorded_not_retried(
    hw: Hallway, messenger: RecordingMessenger
) -> None:
    ada = await register(hw, "ada@example.org")
    await queue_dm(hw, ada.id)
    assert await Dispatcher(hw, {"fake": messenger}).deliver_due() == 0
    assert messenger.sent == []
    assert await status_of(hw, "hello") == []  # no longer pending


async def test_a_refused_delivery_is_retried_after_the_wait_the_platform_asked_for(
    hw: Hallway, clock: ManualClock, messenger: RecordingMessenger
) -> None:
    ada = await register(hw, "ada@example.org")
    await actor(hw, "ada@example.org")
    await queue_dm(hw, ada.id)
    messenger.failures.append(DeliveryError("rate limited", retry_after=30))
    dispatcher = Dispatcher(hw, {"fake": messenger})
    assert await dispatcher.deliver_due() == 0
    clock.advance(timedelta(seconds=29))
    assert await dispatcher.deliver_due() == 0
    clock.advance(timedelta(seconds=1))
    assert await dispatcher.deliver_due() == 1


async def test_a_delivery_gives_up_after_bounded_attempts(
    hw: Hallway, clock: ManualClock, messenger: RecordingMessenger
) -> None:
    ada = await register(hw, "ada@example.org")
    await actor(hw, "ada@example.org")
    await queue_dm(hw, ada.id, fanout="reminders")
    messenger.failures.extend(DeliveryError("server error") for _ in range(MAX_ATTEMPTS + 2))
    dispatcher = Dispatcher(hw, {"fake": messenger})
    for _ in range(MAX_ATTEMPTS + 2):
        await dispatcher.deliver_due()
        clock.advance(timedelta(minutes=10))
    async with hw.uow() as uow:
        rows = await uow.outbox.by_fanout("reminders")
    assert [(row.status, row.attempts) for row in rows] == [(DeliveryStatus.FAILED, MAX_ATTEMPTS)]
    assert rows[0].last_error == "server error"
    assert len(messenger.failures) == 2  # it stopped trying
