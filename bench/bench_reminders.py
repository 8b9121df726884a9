"""10,000 reminders due in the same minute, against a fake platform that answers 429 above R
messages per second (SQLite, the real scheduler: APScheduler tick, derivation, pacing).

Targets: all delivered, none twice; above the limit, throughput at least 90% of R; below the
limit, lateness (arrival at the platform minus due time) p99 under 2 s.

Baselines, in the same run: R itself, and the same burst sent unpaced (no pacer), whose 429
count and failures show what the pacer saves.
"""

from __future__ import annotations

import asyncio
import shutil
import time
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from tempfile import TemporaryDirectory

from sqlalchemy import func, select

from bench.common import ROOT
from bot.app import Hallway
from bot.clock import SystemClock
from bot.delivery.pacing import Pacer, PacingRules, Rate
from bot.domain.delivery import DeliveryStatus
from bot.domain.participants import Account
from bot.domain.socials import Category, Consent, Decision, Rsvp, Social, SocialLead, SocialSlot
from bot.event import Event, ReminderRules, load_event_file
from bot.ports import Registration
from bot.scheduling.scheduler import Scheduler
from bot.scheduling.social_reminders import SocialSlotSource
from storage import Database, connect
from storage.migrate import upgrade
from storage.tables import outbox
from tests.fake_platform import FakePlatform, LoopbackMessenger

PEOPLE = 10_000
SOCIALS = 100  # 100 going to each
LEADS = 2 * SOCIALS
ABOVE = 200.0  # R for the burst: 10,000 due at once is 50 s of the platform's capacity
BELOW = 400.0  # R for the spread: 10,000 over a minute is 167 per second
TIMEOUT = 240.0


@dataclass
class Figures:
    delivered: int
    duplicates: int
    refused: int
    failed: int
    seconds: float  # first arrival to last
    lateness: list[float]

    @property
    def throughput(self) -> float:
        return self.delivered / self.seconds if self.seconds else 0.0

    def p(self, share: float) -> float:
        ordered = sorted(self.lateness)
        return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


async def build_template(path: Path) -> None:
    """People, accounts, and 100 socials on the programme with 100 going to each; slots are
    placed per run (`place_slots`)."""
    database = connect(f"sqlite:///{path}")
    await upgrade(database)
    event = await _event(database)
    rows = [Registration(f"p{n}@example.org", f"P{n}", None, frozenset()) for n in range(PEOPLE)]
    leads = [Registration(f"l{n}@example.org", f"L{n}", None, frozenset()) for n in range(LEADS)]
    async with database.uow() as uow:
        await uow.participants.upsert_registrations(event.id, rows + leads)
        await uow.commit()
    async with database.uow() as uow:
        everyone = [await uow.participants.by_email(event.id, r.email) for r in rows + leads]
        ids = [person.id for person in everyone if person is not None]
        for pid in ids:
            uow.accounts.add(Account(event.id, pid, "loopback", f"u{pid}"))
        await uow.commit()
    await _socials(database, event, ids[:PEOPLE], ids[PEOPLE:])
    await database.dispose()


async def _event(database: Database) -> Event:
    config = load_event_file(ROOT / "examples" / "icml2021.toml")
    # Leads are reminded 5 minutes before: after the wave measured here.
    config = replace(config, reminders=ReminderRules(leads=(5,), attendees=(15,)))
    async with database.uow() as uow:
        event = await uow.events.save(config)
        await uow.commit()
    return event


async def _socials(database: Database, event: Event, crowd: list[int], leads: list[int]) -> None:
    later = datetime(2100, 1, 1, tzinfo=UTC)
    async with database.uow() as uow:
        for number in range(SOCIALS):
            pair = leads[2 * number : 2 * number + 2]
            social = Social(
                event_id=event.id,
                title=f"Social {number}",
                description="",
                category=Category.GATHERING,
                duration_minutes=120,
                submitted_by=pair[0],
                submitted_at=later,
                leads=[SocialLead(pid, Consent.CONFIRMED) for pid in pair],
                slots=[SocialSlot(later)],
                decision=Decision.ACCEPTED,
                released_at=later,
            )
            uow.socials.add(social)
        await uow.commit()
        socials = await uow.socials.for_event(event.id)
        for number, social in enumerate(socials):
            for pid in crowd[number * 100 : (number + 1) * 100]:
                uow.rsvps.add(Rsvp(social.slots[0].id, pid, later))
        await uow.commit()


