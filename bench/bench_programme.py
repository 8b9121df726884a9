"""Programme queries and the chairs' balance on SQLite, with 1,000 accepted socials (2,000
slots over ICML 2021's week, across categories and tags) and 5,000 RSVPs.

Targets: each programme query (day, category, tag, now, next, mine) under 50 ms; the balance
view under 200 ms. Baselines, in the same run on the same file: the same selection as one raw
SQL query through Python's sqlite3 (no counts object, no leads, no sorting in Python), and for
the balance a per-hour histogram by a single GROUP BY (starting hours only).
"""

from __future__ import annotations

import random
import sqlite3
import statistics
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bench.common import describe, fresh_sqlite, icml_hallway, timed
from bot.app import Hallway
from bot.domain.balance import balance
from bot.domain.participants import Role
from bot.domain.programme import Listing, Selection
from bot.domain.socials import Category, Consent, Decision, Rsvp, Social, SocialLead, SocialSlot
from bot.interaction import Actor
from bot.ports import Registration
from bot.services import programme
from bot.services.balance import programme_balance

SOCIALS, PEOPLE, RSVPS, REPEAT = 1_000, 3_000, 5_000, 50
FIRST_DAY = datetime(2021, 7, 18, tzinfo=UTC)
NOW = datetime(2021, 7, 20, 15, 0, tzinfo=UTC)
TAGS = [f"tag{n}" for n in range(40)] + ["rl", "nlp", "vision", "theory", "fairness"]
CATEGORIES = [Category.RESEARCH] * 8 + [Category.SKILLS] * 4 + [Category.AFFINITY] * 3
CATEGORIES += [Category.GATHERING] * 3 + [Category.OTHER] * 2


async def seed(hw: Hallway, rng: random.Random) -> list[int]:
    rows = [Registration(f"p{n}@example.org", f"Person {n}", None, None) for n in range(PEOPLE)]
    rows[0] = Registration("chair@example.org", "Chair", None, frozenset({Role.CHAIR}))
    async with hw.uow() as uow:
        await uow.participants.upsert_registrations(hw.event.id, rows)
        await uow.commit()
    async with hw.uow() as uow:
        found = [await uow.participants.by_email(hw.event.id, row.email) for row in rows]
        ids = [person.id for person in found if person is not None]
        made = [_social(hw, rng, ids, n) for n in range(SOCIALS)]
        for social in made:
            uow.socials.add(social)
        await uow.commit()
    await _rsvps(hw, rng, made, ids)
    return ids


def _social(hw: Hallway, rng: random.Random, ids: list[int], n: int) -> Social:
    # Busy hours where Europe and the Americas overlap, fewer in Asia's daytime, a few at night.
    hour = rng.choice([1, 2, 3, 4, 8, 9, 12, 13, 14, 15, 15, 16, 16, 17, 18, 21])
    first = FIRST_DAY + timedelta(days=rng.randrange(7), hours=hour, minutes=rng.choice([0, 30]))
    starts = [first, first + timedelta(hours=12)] if n % 10 else [first]  # mostly doubles
    starts += [first + timedelta(hours=6)] if n % 10 == 0 else []
    leads = rng.sample(ids[1:], 2)
    return Social(
        event_id=hw.event.id,
        title=f"Social {n}",
        description="A benchmark social",
        category=rng.choice(CATEGORIES),
        duration_minutes=rng.choice([60, 90, 120, 120, 120]),
        submitted_by=leads[0],
        submitted_at=hw.now(),
        tags=rng.sample(TAGS, rng.randint(1, 4)),
        capacity=rng.choice([None, None, 10, 20, 50]),
        conduct_acknowledged=True,
        leads=[
            SocialLead(pid, Consent.CONFIRMED, is_submitter=i == 0) for i, pid in enumerate(leads)
        ],
        slots=[SocialSlot(start, position) for position, start in enumerate(starts)],
        decision=Decision.ACCEPTED,
        released_at=hw.now(),
    )


async def _rsvps(hw: Hallway, rng: random.Random, made: list[Social], ids: list[int]) -> None:
    slots = [(social, slot) for social in made for slot in social.slots]
    going: dict[int, int] = {}
    taken: set[tuple[int, int]] = set()
    async with hw.uow() as uow:
        while len(taken) < RSVPS:
            social, slot = rng.choice(slots)
            person = ids[1 + int((PEOPLE - 1) * rng.random() ** 2)]  # some RSVP a lot, most little
            if (slot.id, person) in taken or social.is_lead(person):
                continue
            taken.add((slot.id, person))
            full = social.capacity is not None and going.get(slot.id, 0) >= social.capacity
            going[slot.id] = going.get(slot.id, 0) + (0 if full else 1)
            uow.rsvps.add(Rsvp(slot.id, person, hw.now() + timedelta(seconds=len(taken)), full))
        await uow.commit()


async def reader(hw: Hallway, person_id: int, zone: str = "Asia/Tokyo") -> Actor:
    async with hw.uow() as uow:
        person = await uow.participants.get(person_id)
    return Actor("bench", f"U{person_id}", "Reader", person, ZoneInfo(zone))


