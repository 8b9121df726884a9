"""The bench's other side, in processes of its own (as Slack is, in production), so that only
the app being measured runs in the measuring process's event loop:

    python -m bench.slack_peers fake PEOPLE           # a fake Slack Web API; prints its port
    python -m bench.slack_peers load URL RESPOND_URL SECRET COUNT CONCURRENCY SEED PEOPLE CMD…
                                                       # signed commands; prints times as JSON
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
    fake.calls = _Discarded()  # a long run would otherwise keep every call in memory
    print(fake.port, flush=True)
    await asyncio.to_thread(sys.stdin.read)  # until the bench closes our stdin
    await fake.stop()


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
        send = SignedSlack(url, secret, session, respond_url)

        async def worker() -> None:
            while queue:
                command, user = queue.pop()
                started = time.perf_counter()
                answer = await send.command(command, user=user)
                times.append(time.perf_counter() - started)
                if answer.status != 200:
                    raise SystemExit(f"{command} answered {answer.status}: {answer.text}")

        await asyncio.gather(*(worker() for _ in range(concurrency)))
    print(json.dumps(times))


class _Discarded(list):  # type: ignore[type-arg]
    def append(self, item: object) -> None:
        pass


def main(argv: list[str]) -> None:
    if argv[0] == "fake":
        asyncio.run(serve_fake(int(argv[1])))
    else:
        url, respond_url, secret = argv[1:4]
        count, concurrency, seed, people = (int(value) for value in argv[4:8])
        asyncio.run(load(url, respond_url, secret, count, concurrency, seed, people, argv[8:]))


if __name__ == "__main__":
    main(sys.argv[1:])
