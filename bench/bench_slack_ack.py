"""Slack ack latency: time from a signed slash command to Hallway's HTTP answer (the ack),
for `/social` (which opens the submission modal with views.open) and `/programme day …` (a day
of the programme: 300 accepted socials over the week), with 10,000 registered participants in
SQLite, at concurrency 20.

Baseline, in the same run and over the same transport (aiohttp listener, bolt, signed requests,
the same fake Slack Web API): a bare bolt `AsyncApp` whose listener only acks. Target: Hallway's
p99 at most 2x the bare app's, and far under Slack's 3 s.

Both apps run here; Slack's side runs in other processes (`bench.slack_peers`): the fake Web
API, and the load, which times each request as Slack would. Every request comes from another
participant, so Hallway also pays, after each ack and on the same event loop, a `users.info`,
an account link (a database write) and the answer: the modal, or the day's listing.
"""

from __future__ import annotations

import asyncio
import gc
import json
import re
import statistics
import sys
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy import func, select

from adapters.slack.service import SlackService
from adapters.slack.transport import attach
from adapters.web import WebServer
from bench.bench_import import registrations_csv
from bench.common import ROOT, fresh_sqlite, icml_hallway
from bot import bootstrap
from bot.app import Hallway
from bot.commands import build_router
from bot.config import Settings
from bot.domain.socials import Category, Consent, Decision, Social, SocialLead, SocialSlot
from bot.services.participants import import_participants
from storage.tables import accounts

PARTICIPANTS = 10_000
REQUESTS = 500  # per app and round: short rounds, so noise on the machine hits both alike
ROUNDS = 8
CONCURRENCY = 20
WARMUP = 200
COMMANDS = ("/social", "/programme day 2021-07-20")
SOCIALS = 300
FIRST_DAY = datetime(2021, 7, 18, 13, 0, tzinfo=UTC)
SECRET = "bench-signing-secret"


async def run(
    commands: Sequence[str] = COMMANDS, requests: int = REQUESTS, rounds: int = ROUNDS
) -> None:
    times: dict[str, list[float]] = {"bare": [], "hallway": []}
    served: dict[str, int] = {}
    async with fake_slack(served) as api_port, fresh_sqlite() as (database, _path):
        hw = replace(await icml_hallway(database), platforms=("slack",))
        await import_participants(hw, registrations_csv(PARTICIPANTS))
        await seed_programme(hw, SOCIALS)
        api_url = f"http://127.0.0.1:{api_port}/api/"
        respond_url = f"http://127.0.0.1:{api_port}/respond/bench"
        runtime = bootstrap.Runtime(_settings(api_url), database, hw, build_router())
        async with serve_hallway(runtime) as (hallway_port, service), serve_bare(api_url) as bare:
            ports = {"bare": bare, "hallway": hallway_port}
            for seed, (target, count) in enumerate(_schedule(rounds, requests)):
                url = f"http://127.0.0.1:{ports[target]}/slack/events"
                measured = await _load(url, respond_url, commands, count, seed)
                if count != WARMUP:
                    times[target] += measured
                # Neither app pays for the other: no work left over, no garbage left to collect.
                await service.ctx.inflight.wait_idle()
                gc.collect()
        async with database.engine.connect() as connection:
            linked = await connection.scalar(select(func.count()).select_from(accounts))
    _report(times, commands)
    print(
        f"(hallway linked {linked:,} Slack accounts by e-mail while it answered; Slack saw ", end=""
    )
    print(", ".join(f"{count:,} {method}" for method, count in sorted(served.items())) + ")")


async def seed_programme(hw: Hallway, count: int) -> None:
    """Accepted, released socials led by the first participants, a few each hour of the week."""
    async with hw.uow() as uow:
        people = await uow.participants.get_many(list(range(1, 2 * count + 1)))
        leads = [person.id for person in people]
        for n in range(count):
            start = FIRST_DAY + timedelta(hours=(n * 7) % (7 * 24))
            uow.socials.add(_accepted(hw, f"Social {n}", leads[2 * n : 2 * n + 2], start))
        await uow.commit()