def raw_median(path: Path, sql: str, *params: object) -> float:
    """Seconds, median of `REPEAT` runs of one SQL query through Python's sqlite3."""
    connection = sqlite3.connect(path)
    try:
        times = []
        for _ in range(REPEAT):
            started = time.perf_counter()
            connection.execute(sql, params).fetchall()
            times.append(time.perf_counter() - started)
    finally:
        connection.close()
    return statistics.median(times)


PUBLIC = (
    "socials.decision = 'accepted' AND socials.released_at IS NOT NULL AND "
    "socials.withdrawn_at IS NULL AND socials.combined_into IS NULL"
)
LISTED = (
    "SELECT social_slots.id, social_slots.start, socials.title, socials.tags, "
    "(SELECT count(*) FROM rsvps WHERE rsvps.slot_id = social_slots.id "
    "AND rsvps.cancelled_at IS NULL) FROM social_slots JOIN socials "
    f"ON socials.id = social_slots.social_id WHERE {PUBLIC} "
)
MINE = (
    "AND (social_slots.id IN (SELECT slot_id FROM rsvps WHERE participant_id = ? "
    "AND cancelled_at IS NULL) OR socials.id IN "
    "(SELECT social_id FROM social_leads WHERE participant_id = ?))"
)
HOURS = (
    "SELECT strftime('%Y-%m-%d %H', start), count(*) FROM social_slots JOIN socials "
    f"ON socials.id = social_slots.social_id WHERE {PUBLIC} GROUP BY 1"
)


def sql_time(instant: datetime) -> str:
    """How SQLite holds an instant here (naive UTC text)."""
    return instant.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


Query = Callable[[], Awaitable[Listing]]


def cases(hw: Hallway, keen: Actor) -> dict[str, tuple[Query, str, tuple[object, ...]]]:
    """Each query through the service, and the same selection as one raw SQL query."""
    person = keen.participant.id if keen.participant else 0
    tokyo_day = (datetime(2021, 7, 19, 15, tzinfo=UTC), datetime(2021, 7, 20, 15, tzinfo=UTC))
    skills = Selection(categories=frozenset({Category.SKILLS}))
    tagged = "AND EXISTS (SELECT 1 FROM json_each(socials.tags) WHERE value = 'rl')"
    window = "AND start >= ? AND start < ?"
    return {
        "day (Tokyo reader)": (
            lambda: programme.programme_day(hw, keen, date(2021, 7, 20)),
            LISTED + window,
            tuple(map(sql_time, tokyo_day)),
        ),
        "category (skills)": (
            lambda: programme.browse_programme(hw, keen, skills),
            LISTED + "AND socials.category = 'skills'",
            (),
        ),
        "tag (#rl)": (
            lambda: programme.browse_programme(hw, keen, Selection(tags=frozenset({"rl"}))),
            LISTED + tagged,
            (),
        ),
        "now": (
            lambda: programme.programme_now(hw, keen),
            LISTED + "AND start <= ? AND start > ?",
            (sql_time(NOW), sql_time(NOW - timedelta(hours=2))),
        ),
        "next 3 h": (
            lambda: programme.programme_next(hw, keen),
            LISTED + window,
            (sql_time(NOW), sql_time(NOW + timedelta(hours=3))),
        ),
        "mine (the keenest)": (
            lambda: programme.my_programme(hw, keen),
            LISTED + MINE,
            (person, person),
        ),
    }


async def bench_queries(hw: Hallway, path: Path, keen: Actor) -> None:
    print(f"{SOCIALS:,} accepted socials, {RSVPS:,} RSVPs, {PEOPLE:,} people; target < 50 ms")
    for name, (query, sql, params) in cases(hw, keen).items():
        found = len((await query()).entries)
        times = await timed(query, REPEAT)
        floor = raw_median(path, sql, *params)
        print(f"  {name:<19} {found:4d} slots  {describe(times)}")
        print(f"  {'':<19} baseline, one raw SQL query: median {floor * 1000:.1f} ms")


async def bench_balance(hw: Hallway, path: Path, chair: Actor) -> None:
    view = await programme_balance(hw, chair)
    times = await timed(lambda: programme_balance(hw, chair), 20)
    async with hw.uow() as uow:
        proposals = await uow.programme.standing_proposals(hw.event.id)

    async def compute() -> None:
        balance(proposals, hw.event.window)

    pure = await timed(compute, 20)
    print(
        f"balance view ({len(view.reach):,} socials, {len(view.clashes):,} clashing pairs, "
        f"{len(view.gaps)} missing a region; target < 200 ms): {describe(times)}"
    )
    print(f"  of which the pure computation:      {describe(pure)}")
    print(f"  baseline, per-hour GROUP BY in SQL: median {raw_median(path, HOURS) * 1000:.1f} ms")


async def run() -> None:
    async with fresh_sqlite() as (database, path):
        hw = await icml_hallway(database, NOW)
        ids = await seed(hw, random.Random(2021))
        # The skewed draw makes the first people the keenest: this one has ~90 RSVPs.
        await bench_queries(hw, path, await reader(hw, ids[1]))
        await bench_balance(hw, path, await reader(hw, ids[0], "UTC"))
