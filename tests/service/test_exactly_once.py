"""Exactly once: claims, lost answers, deliveries left in doubt, bounded retries."""

from __future__ import annotations

import asyncio
import random
import uuid
from datetime import UTC, datetime, timedelta

from bot.app import Hallway
from bot.clock import ManualClock
from bot.delivery.attempts import SendPolicy
from bot.delivery.dispatcher import Dispatcher
from bot.delivery.outbox import post_to_channel, revise_post, tell_person
from bot.domain.delivery import ChannelRole, DeliveryStatus
from bot.messages import Message, message
from bot.ports import DeliveryError
from storage import Database
from tests.fakes import RecordingMessenger
from tests.schedule_kit import people, rows

POLICY = SendPolicy(lease=timedelta(seconds=20), send_timeout=5)


def wall_clock() -> ManualClock:
    return ManualClock(datetime(2026, 1, 1, tzinfo=UTC))


async def queue(hw: Hallway, *person_ids: int, key: str = "notice") -> None:
    async with hw.uow() as uow:
        for pid in person_ids:
            await tell_person(hw, uow, pid, message("Hello"), key, fanout=key)
        await uow.commit()


async def test_each_message_carries_its_outbox_key(
    hw: Hallway, messenger: RecordingMessenger
) -> None:
    [ada] = await people(hw, "ada")
    await queue(hw, ada)
    await Dispatcher(hw, {"fake": messenger}).deliver_due()
    assert messenger.keys() == [f"notice>p{ada}"]


async def test_a_lost_answer_is_settled_by_asking_the_platform_not_by_sending_again(
    hw: Hallway, messenger: RecordingMessenger, database: Database
) -> None:
    [ada] = await people(hw, "ada")
    await queue(hw, ada)
    wall = wall_clock()
    dispatcher = Dispatcher(hw, {"fake": messenger}, wall=wall, policy=POLICY)
    messenger.lost_answers = 1
    await dispatcher.deliver_due()
    assert [row.status for row in await rows(database)] == [DeliveryStatus.SENDING]
    wall.advance(timedelta(seconds=19))
    await dispatcher.deliver_due()
    assert messenger.lookups == []  # within the lease: it may still be on its way
    wall.advance(timedelta(seconds=2))
    await dispatcher.deliver_due()
    assert [row.status for row in await rows(database)] == [DeliveryStatus.SENT]
    assert len(messenger.sent) == 1
    assert messenger.lookups[0].key == f"notice>p{ada}"
    assert messenger.lookups[0].address == "U-ada@example.org"


async def test_a_claim_the_platform_never_saw_is_sent_once_after_the_lease(
    hw: Hallway, messenger: RecordingMessenger
) -> None:
    [ada] = await people(hw, "ada")
    await queue(hw, ada)
    wall = wall_clock()
    async with hw.uow() as uow:  # a process claimed it, then died before calling the platform
        [delivery] = await uow.outbox.due("fake", hw.now(), 10)
        await uow.outbox.claim(delivery.id, uuid.uuid4().hex, "U-ada@example.org", wall.now())
        await uow.commit()
    dispatcher = Dispatcher(hw, {"fake": messenger}, wall=wall, policy=POLICY)
    await dispatcher.deliver_due()
    assert messenger.sent == []
    wall.advance(timedelta(seconds=21))
    await dispatcher.deliver_due()
    await dispatcher.deliver_due()
    assert len(messenger.sent) == 1


class Hanging(RecordingMessenger):
    """A platform that takes the message and never answers."""

    async def send_direct(
        self, user_id: str, message: Message, zone: str | None, *, key: str | None = None
    ) -> str:
        await super().send_direct(user_id, message, zone, key=key)
        await asyncio.Event().wait()
        raise AssertionError("unreachable")