def _accepted(hw: Hallway, title: str, leads: list[int], start: datetime) -> Social:
    return Social(
        event_id=hw.event.id,
        title=title,
        description="A benchmark social",
        category=Category.RESEARCH,
        duration_minutes=120,
        submitted_by=leads[0],
        submitted_at=hw.now(),
        conduct_acknowledged=True,
        leads=[
            SocialLead(pid, Consent.CONFIRMED, is_submitter=not i) for i, pid in enumerate(leads)
        ],
        slots=[SocialSlot(start, 0)],
        decision=Decision.ACCEPTED,
        released_at=hw.now(),
    )


def _schedule(rounds: int, requests: int) -> list[tuple[str, int]]:
    """A warm-up for each app, then short rounds of both, taking turns at going first."""
    order = ("bare", "hallway")
    phases = [(target, WARMUP) for target in order]
    for number in range(rounds):
        phases += [(target, requests) for target in (order if number % 2 == 0 else order[::-1])]
    return phases


def _settings(api_url: str) -> Settings:
    return Settings(
        host="127.0.0.1",
        port=0,
        slack_bot_token="xoxb-bench",
        slack_signing_secret=SECRET,
        slack_api_url=api_url,
    )


@asynccontextmanager
async def fake_slack(served: dict[str, int] | None = None) -> AsyncIterator[int]:
    """The fake Web API in its own process; `served` receives how many calls of each method it
    answered (and how many it refused as Slack would), once it stops."""
    peer = await _peer("fake", str(PARTICIPANTS), stdin=asyncio.subprocess.PIPE)
    assert peer.stdout is not None and peer.stdin is not None
    port = int((await peer.stdout.readline()).decode())
    try:
        yield port
    finally:
        peer.stdin.close()
        counts = json.loads((await peer.stdout.readline()).decode() or "{}")
        await peer.wait()
        if served is not None:
            served.update(counts)


async def _load(
    url: str, respond_url: str, commands: Sequence[str], count: int, seed: int
) -> list[float]:
    numbers = (count, CONCURRENCY, seed, PARTICIPANTS)
    peer = await _peer("load", url, respond_url, SECRET, *map(str, numbers), *commands)
    out, _ = await peer.communicate()
    if peer.returncode != 0:
        raise RuntimeError(f"load generator failed ({peer.returncode})")
    times: list[float] = json.loads(out)
    return times


async def _peer(*args: str, stdin: int | None = None) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bench.slack_peers",
        *args,
        cwd=ROOT,
        stdin=stdin,
        stdout=asyncio.subprocess.PIPE,
    )


@asynccontextmanager
async def serve_hallway(runtime: bootstrap.Runtime) -> AsyncIterator[tuple[int, SlackService]]:
    ready: asyncio.Future[tuple[int, SlackService]] = asyncio.get_running_loop().create_future()
    task = asyncio.create_task(
        bootstrap.serve_slack(runtime, listening=lambda *found: ready.set_result(found))
    )
    try:
        yield await ready
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)


@asynccontextmanager
async def serve_bare(api_url: str) -> AsyncIterator[int]:
    client = AsyncWebClient(token="xoxb-bench", base_url=api_url)
    app = AsyncApp(client=client, signing_secret=SECRET)

    async def only_ack(ack: AsyncAck) -> None:
        await ack()

    app.command(re.compile(r"^/"))(only_ack)
    web = WebServer()
    attach(app, web, None, SECRET)
    try:
        yield await web.start("127.0.0.1", 0)
    finally:
        await web.stop()


def _percentile(times: list[float], share: float) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def _report(times: dict[str, list[float]], commands: Sequence[str]) -> None:
    bare, hallway = times["bare"], times["hallway"]
    ratio = _percentile(hallway, 0.99) / _percentile(bare, 0.99)
    print(f"{', '.join(commands)}: {PARTICIPANTS:,} participants, concurrency {CONCURRENCY}")
    for name, measured in (("bare bolt (ack only)", bare), ("hallway", hallway)):
        print(
            f"{name:<22} p50 {statistics.median(measured) * 1000:6.1f} ms   "
            f"p99 {_percentile(measured, 0.99) * 1000:6.1f} ms   n={len(measured)}"
        )
    verdict = "met" if ratio <= 2 and _percentile(hallway, 0.99) < 3 else "MISSED"
    print(f"p99 hallway / bare: {ratio:.2f}   (target <= 2 and far under 3 s: {verdict})")
