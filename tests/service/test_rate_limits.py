"""429 storms: the pacer pauses the whole platform, nothing is lost, nothing goes twice."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta

import pytest

from bot.app import Hallway
from bot.clock import ManualClock
from bot.delivery.attempts import MAX_THROTTLED, Sending
from bot.delivery.dispatcher import Dispatcher
from bot.delivery.outbox import tell_person
from bot.delivery.pacing import Pacer, PacingRules, Rate
from bot.domain.delivery import Delivery, DeliveryStatus
from bot.messages import Message, message
from bot.ports import DeliveryError
from storage import Database
from tests.fakes import RecordingMessenger
from tests.faketime import FakeTime
from tests.schedule_kit import people, rows


@dataclass
class Throttling(RecordingMessenger):
    """A platform taking `limit` messages per second (fake time) and answering 429 above."""

    time: FakeTime = field(default_factory=FakeTime)
    limit: int = 10
    accepted_at: list[float] = field(default_factory=list)
    tried_at: list[float] = field(default_factory=list)
    refusals: list[tuple[float, float]] = field(default_factory=list)  # (when, retry after)

    async def send_direct(
        self, user_id: str, message: Message, zone: str | None, *, key: str | None = None
    ) -> str:
        now = self.time.now
        self.tried_at.append(now)
        window = math.floor(now)
        if sum(1 for t in self.accepted_at if math.floor(t) == window) >= self.limit:
            retry_after = window + 1 - now
            self.refusals.append((now, retry_after))
            raise DeliveryError("ratelimited", retry_after=retry_after)
        self.accepted_at.append(now)
        return await super().send_direct(user_id, message, zone, key=key)


async def fan_out(hw: Hallway, count: int) -> None:
    everyone = await people(hw, *(f"p{n}" for n in range(count)))
    async with hw.uow() as uow:
        for pid in everyone:
            await tell_person(hw, uow, pid, message("Starts soon"), "remind", fanout="remind")
        await uow.commit()


async def drain(dispatcher: Dispatcher, clock: ManualClock, rounds: int) -> None:
    for _ in range(rounds):
        await dispatcher.deliver_due()
        clock.advance(timedelta(seconds=2))


async def test_a_429_storm_pauses_the_platform_and_every_message_goes_once(
    hw: Hallway, clock: ManualClock
) -> None:
    await fan_out(hw, 120)
    platform = Throttling()
    time = platform.time
    # Paced four times faster than the platform allows: a storm of 429s.
    pacer = Pacer(PacingRules(overall=Rate(40, burst=40)), now=time, sleep=time.sleep)
    dispatcher = Dispatcher(hw, {"fake": platform}, pacers={"fake": pacer})
    await drain(dispatcher, clock, rounds=60)
    keys = platform.keys()
    assert len(keys) == len(set(keys)) == 120
    assert platform.refusals and pacer.pauses == len(platform.refusals)
    for refused_at, retry_after in platform.refusals:
        assert not [t for t in platform.tried_at if refused_at < t < refused_at + retry_after]
    per_second = Counter(math.floor(t) for t in platform.accepted_at)
    assert max(per_second.values()) <= platform.limit


async def test_a_429_does_not_count_as_a_failed_try(
    hw: Hallway, clock: ManualClock, database: Database
) -> None:
    await fan_out(hw, 30)
    platform = Throttling(limit=5)
    pacer = Pacer(PacingRules(), now=platform.time, sleep=platform.time.sleep)
    dispatcher = Dispatcher(hw, {"fake": platform}, pacers={"fake": pacer})
    await drain(dispatcher, clock, rounds=40)
    assert {row.status for row in await rows(database)} == {DeliveryStatus.SENT}
    async with hw.uow() as uow:
        attempts = {d.attempts for d in await uow.outbox.by_fanout("remind")}
    assert attempts == {0}


async def test_a_platform_that_always_says_too_many_fails_after_bounded_tries(
    hw: Hallway, clock: ManualClock, database: Database
) -> None:
    await fan_out(hw, 1)
    platform = Throttling(limit=0)
    pacer = Pacer(PacingRules(), now=platform.time, sleep=platform.time.sleep)
    dispatcher = Dispatcher(hw, {"fake": platform}, pacers={"fake": pacer})
    await drain(dispatcher, clock, rounds=MAX_THROTTLED + 5)
    [row] = await rows(database)
    assert (row.status, row.last_error) == (DeliveryStatus.FAILED, "ratelimited")
    assert len(platform.tried_at) == MAX_THROTTLED + 1


async def test_a_429_that_lands_while_a_send_is_being_claimed_holds_that_send_too(
    hw: Hallway, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pacer lets a send through, the send claims its row (a database round trip), and
    meanwhile another call's 429 pauses the platform: the send waits for the pause to end."""
    await fan_out(hw, 1)
    platform = Throttling()
    time = platform.time
    pacer = Pacer(PacingRules(overall=Rate(40, burst=40)), now=time, sleep=time.sleep)
    claim = Sending._claim

    async def claim_during_a_storm(
        self: Sending, delivery: Delivery, token: str, address: str
    ) -> bool:
        claimed = await claim(self, delivery, token, address)
        pacer.pause(0.5)  # the 429 someone else just got
        return claimed

    monkeypatch.setattr(Sending, "_claim", claim_during_a_storm)
    await Dispatcher(hw, {"fake": platform}, pacers={"fake": pacer}).deliver_due()
    assert platform.tried_at == [0.5]
