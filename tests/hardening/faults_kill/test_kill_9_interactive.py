"""`hallway run` killed with SIGKILL at random moments while people submit socials, a chair
decides on proposals, mentees book and give back seats, and participants RSVP — then started
again on the same database, the people who saw nothing trying again.

Afterwards: every action is in the database exactly once as its last answer says; nothing is
half-written; every queued message reached the fake Slack exactly once; the audit log agrees
with the decisions. The kill moments come from a seed printed at the start (shown when a test
fails); `HALLWAY_KILL_SEED=N` replays one.
"""

from __future__ import annotations

import os
import random
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from storage import Database
from tests.hardening.faults_kill.invariants import describe, problems, settled
from tests.hardening.faults_kill.rig import Rig, kill_rig
from tests.hardening.faults_kill.rounds import MIXED, KillRun, Model
from tests.hardening.faults_kill.world import Sizes

ROUNDS = 3  # each kill lands among all four paths at once
BATCH = 3  # actions of each path per round: twelve, four at a time
SIZES = Sizes(proposals=ROUNDS * BATCH)


def kill_seed() -> int:
    chosen = os.environ.get("HALLWAY_KILL_SEED")
    seed = int(chosen) if chosen else random.SystemRandom().randrange(10**6)
    print(f"kill seed: {seed} (replay with HALLWAY_KILL_SEED={seed})")
    return seed


@pytest.fixture
async def rig(database_url: str, database: Database, tmp_path: Path) -> AsyncIterator[Rig]:
    async with kill_rig(database_url, tmp_path, SIZES) as ready:
        yield ready


async def test_sigkill_at_random_moments_loses_nothing_and_sends_nothing_twice(rig: Rig) -> None:
    seed = kill_seed()
    run = KillRun(rig.people, Model(rig.world), random.Random(seed))
    for _ in range(ROUNDS):
        await run.round(MIXED, BATCH)
    await settled(rig.database)
    found = await problems(rig.database, rig.fake, run.model)
    assert not found, f"seed {seed}:\n" + "\n".join(found) + "\n" + describe(run.model.actions)
    assert run.figures.kills == ROUNDS
    assert run.figures.confirmed + run.figures.retried >= ROUNDS * BATCH * 4
