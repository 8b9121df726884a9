"""The bench's other side, in processes of its own (as Slack is, in production), so that only
the app being measured runs in the measuring process's event loop:

    python -m bench.slack_peers fake PEOPLE           # a fake Slack Web API; prints its port
    python -m bench.slack_peers load URL RESPOND_URL SECRET COUNT CONCURRENCY SEED PEOPLE CMD…
                                                       # signed commands ("/programme day
                                                       # 2021-07-20": text after the first
                                                       # space); prints times as JSON
"""

from __future__ import annotations

import asyncio
import json
import random
import sys
import time

import aiohttp

from tests.adapters.slack.fake_slack import FakeSlack
from tests.adapters.slack.signed import SignedSlack


def user_id(number: int) -> str:
    return f"U{number:08d}"


async def serve_fake(people: int) -> None:
    fake = FakeSlack()
    await fake.start()
    for number in range(people):
        fake.add_user(user_id(number), f"person{number}@example.org", tz="Europe/Paris")
    counted = _Counted()
    fake.calls = counted  # a long run would otherwise keep every call in memory
    print(fake.port, flush=True)
    await asyncio.to_thread(sys.stdin.read)  # until the bench closes our stdin
    await fake.stop()
    counted.counts["refused as Slack would"] = len(fake.rejected)
    print(json.dumps(counted.counts), flush=True)


async def load(
    url: str,
    respond_url: str,
    secret: str,
    count: int,
    concurrency: int,
    seed: int,
    people: int,
    commands: list[str],
) -> None:
    picker = random.Random(seed)
    queue = [(commands[n % len(commands)], user_id(picker.randrange(people))) for n in range(count)]
    times: list[float] = []
    async with aiohttp.ClientSession() as session:
        send = SignedSlack(url, secret, session, respond_url, triggers=f"trigger{seed}")

        async def worker() -> None:
            while queue:
                typed, user = queue.pop()
                command, _, text = typed.partition(" ")  # "/programme day 2021-07-20"
                started = time.perf_counter()
                answer = await send.command(command, text, user=user)
                times.append(time.perf_counter() - started)
                if answer.status != 200:
                    raise SystemExit(f"{typed} answered {answer.status}: {answer.text}")

        await asyncio.gather(*(worker() for _ in range(concurrency)))
    print(json.dumps(times))


class _Counted(list):  # type: ignore[type-arg]
    """Calls counted by method, not kept."""

    def __init__(self) -> None:
        super().__init__()
        self.counts: dict[str, int] = {}

    def append(self, item: object) -> None:
        method = str(getattr(item, "method", "?"))
        self.counts[method] = self.counts.get(method, 0) + 1


def main(argv: list[str]) -> None:
    if argv[0] == "fake":
        asyncio.run(serve_fake(int(argv[1])))
    else:
        url, respond_url, secret = argv[1:4]
        count, concurrency, seed, people = (int(value) for value in argv[4:8])
        asyncio.run(load(url, respond_url, secret, count, concurrency, seed, people, argv[8:]))


if __name__ == "__main__":
    main(sys.argv[1:])
