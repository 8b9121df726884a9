"""CPU of the core's part of each kind of load request, measured in-process, one at a time:
who is this (`identify`, linking on first sight as Slack does), the command or button, and the
mentions for the answer. No platform, no network: what Hallway itself costs per request.

    python -m bench.profile_requests [COUNT] [--profile OUT]

On the load benches' dataset (10,000 participants, SQLite in a temporary folder). Prints the
main thread's CPU per request by kind; `--profile` writes cProfile stats
(CPU time) for `python -m pstats`. For finding waste, not a figure for RELIABILITY.md.
"""

from __future__ import annotations

import asyncio
import cProfile
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path
from tempfile import TemporaryDirectory

from bench.bench_load_slack import BUTTONS, COMMANDS
from bench.load_data import ZONE, Size, conference, seed
from bench.load_mix import Planned, plan
from bot.app import Hallway
from bot.commands import build_router
from bot.commands.registry import Router
from bot.errors import HallwayError
from bot.interaction import Actor, Outcome, Reply
from bot.messages import Person
from bot.services.accounts import platform_user_ids
from bot.services.identity import identify
from storage import connect
from storage.migrate import upgrade


async def one(hw: Hallway, router: Router, item: Planned) -> None:
    user = f"U{item.person:08d}"
    actor = await identify(
        hw,
        "slack",
        user,
        name=f"Person {item.person}",
        email=f"person{item.person}@example.org",
        zone=ZONE,
    )
    try:
        outcome = await _act(hw, router, actor, item)
    except HallwayError:
        return  # answered with its message (e.g. the call for socials has closed)
    if isinstance(outcome, Reply):
        people = {
            part.participant_id
            for block in outcome.message.blocks
            for parts in getattr(block, "lines", ())
            for part in parts
            if isinstance(part, Person)
        }
        if people:
            await platform_user_ids(hw, "slack", people)


async def _act(hw: Hallway, router: Router, actor: Actor, item: Planned) -> Outcome:
    name = item.kind.name
    if name in COMMANDS:
        command, text = COMMANDS[name]
        return await router.run_text(hw, actor, command[1:], text.format(target=item.target))
    if name in BUTTONS:
        return await router.press(hw, actor, BUTTONS[name], str(item.target))
    values = {"note": "Load test"}
    return await router.submit(hw, actor, "mentoring.book", values, str(item.target))


async def main(count: int, profile_to: str | None) -> None:
    with TemporaryDirectory() as folder:
        await measure(Path(folder) / "profile.db", count, profile_to)


async def measure(db_path: Path, count: int, profile_to: str | None) -> None:
    database = connect(f"sqlite:///{db_path}")
    try:
        await upgrade(database)
        hw = await conference(database)
        targets = await seed(hw, Size())
        router = build_router()
        items = plan(targets, count)
        for item in items[:20]:  # warm the statement caches
            await one(hw, router, item)
        spent: dict[str, list[float]] = defaultdict(list)
        profile = cProfile.Profile(time.thread_time) if profile_to else None
        for item in items[20:]:
            if profile:
                profile.enable()
            started = time.thread_time()
            await one(hw, router, item)
            spent[item.kind.name].append(time.thread_time() - started)
            if profile:
                profile.disable()
        if profile and profile_to:
            profile.dump_stats(profile_to)
    finally:
        await database.dispose()
    every = [value for values in spent.values() for value in values]
    print(f"{len(every)} requests, mean {statistics.mean(every) * 1000:.2f} ms CPU each")
    for name, values in sorted(spent.items(), key=lambda kv: -statistics.mean(kv[1])):
        print(f"  {name:18s} n={len(values):4d}  mean {statistics.mean(values) * 1000:6.2f} ms")


if __name__ == "__main__":
    args = sys.argv[1:]
    out = None
    if "--profile" in args:
        at = args.index("--profile")
        out = args[at + 1]
        del args[at : at + 2]
    asyncio.run(main(int(args[0]) if args else 1000, out))
