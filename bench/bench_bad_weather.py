"""A reminder wave of a few thousand through a minute of bad weather on both platforms: the
fake Slack and the fake Discord REST answer 429 storms (Retry-After), 5xx, answers lost after
doing the work, and requests held past the 10 s client timeout. Real dispatcher, real
messengers (slack-sdk, aiohttp), real pacer and clocks, SQLite.

Figures: messages at each platform (and duplicates, which must be 0), the bad answers given,
retries recorded, the time to drain after the weather clears, the chairs' "n of m delivered".
Baseline in the same run: the same wave in clear weather.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from dataclasses import dataclass, replace

from sqlalchemy import func, select

from adapters.discord.messenger import DiscordMessenger
from adapters.discord.rest import DiscordRest
from adapters.slack.app import web_client
from adapters.slack.messenger import SlackMessenger
from bench.common import fresh_sqlite, icml_hallway
from bot.app import Hallway
from bot.clock import SystemClock
from bot.delivery.attempts import SendPolicy
from bot.delivery.dispatcher import Dispatcher
from bot.delivery.outbox import tell_person
from bot.delivery.pacing import Pacer, PacingRules, Rate
from bot.domain.delivery import DeliveryStatus
from bot.domain.participants import Account, Role
from bot.messages import message
from bot.ports import Registration
from bot.services.deliveries import fanout_status
from bot.services.identity import identify
from storage import Database
from storage.tables import outbox
from tests.adapters.discord.fake_discord import FakeDiscord
from tests.adapters.slack.fake_slack import FakeSlack
from tests.adapters.weather import Weather, hang, lost_answer, server_error, throttled

PEOPLE = 1_500  # each reminded on Slack and on Discord: 3,000 messages
STORM_SECONDS = 60.0
BAD_SHARE = 0.35  # of the requests during the storm
RATE = 100.0  # calls per second per platform (the fakes' capacity; production paces lower)
FANOUT = "remind:bench-storm"
MIX = [
    (throttled(retry_after=2), 5.0),
    (server_error(503), 2.0),
    (lost_answer(502), 2.0),
    (hang(12.0, done=True), 0.5),
    (hang(12.0), 0.5),
]
PATIENCE = 600.0


@dataclass
class Figures:
    slack: Counter[str]  # key → times received
    discord: Counter[str]
    bad: Counter[str]  # bad answers given, by kind
    statuses: Counter[str]
    attempts: int
    throttled: int
    storm_seconds: float
    total_seconds: float
    delivered: int
    meant_for: int

    @property
    def drain_after_storm(self) -> float:
        return max(0.0, self.total_seconds - self.storm_seconds)


async def setup(database: Database) -> tuple[Hallway, dict[int, str]]:
    hw = replace(await icml_hallway(database), clock=SystemClock(), platforms=("slack", "discord"))
    rows = [Registration(f"p{n}@example.org", f"P{n}", None, frozenset()) for n in range(PEOPLE)]
    chair = Registration("chair@example.org", "Chair", None, frozenset({Role.CHAIR}))
    async with database.uow() as uow:
        await uow.participants.upsert_registrations(hw.event.id, [*rows, chair])
        await uow.commit()
    users: dict[int, str] = {}
    async with database.uow() as uow:
        for n, row in enumerate(rows):
            found = await uow.participants.by_email(hw.event.id, row.email)
            assert found is not None
            users[found.id] = f"{n:06d}"
            uow.accounts.add(Account(hw.event.id, found.id, "slack", f"U{n:06d}"))
            uow.accounts.add(Account(hw.event.id, found.id, "discord", f"88{n:016d}"))
        await uow.commit()
    return hw, users


async def queue_wave(hw: Hallway, users: dict[int, str]) -> None:
    async with hw.uow() as uow:
        for pid in users:
            reminder = message("Starts soon", "Quiz night")
            await tell_person(hw, uow, pid, reminder, FANOUT, fanout=FANOUT)
        await uow.commit()


async def run_wave(stormy: bool) -> Figures:
    async with fresh_sqlite() as (database, _):
        hw, users = await setup(database)
        slack, discord = FakeSlack(), FakeDiscord()
        await slack.start()
        await discord.start()
        for n in users.values():
            slack.add_user(f"U{n}", f"p{int(n)}@example.org")
        rest = DiscordRest("token", discord.api_url)
        messengers = {
            "slack": SlackMessenger(web_client("xoxb-bench", slack.api_url)),
            "discord": DiscordMessenger(rest, discord.guild_id),
        }
        pacers = {name: Pacer(PacingRules(overall=Rate(RATE, burst=10))) for name in messengers}
        dispatcher = Dispatcher(hw, messengers, pacers=pacers, policy=SendPolicy())
        await queue_wave(hw, users)
        weathers = [Weather(MIX, share=BAD_SHARE, seed=seed) for seed in (1, 2)] if stormy else []
        if weathers:
            slack.weather, discord.weather = weathers
        started = time.monotonic()
        running = asyncio.create_task(dispatcher.run(poll_seconds=0.5))
        storm_end = started + (STORM_SECONDS if stormy else 0.0)
        try:
            while await _unsettled(database):
                if time.monotonic() >= storm_end:
                    for weather in weathers:
                        weather.clear()
                if time.monotonic() - started > PATIENCE:
                    raise TimeoutError("the wave did not drain")
                await asyncio.sleep(0.25)
            total = time.monotonic() - started
        finally:
            dispatcher.stop()
            await running
            await rest.close()
            await slack.stop()
            await discord.close()
        chair = await identify(hw, "slack", "UCHAIR", name="Chair", email="chair@example.org")
        view = await fanout_status(hw, chair, FANOUT)
        attempts, throttled_count = await _tries(database)
        return Figures(
            slack=Counter(_slack_keys(slack)),
            discord=Counter(_discord_channels(discord)),
            bad=sum((w.seen for w in weathers), Counter()),
            statuses=await _statuses(database),
            attempts=attempts,
            throttled=throttled_count,
            storm_seconds=STORM_SECONDS if stormy else 0.0,
            total_seconds=total,
            delivered=view.delivered,
            meant_for=view.meant_for,
        )


def _slack_keys(fake: FakeSlack) -> list[str]:
    return [
        posted["metadata"]["event_payload"]["key"]
        for channel in fake.messages.values()
        for posted in channel
        if posted.get("metadata")
    ]


def _discord_channels(fake: FakeDiscord) -> list[str]:
    """One entry per reminder in a DM channel (a person's DM channel stands for the key)."""
    return [posted["channel_id"] for posted in fake.messages.values()]


async def _unsettled(database: Database) -> int:
    counts = await _statuses(database)
    return counts[DeliveryStatus.PENDING] + counts[DeliveryStatus.SENDING]


async def _statuses(database: Database) -> Counter[str]:
    query = select(outbox.c.status, func.count()).group_by(outbox.c.status)
    async with database.engine.connect() as connection:
        return Counter({str(s): n for s, n in (await connection.execute(query)).all()})


async def _tries(database: Database) -> tuple[int, int]:
    query = select(func.sum(outbox.c.attempts), func.sum(outbox.c.throttled))
    async with database.engine.connect() as connection:
        attempts, throttled_count = (await connection.execute(query)).one()
    return int(attempts or 0), int(throttled_count or 0)


def _report(title: str, figures: Figures) -> None:
    twice = {
        name: sum(n - 1 for n in received.values() if n > 1)
        for name, received in (("slack", figures.slack), ("discord", figures.discord))
    }
    print(f"{title}:")
    print(
        f"  received: slack {sum(figures.slack.values()):,} ({len(figures.slack):,} keys), "
        f"discord {sum(figures.discord.values()):,} ({len(figures.discord):,} DM channels) "
        f"of {PEOPLE:,} each; duplicates slack {twice['slack']}, discord {twice['discord']}"
    )
    print(
        f"  outbox: {dict(figures.statuses)}; failed tries {figures.attempts:,}, "
        f"429s recorded {figures.throttled:,}"
    )
    if figures.bad:
        print(f"  bad answers given: {dict(figures.bad)} (total {sum(figures.bad.values()):,})")
    print(
        f"  drained in {figures.total_seconds:.1f} s "
        f"({figures.drain_after_storm:.1f} s after the weather cleared)"
    )
    print(f"  chairs read: {figures.delivered:,} of {figures.meant_for:,} delivered")


async def run() -> None:
    clear = await run_wave(stormy=False)
    _report(f"baseline: clear weather, {2 * PEOPLE:,} deliveries at {RATE:g}/s per platform", clear)
    storm = await run_wave(stormy=True)
    share = f"{BAD_SHARE:.0%}"
    _report(f"a {STORM_SECONDS:g} s storm ({share} of requests answered badly)", storm)
