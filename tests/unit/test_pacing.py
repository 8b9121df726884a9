"""Token buckets per platform, per conversation and for direct messages, on fake time."""

from __future__ import annotations

import asyncio
import random

import pytest

from bot.delivery.pacing import Pacer, PacingRules, Rate, backoff
from tests.faketime import FakeTime


def pacer(rules: PacingRules, time: FakeTime) -> Pacer:
    return Pacer(rules, now=time, sleep=time.sleep)


async def times_of(pacer: Pacer, time: FakeTime, calls: list[tuple[str, str]]) -> list[float]:
    stamps = []
    for kind, address in calls:
        await pacer.acquire(kind, address)
        stamps.append(round(time.now, 3))
    return stamps


async def test_a_burst_goes_at_once_then_the_steady_rate() -> None:
    time = FakeTime()
    paced = pacer(PacingRules(overall=Rate(2, burst=3)), time)
    stamps = await times_of(paced, time, [("channel", "c")] * 6)
    assert stamps == [0.0, 0.0, 0.0, 0.5, 1.0, 1.5]


async def test_each_conversation_has_its_own_pace() -> None:
    time = FakeTime()
    paced = pacer(PacingRules(per_conversation=Rate(1)), time)
    stamps = await times_of(paced, time, [("channel", "a"), ("channel", "b"), ("channel", "a")])
    assert stamps == [0.0, 0.0, 1.0]


async def test_direct_messages_share_a_budget_of_their_own() -> None:
    time = FakeTime()
    paced = pacer(PacingRules(direct=Rate(0.5)), time)
    calls = [("direct", "u1"), ("channel", "c"), ("direct", "u2"), ("channel", "c")]
    assert await times_of(paced, time, calls) == [0.0, 0.0, 2.0, 2.0]


async def test_a_429_pauses_the_whole_platform_and_no_burst_follows() -> None:
    time = FakeTime()
    paced = pacer(PacingRules(overall=Rate(10, burst=10)), time)
    paced.pause(5)
    stamps = await times_of(paced, time, [("direct", "u1"), ("channel", "c"), ("edit", "m")])
    assert stamps == [5.1, 5.2, 5.3]
    assert paced.pauses == 1


async def test_waiting_senders_do_not_slip_through_a_pause() -> None:
    time = FakeTime()
    paced = pacer(PacingRules(overall=Rate(1)), time)
    await paced.acquire("channel", "c")
    sent: list[float] = []

    async def send(address: str) -> None:
        await paced.acquire("channel", address)
        sent.append(time.now)

    waiting = [asyncio.create_task(send(f"c{n}")) for n in range(3)]
    await asyncio.sleep(0)
    paced.pause(30)
    await asyncio.gather(*waiting)
    assert min(sent) >= 30


async def test_many_concurrent_senders_never_exceed_the_rate() -> None:
    time = FakeTime()
    paced = pacer(PacingRules(overall=Rate(50, burst=10)), time)
    sent: list[float] = []

    async def send(n: int) -> None:
        await paced.acquire("direct", f"u{n}")
        sent.append(time.now)

    await asyncio.gather(*(send(n) for n in range(1000)))
    for second in range(int(max(sent)) + 1):
        assert sum(1 for t in sent if second <= t < second + 1) <= 50 + 10
    assert max(sent) == pytest.approx((1000 - 10) / 50, abs=0.05)


def test_backoff_doubles_with_jitter_up_to_a_cap() -> None:
    rng = random.Random(1)
    for attempt, ceiling in [(1, 2.0), (2, 4.0), (3, 8.0), (12, 300.0)]:
        waits = {backoff(attempt, rng) for _ in range(50)}
        assert all(ceiling / 2 <= wait <= ceiling for wait in waits)
        assert len(waits) > 40


def test_a_rate_must_be_positive() -> None:
    with pytest.raises(ValueError, match="positive"):
        Rate(0)


async def test_a_pause_that_began_after_a_call_was_let_through_is_waited_out() -> None:
    time = FakeTime()
    paced = pacer(PacingRules(overall=Rate(10, burst=10)), time)
    await paced.acquire("direct", "U1")  # let through at t=0
    paced.pause(0.75)  # another call's 429 arrives before this one is sent
    assert paced.pause_left() == 0.75
    await paced.hold()
    assert time() == 0.75
    assert paced.pause_left() == 0.0
