"""The chairs' side with 1,000 proposals on SQLite: the review queue, and releasing every
decision (one short transaction and one message per lead each).

Baselines, in the same run: loading the same proposals straight from the repository (the
queue's storage floor), and 1,000 empty units of work (the release's transaction floor).
"""

from __future__ import annotations

import time
from datetime import timedelta

from bench.common import describe, fresh_sqlite, icml_hallway, timed
from bot.app import Hallway
from bot.domain.participants import Role
from bot.domain.socials import Category, Consent, Decision, Social, SocialLead, SocialSlot
from bot.ports import Registration
from bot.services.identity import identify
from bot.services.social_release import release_decisions
from bot.services.social_review import review_queue
from bot.timerules import conference_window

PROPOSALS = 1_000


async def populate(hw: Hallway) -> None:
    rows = [
        Registration(f"p{n}@example.org", f"Person {n}", None, frozenset())
        for n in range(PROPOSALS)
    ]
    rows.append(Registration("chair@example.org", "Chair", None, frozenset({Role.CHAIR})))
    async with hw.uow() as uow:
        await uow.participants.upsert_registrations(hw.event.id, rows)
        await uow.commit()
    async with hw.uow() as uow:
        ids = [p.id for p in await uow.participants.get_many(list(range(1, PROPOSALS + 1)))]
        start = conference_window(hw.event.first_day, hw.event.last_day).start
        for number in range(PROPOSALS):
            leads = [ids[number], ids[(number + 1) % len(ids)]]
            uow.socials.add(_social(hw, number, leads, start + timedelta(hours=number % 150)))
        await uow.commit()


def _social(hw: Hallway, number: int, leads: list[int], start: object) -> Social:
    return Social(
        event_id=hw.event.id,
        title=f"Social {number}",
        description="Bench",
        category=list(Category)[number % 5],
        duration_minutes=120,
        submitted_by=leads[0],
        submitted_at=hw.now(),
        conduct_acknowledged=True,
        leads=[
            SocialLead(pid, Consent.CONFIRMED, is_submitter=i == 0) for i, pid in enumerate(leads)
        ],
        slots=[SocialSlot(start)],  # type: ignore[arg-type]
        decision=Decision.ACCEPTED,
        decided_by=leads[0],
    )


async def run() -> None:
    async with fresh_sqlite() as (database, _path):
        hw = await icml_hallway(database)
        await populate(hw)
        chair = await identify(hw, "bench", "chair", email="chair@example.org")

        async def load() -> object:
            async with hw.uow() as uow:
                return await uow.socials.for_event(hw.event.id)

        floor = await timed(load, repeat=10)
        queue = await timed(lambda: review_queue(hw, chair), repeat=10)

        async def empty_units() -> None:
            for _ in range(PROPOSALS):
                async with hw.uow() as uow:
                    await uow.commit()

        transactions = await timed(empty_units)
        started = time.perf_counter()
        released = await release_decisions(hw, chair)
        release_seconds = time.perf_counter() - started
    assert len(released) == PROPOSALS
    print(f"review queue, {PROPOSALS:,} proposals:     {describe(queue)}")
    print(f"baseline repository load:         {describe(floor)}")
    print(
        f"release {PROPOSALS:,} decisions:          {release_seconds:.2f} s "
        f"({release_seconds / PROPOSALS * 1000:.1f} ms each, 2 messages each)"
    )
    print(f"baseline {PROPOSALS:,} empty transactions: {transactions[0]:.2f} s")
