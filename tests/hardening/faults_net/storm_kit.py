"""A fan-out under bad weather, driven by manual clocks: the conference's (when things fall
due) and the wall's (leases, the pacer, the storm's length, Slack's timestamps) move together,
and a pacer that waits moves them. Nothing here sleeps on real time but a held request."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from bot.app import Hallway
from bot.clock import ManualClock
from bot.delivery.dispatcher import Dispatcher
from bot.delivery.outbox import tell_person
from bot.delivery.pacing import Pacer, PacingRules, Rate
from bot.domain.delivery import DeliveryStatus
from bot.domain.participants import Role
from bot.messages import message
from bot.services.deliveries import FanoutStatus, fanout_status
from storage import Database
from storage.tables import outbox
from tests.factories import actor, register

FANOUT = "remind:storm"
STEP = timedelta(seconds=1)
OVERALL = Rate(50, burst=10)  # calls per second to one platform


@dataclass
class Simulation:
    conference: ManualClock
    wall: ManualClock

    @classmethod
    def starting(cls, conference: ManualClock) -> Simulation:
        """The wall starts at the real now: Discord's nonce window is judged on real time."""
        return cls(conference, ManualClock(datetime.now(UTC)))

    def seconds(self) -> float:
        return self.wall.now().timestamp()

    def advance(self, delta: timedelta) -> None:
        self.conference.advance(delta)
        self.wall.advance(delta)

    async def sleep(self, seconds: float) -> None:
        """A pacer's wait: time moves on to its end (concurrent waits overlap, not add up)."""
        target = self.wall.now() + timedelta(seconds=max(0.0, seconds))
        await asyncio.sleep(0)  # let the calls already let through leave first
        if self.wall.now() < target:
            self.advance(target - self.wall.now())

    def pacer(self) -> Pacer:
        """Paced on the simulated wall. Only the overall rate: the slow per-DM buckets would
        move the clock on while earlier calls are still on their way."""
        return Pacer(PacingRules(overall=OVERALL), now=self.seconds, sleep=self.sleep)

    def until(self, seconds: float) -> float:
        """The wall instant `seconds` from now, as a storm's `until`."""
        return self.seconds() + seconds


async def fan_out(hw: Hallway, people: Iterable[int], title: str = "Starts soon") -> list[str]:
    """One reminder to each person, as a reminder wave queues them; returns the keys."""
    keys = []
    async with hw.uow() as uow:
        for person in people:
            await tell_person(hw, uow, person, message(title, "Quiz night"), FANOUT, fanout=FANOUT)
            keys.append(f"{FANOUT}>p{person}")
        await uow.commit()
    return keys


async def drain(
    sim: Simulation,
    dispatcher: Dispatcher,
    database: Database,
    *,
    rounds: int = 400,
    step: timedelta = STEP,
) -> float:
    """Deliver until nothing is pending or in doubt; returns the simulated seconds it took."""
    started = sim.seconds()
    for _ in range(rounds):
        await dispatcher.deliver_due()
        if not await unsettled(database):
            return sim.seconds() - started
        sim.advance(step)
    raise AssertionError(f"still unsettled after {rounds} rounds: {await statuses(database)}")


async def statuses(database: Database) -> Counter[DeliveryStatus]:
    query = select(outbox.c.status, func.count()).group_by(outbox.c.status)
    async with database.engine.connect() as connection:
        found = (await connection.execute(query)).all()
    return Counter({DeliveryStatus(status): count for status, count in found})


async def unsettled(database: Database) -> int:
    counts = await statuses(database)
    return counts[DeliveryStatus.PENDING] + counts[DeliveryStatus.SENDING]


async def tries(database: Database) -> tuple[int, int]:
    """(failed tries, 429s) recorded on the deliveries."""
    query = select(func.sum(outbox.c.attempts), func.sum(outbox.c.throttled))
    async with database.engine.connect() as connection:
        attempts, throttled = (await connection.execute(query)).one()
    return int(attempts or 0), int(throttled or 0)


async def chairs_view(hw: Hallway) -> FanoutStatus:
    """What a chair reads: "n of m delivered"."""
    await register(hw, "chair@example.org", "Chair", Role.CHAIR)
    chair = await actor(hw, "chair@example.org")
    return await fanout_status(hw, chair, FANOUT)


def duplicates(keys: Iterable[str]) -> dict[str, int]:
    """Keys received more than once, with how many times."""
    return {key: n for key, n in Counter(keys).items() if n > 1}


def assert_each_once(expected: Iterable[str], received: Iterable[str]) -> None:
    """Every expected key received exactly once, and nothing else."""
    got = list(received)
    assert duplicates(got) == {}
    assert sorted(got) == sorted(expected)
