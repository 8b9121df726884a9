"""Browsing 5,000 mentoring sessions on SQLite, by topic and by time (target: under 50 ms).

Measured through `browse_sessions` (unit of work, SQL, mapping, the reader's own places) for a
registered reader. Baselines, in the same run and on the same file: the same two queries
(count, then the first 15) as raw SQL through Python's sqlite3, and a full scan — every session
with its mentor fetched raw, which any filtering in Python would need before it began.
"""

from __future__ import annotations

import random
import sqlite3
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

from bench.common import describe, fresh_sqlite, icml_hallway, timed
from bot.app import Hallway
from bot.clock import ManualClock
from bot.domain.mentoring import Booking, BookingState, MentoringSession, MentorProfile, Sector
from bot.interaction import Actor
from bot.ports import Registration
from bot.services.identity import identify
from bot.services.mentoring_browse import browse_sessions, read_browse_words
from storage import Database

SESSIONS, MENTORS, MENTEES, REPEAT = 5_000, 500, 2_000, 60
FIRST = datetime(2021, 7, 18, 0, 0, tzinfo=UTC)
TOPICS = [
    "RL / reinforcement learning", "computer vision", "natural language processing",
    "careers in industry", "academic job market", "optimisation", "fairness", "robotics",
    "causal inference", "Bayesian methods", "graph neural networks", "théorie de l'apprentissage",
    "writing papers", "reviewing", "startups", "health", "climate", "speech", "theory", "ethics",
]  # fmt: skip
QUERIES = {
    "topic “reinforcement”": "reinforcement",
    "topic prefix “bayes meth”": "bayes meth",
    "topic + free “careers free”": "free careers",
    "time “next 6”": "next 6",
    "time “2021-07-20”": "2021-07-20",
    "time “now”": "now",
}


async def populate(hw: Hallway, database: Database) -> None:
    rows = [
        Registration(f"p{n}@example.org", f"Person {n}", None, frozenset())
        for n in range(MENTORS + MENTEES)
    ]
    async with hw.uow() as uow:
        await uow.participants.upsert_registrations(hw.event.id, rows)
        await uow.commit()
    rng = random.Random(7)
    async with database.uow() as uow:
        people = await uow.participants.get_many(list(range(1, MENTORS + MENTEES + 1)))
        mentors = people[:MENTORS]
        for person in mentors:
            profile = MentorProfile(hw.event.id, person.id, "", Sector.OTHER, [], "")
            profile.describe(
                person.name, "Somewhere", Sector.ACADEMIC, rng.sample(TOPICS, 3), "Bio."
            )
            uow.session.add(profile)
        sessions = [_session(hw, mentors[n % MENTORS].id, n, rng) for n in range(SESSIONS)]
        uow.session.add_all(sessions)
        await uow.session.flush()
        for session in sessions:
            count = rng.randint(0, session.capacity + 1)
            for seat, mentee in enumerate(rng.sample(people[MENTORS:], count)):
                state = BookingState.BOOKED if seat < session.capacity else BookingState.WAITLISTED
                uow.session.add(Booking(hw.event.id, session.id, mentee.id, "", state, FIRST))
        await uow.commit()


def _session(hw: Hallway, mentor_id: int, number: int, rng: random.Random) -> MentoringSession:
    # Ten sessions per mentor, 16 hours apart, spread over the conference week.
    offset = timedelta(hours=16 * (number // MENTORS), minutes=30 * rng.randrange(0, 30))
    capacity, topics = rng.randint(1, 6), rng.sample(TOPICS, 2)
    return MentoringSession(
        hw.event.id, mentor_id, FIRST + offset, 45, capacity, topics, "", "https://x/y", True
    )


async def service_times(hw: Hallway, reader: Actor) -> dict[str, list[float]]:
    results = {}
    for label, words in QUERIES.items():
        wanted = read_browse_words(words)
        results[label] = await timed(partial(browse_sessions, hw, reader, wanted), REPEAT)
    return results


def raw_times(path: Path, event_id: int, now: datetime) -> tuple[list[float], list[float]]:
    """The topic query as raw SQL (count, then a page), and a full scan, through sqlite3."""
    connection = sqlite3.connect(path)
    stamp = now.replace(tzinfo=None).isoformat(" ", "microseconds")
    where = (
        "s.event_id = ? AND s.status = 'scheduled' AND s.ends_at > ? AND m.suspended = 0 "
        "AND (s.search_text || ' ' || m.search_text) LIKE '% reinforcement%'"
    )
    joined = (
        "mentoring_sessions s JOIN mentor_profiles m ON m.participant_id = s.mentor_id "
        "AND m.event_id = s.event_id JOIN participants p ON p.id = s.mentor_id"
    )
    seats = (
        "(SELECT count(*) FROM mentoring_bookings b WHERE b.session_id = s.id AND b.state = '{}')"
    )
    page = (
        f"SELECT s.*, p.name, m.affiliation, m.sector, {seats.format('booked')}, "
        f"{seats.format('waitlisted')} FROM {joined} WHERE {where} "
        "ORDER BY s.starts_at, s.id LIMIT 15"
    )

    def same_query() -> None:
        connection.execute(
            f"SELECT count(*) FROM {joined} WHERE {where}", (event_id, stamp)
        ).fetchone()
        connection.execute(page, (event_id, stamp)).fetchall()

    def full_scan() -> None:
        connection.execute(f"SELECT s.*, p.name, m.search_text FROM {joined}").fetchall()

    results = (_clock(same_query), _clock(full_scan))
    connection.close()
    return results


def _clock(action: Callable[[], None]) -> list[float]:
    times = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return times


async def run() -> None:
    async with fresh_sqlite() as (database, path):
        hw = await icml_hallway(database)
        started = time.perf_counter()
        await populate(hw, database)
        seconds = time.perf_counter() - started
        print(f"populated {SESSIONS:,} sessions, {MENTORS} mentors in {seconds:.1f} s")
        assert isinstance(hw.clock, ManualClock)
        hw.clock.set(FIRST + timedelta(days=2, hours=9))  # mid-conference, so "now" finds some
        reader = await identify(hw, "bench", "U-reader", email=f"p{MENTORS}@example.org")
        for label, times in (await service_times(hw, reader)).items():
            found = await browse_sessions(hw, reader, read_browse_words(QUERIES[label]))
            print(f"browse {label:30} {describe(times)}   ({found.total} match)")
        same, scan = raw_times(path, hw.event.id, hw.now())
    print(f"baseline raw sqlite3, same topic query:  {describe(same)}")
    print(f"baseline raw sqlite3, full scan:         {describe(scan)}")
    print("target: every browse under 50 ms")
