"""Work after the ack: counted for a graceful stop, and run a few pieces at a time."""

from __future__ import annotations

import asyncio

from adapters.inflight import Inflight


async def test_work_is_counted_until_it_ends() -> None:
    inflight = Inflight()
    release = asyncio.Event()

    async def work() -> None:
        async with inflight.track():
            await release.wait()

    running = asyncio.create_task(work())
    await asyncio.sleep(0)
    assert inflight.count == 1
    waiting = asyncio.create_task(inflight.wait_idle())
    await asyncio.sleep(0)
    assert not waiting.done()
    release.set()
    await asyncio.wait_for(asyncio.gather(running, waiting), 5)
    assert inflight.count == 0


async def test_only_as_many_pieces_run_at_once_as_there_are_slots() -> None:
    inflight = Inflight(concurrency=2)
    release = asyncio.Event()
    running: list[int] = []
    most = 0

    async def work(number: int) -> None:
        nonlocal most
        async with inflight.slot():
            running.append(number)
            most = max(most, len(running))
            await release.wait()
            running.remove(number)

    tasks = [asyncio.create_task(work(number)) for number in range(5)]
    for _ in range(3):
        await asyncio.sleep(0)
    assert len(running) == 2
    release.set()
    await asyncio.wait_for(asyncio.gather(*tasks), 5)
    assert most == 2
