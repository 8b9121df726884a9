"""The mention lookup of answers: read once per person per minute, then again."""

from __future__ import annotations

from collections.abc import Sequence

from adapters.discord.mention_cache import MentionCache


class Ticks:
    now = 0.0

    def __call__(self) -> float:
        return self.now


async def test_people_are_read_once_then_remembered_until_the_minute_is_over() -> None:
    reads: list[list[int]] = []
    ticks = Ticks()

    async def read(wanted: Sequence[int]) -> dict[int, str]:
        reads.append(list(wanted))
        return {1: "U1"}

    cache = MentionCache(clock=ticks)
    assert await cache.lookup([1, 2], read) == {1: "U1"}
    assert await cache.lookup([2, 1, 3], read) == {1: "U1"}
    ticks.now = 61.0
    assert await cache.lookup([1], read) == {1: "U1"}
    assert reads == [[1, 2], [3], [1]]