async def test_a_call_that_never_answers_is_in_doubt_then_found(
    hw: Hallway, database: Database
) -> None:
    [ada] = await people(hw, "ada")
    await queue(hw, ada)
    wall, platform = wall_clock(), Hanging()
    policy = SendPolicy(lease=timedelta(seconds=20), send_timeout=0.05)
    dispatcher = Dispatcher(hw, {"fake": platform}, wall=wall, policy=policy)
    assert await dispatcher.deliver_due() == 0
    wall.advance(timedelta(seconds=21))
    await dispatcher.deliver_due()
    assert [row.status for row in await rows(database)] == [DeliveryStatus.SENT]
    assert len(platform.sent) == 1


class Broken(RecordingMessenger):
    async def send_direct(
        self, user_id: str, message: Message, zone: str | None, *, key: str | None = None
    ) -> str:
        raise RuntimeError("a bug in the adapter")


async def test_an_unexplained_failure_is_tried_a_bounded_number_of_times(
    hw: Hallway, database: Database
) -> None:
    [ada] = await people(hw, "ada")
    await queue(hw, ada)
    wall, platform = wall_clock(), Broken()
    dispatcher = Dispatcher(hw, {"fake": platform}, wall=wall, policy=POLICY)
    for _ in range(POLICY.max_attempts + 3):
        await dispatcher.deliver_due()
        wall.advance(timedelta(seconds=21))
    [row] = await rows(database)
    assert (row.status, row.last_error) == (
        DeliveryStatus.FAILED,
        "lost on the way too many times",
    )
    assert len(platform.lookups) == POLICY.max_attempts


async def test_transient_errors_back_off_exponentially_with_jitter(
    hw: Hallway, clock: ManualClock, messenger: RecordingMessenger
) -> None:
    [ada] = await people(hw, "ada")
    await queue(hw, ada)
    messenger.failures.extend(DeliveryError("HTTP 502") for _ in range(4))
    dispatcher = Dispatcher(hw, {"fake": messenger}, rng=random.Random(7))
    waits = []
    for _ in range(4):
        await dispatcher.deliver_due()
        async with hw.uow() as uow:
            [row] = await uow.outbox.pending("notice", f"person:{ada}")
        waits.append((row.due_at - hw.now()).total_seconds())
        clock.set(row.due_at)
    for attempt, wait in enumerate(waits, start=1):
        ceiling = 2.0 * 2 ** (attempt - 1)
        assert ceiling / 2 <= wait <= ceiling
    assert len(set(waits)) == 4
    await dispatcher.deliver_due()
    assert len(messenger.sent) == 1


async def test_an_edit_waits_for_its_post_still_on_its_way(
    hw: Hallway, clock: ManualClock, messenger: RecordingMessenger, database: Database
) -> None:
    async with hw.uow() as uow:
        await post_to_channel(hw, uow, ChannelRole.CHAIRS, message("New"), "card")
        await uow.commit()
    wall = wall_clock()
    dispatcher = Dispatcher(hw, {"fake": messenger}, wall=wall, policy=POLICY)
    messenger.lost_answers = 1
    await dispatcher.deliver_due()  # the post is in doubt
    async with hw.uow() as uow:
        await revise_post(hw, uow, ChannelRole.CHAIRS, message("Approved"), "card")
        await uow.commit()
    await dispatcher.deliver_due()
    assert [sent.kind for sent in messenger.sent] == ["post"]
    wall.advance(timedelta(seconds=21))
    clock.advance(timedelta(seconds=3))
    await dispatcher.deliver_due()
    assert [(sent.kind, sent.text) for sent in messenger.sent] == [
        ("post", "New"),
        ("update", "Approved"),
    ]


async def test_two_dispatchers_at_once_send_each_message_once(
    hw: Hallway, messenger: RecordingMessenger
) -> None:
    everyone = await people(hw, *(f"p{n}" for n in range(30)))
    await queue(hw, *everyone)
    first = Dispatcher(hw, {"fake": messenger}, batch=7)
    second = Dispatcher(hw, {"fake": messenger}, batch=5)
    await asyncio.gather(first.deliver_due(), second.deliver_due())
    keys = messenger.keys()
    assert len(keys) == len(set(keys)) == 30
