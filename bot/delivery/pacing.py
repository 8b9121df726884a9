"""Pacing: how fast Hallway may call one platform, as token buckets.

One `Pacer` per platform holds an overall bucket (every call), a bucket per conversation
(Slack allows about one message per second in a channel) and a bucket for direct messages
(Discord frowns on bots opening many DMs quickly). A 429 pauses the whole platform for the
time it asked, because the next message would only be refused too.

Pacing runs on real (monotonic) time even when the conference clock is simulated or manual:
the platforms' limits are in real seconds. Tests pass a fake `now` and `sleep`.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

Kind = str  # "direct" | "channel" | "edit" | "lookup"

# Waits shorter than this are rounding, not waits (0.1 s × 10/s is 0.9999999999999999 tokens).
_EPSILON = 1e-6
# A conversation bucket idle this long is full again and can be forgotten.
_FORGET_AFTER = 120.0
_PRUNE_ABOVE = 5_000


@dataclass(frozen=True)
class Rate:
    per_second: float
    burst: float = 1.0

    def __post_init__(self) -> None:
        if self.per_second <= 0 or self.burst < 1:
            raise ValueError("a rate needs a positive speed and a burst of at least 1")


@dataclass(frozen=True)
class PacingRules:
    overall: Rate | None = None  # every call to the platform
    per_conversation: Rate | None = None  # messages into one channel or DM
    direct: Rate | None = None  # direct messages, across people


class TokenBucket:
    def __init__(self, rate: Rate, now: float) -> None:
        self.rate = rate
        self.tokens = rate.burst
        self.stamp = now

    def wait(self, now: float) -> float:
        """Seconds until a token is there (0: one is there now)."""
        self._refill(now)
        return max(0.0, (1.0 - self.tokens) / self.rate.per_second)

    def take(self, now: float) -> None:
        self._refill(now)
        self.tokens -= 1.0

    def drain(self, now: float, until: float) -> None:
        """Empty, refilling only from `until` (a pause's end): no burst straight into a
        platform that just said no."""
        self._refill(now)
        self.tokens = min(self.tokens, 0.0)
        self.stamp = max(self.stamp, until)

    def idle(self, now: float) -> bool:
        return now - self.stamp > _FORGET_AFTER

    def _refill(self, now: float) -> None:
        elapsed = max(0.0, now - self.stamp)
        self.tokens = min(self.rate.burst, self.tokens + elapsed * self.rate.per_second)
        self.stamp = max(self.stamp, now)


class Pacer:
    def __init__(
        self,
        rules: PacingRules,
        *,
        now: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.rules = rules
        self._now = now
        self._sleep = sleep
        start = now()
        self._overall = TokenBucket(rules.overall, start) if rules.overall else None
        self._direct = TokenBucket(rules.direct, start) if rules.direct else None
        self._conversations: dict[str, TokenBucket] = {}
        self.paused_until = start
        self.pauses = 0
        self.waited = 0.0  # seconds spent waiting, for the figures

    async def acquire(self, kind: Kind, address: str = "") -> None:
        """Wait until a call of this kind may go out now, then count it."""
        while True:
            now = self._now()
            buckets = self._buckets(kind, address, now)
            wait = max([self.paused_until - now, *(bucket.wait(now) for bucket in buckets)])
            if wait <= _EPSILON:
                for bucket in buckets:
                    bucket.take(now)
                return
            self.waited += wait
            await self._sleep(wait)

    def pause_left(self) -> float:
        """Seconds until a pause (a 429) ends; 0 when calls may go."""
        return max(0.0, self.paused_until - self._now())

    async def hold(self) -> None:
        """Wait out a pause that began after this call was let through (another call's 429
        arrived meanwhile): a platform that just said no is not called again in the pause."""
        while (left := self.pause_left()) > _EPSILON:
            self.waited += left
            await self._sleep(left)

    def pause(self, seconds: float) -> None:
        """The platform said "too many requests": nothing goes out for `seconds`."""
        now = self._now()
        self.paused_until = max(self.paused_until, now + max(0.0, seconds))
        self.pauses += 1
        for bucket in (self._overall, self._direct, *self._conversations.values()):
            if bucket is not None:
                bucket.drain(now, self.paused_until)

    def _buckets(self, kind: Kind, address: str, now: float) -> list[TokenBucket]:
        chosen = [self._overall] if self._overall else []
        if kind == "direct" and self._direct:
            chosen.append(self._direct)
        if kind in ("direct", "channel", "edit") and self.rules.per_conversation and address:
            chosen.append(self._conversation(address, now))
        return chosen

    def _conversation(self, address: str, now: float) -> TokenBucket:
        bucket = self._conversations.get(address)
        if bucket is None:
            if len(self._conversations) > _PRUNE_ABOVE:
                self._forget_idle(now)
            assert self.rules.per_conversation is not None
            bucket = self._conversations[address] = TokenBucket(self.rules.per_conversation, now)
        return bucket

    def _forget_idle(self, now: float) -> None:
        for address in [key for key, bucket in self._conversations.items() if bucket.idle(now)]:
            del self._conversations[address]


def backoff(attempt: int, rng: random.Random, *, base: float = 2.0, cap: float = 300.0) -> float:
    """Seconds before try `attempt + 1` after a transient error: exponential, with "equal
    jitter" (half fixed, half random) so that a burst of failures does not retry in lockstep."""
    ceiling = min(cap, base * 2.0 ** max(0, attempt - 1))
    return ceiling / 2 + rng.uniform(0, ceiling / 2)