async def place_slots(
    database: Database, event: Event, first_due: datetime, spread: float
) -> dict[int, float]:
    """Slot starts so that the attendees' reminders fall due from `first_due`, evenly over
    `spread` seconds. Returns each slot's reminders' due time (a POSIX timestamp)."""
    dues = {}
    async with database.uow() as uow:
        for number, social in enumerate(await uow.socials.for_event(event.id)):
            due = first_due + timedelta(seconds=spread * number / SOCIALS)
            slot = social.slots[0]
            slot.start = due + timedelta(minutes=15)
            dues[slot.id] = due.timestamp()
        await uow.commit()
    return dues


async def run_once(
    template: Path, folder: Path, limit: float, paced: bool, spread: float
) -> Figures:
    path = folder / f"run-{limit:g}-{paced}-{spread:g}.db"
    shutil.copy(template, path)
    database = connect(f"sqlite:///{path}")
    platform = FakePlatform(limit=limit)
    await platform.start()
    messenger = LoopbackMessenger(platform.url)
    async with database.uow() as uow:
        event = await uow.events.by_slug("icml2021")
    assert event is not None
    hw = Hallway(database.uow, SystemClock(), event, ("loopback",))
    dues = await place_slots(database, event, hw.now() + timedelta(seconds=3), spread)
    pacers = {"loopback": paced_at(limit)} if paced else {}
    scheduler = Scheduler(
        hw, {"loopback": messenger}, handlers={}, sources=[SocialSlotSource()], pacers=pacers
    )
    await scheduler.start()
    try:
        await _wait_for_all(database, platform)
    finally:
        await scheduler.stop()
        await messenger.close()
        await platform.stop()
    failed = await _failed(database)
    await database.dispose()
    return _figures(platform, dues, failed)


def paced_at(limit: float) -> Pacer:
    """The pacer set to the platform's own rate; a quarter second of burst lets it catch up
    after a pause of its own (a tick deriving 10,000 reminders takes the loop for ~60 ms)."""
    return Pacer(PacingRules(overall=Rate(limit, burst=limit / 4)))


async def _wait_for_all(database: Database, platform: FakePlatform) -> None:
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        await asyncio.sleep(0.5)
        if len(platform.counts()) + await _failed(database) >= PEOPLE:
            return
    raise TimeoutError("the reminders did not all go out in time")


async def _failed(database: Database) -> int:
    query = select(func.count()).where(outbox.c.status == DeliveryStatus.FAILED)
    async with database.engine.connect() as connection:
        return int((await connection.execute(query)).scalar_one())


def _figures(platform: FakePlatform, dues: dict[int, float], failed: int) -> Figures:
    arrivals = sorted(item.at for item in platform.received)
    lateness = [item.at - dues[_slot_of(item.key)] for item in platform.received]
    return Figures(
        delivered=len(platform.counts()),
        duplicates=sum(count - 1 for count in platform.counts().values()),
        refused=platform.refused,
        failed=failed,
        seconds=(arrivals[-1] - arrivals[0]) if arrivals else 0.0,
        lateness=lateness,
    )


def _slot_of(key: str) -> int:
    """remind:social-slot:<slot id>@<start>:attendee:15m>p<person>"""
    return int(key.split(":")[2].split("@")[0])


async def run() -> None:
    with TemporaryDirectory() as name:
        folder = Path(name)
        template = folder / "template.db"
        started = time.perf_counter()
        await build_template(template)
        took = time.perf_counter() - started
        print(f"setup: {PEOPLE:,} people going to {SOCIALS} socials ({took:.1f} s)")
        burst = await run_once(template, folder, ABOVE, paced=True, spread=0.0)
        spread = await run_once(template, folder, BELOW, paced=True, spread=60.0)
        unpaced = await run_once(template, folder, ABOVE, paced=False, spread=0.0)
    _report("above the limit: all due at once", ABOVE, burst)
    share = burst.throughput / ABOVE
    print(f"  throughput {burst.throughput:.1f}/s = {share:.0%} of R (target ≥ 90%)")
    _report("below the limit: due across one minute", BELOW, spread)
    print(
        f"  lateness p50 {spread.p(0.5):.2f} s, p99 {spread.p(0.99):.2f} s, "
        f"max {max(spread.lateness):.2f} s (target p99 < 2 s)"
    )
    _report("baseline: the same burst unpaced", ABOVE, unpaced)
    print(f"  throughput {unpaced.throughput:.1f}/s")


def _report(title: str, limit: float, figures: Figures) -> None:
    print(f"{title} (R = {limit:g} messages/s):")
    print(
        f"  delivered {figures.delivered:,} of {PEOPLE:,}, twice {figures.duplicates}, "
        f"failed {figures.failed}, 429s {figures.refused:,}, in {figures.seconds:.1f} s"
    )
