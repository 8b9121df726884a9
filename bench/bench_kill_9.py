"""`hallway run` killed with SIGKILL at random moments, many times, on SQLite.

Each round, twelve people act at once through Slack's signed HTTP (three submissions, three
chair decisions, three bookings or give-backs, three RSVPs or cancellations) while the
process is killed at a seeded random moment within 2 s; it is started again, whoever saw
nothing tries again, and the round ends when the outbox has delivered everything (a message
caught mid-send waits out its 20 s lease, then is looked up in Slack by its key).

Figures: rounds, kills, actions and how many were confirmed, lost and duplicated (from the
same invariants as `tests/hardening/faults_kill`), restart-to-answering and
restart-to-everything-delivered times. Baseline, in the same run: the same stream with no kill.

    python -m bench kill_9            # HALLWAY_KILL_ROUNDS=N, HALLWAY_KILL_SEED=N to vary
"""

from __future__ import annotations

import os
import random
import statistics
import time
from pathlib import Path
from tempfile import TemporaryDirectory

from tests.hardening.faults_kill.invariants import problems, settled
from tests.hardening.faults_kill.rig import kill_rig
from tests.hardening.faults_kill.rounds import MIXED, KillRun, Model
from tests.hardening.faults_kill.world import Sizes

BATCH = 3  # actions of each of the four paths per round


async def run() -> None:
    rounds = int(os.environ.get("HALLWAY_KILL_ROUNDS", "50"))
    seed = int(os.environ.get("HALLWAY_KILL_SEED", "9"))
    print(f"{rounds} rounds of {BATCH * 4} actions, seed {seed}")
    baseline = await stream(rounds, seed, kill=False)
    killed = await stream(rounds, seed, kill=True)
    print(f"baseline, no kill: {baseline}")
    print(f"SIGKILL each round: {killed}")


async def stream(rounds: int, seed: int, *, kill: bool) -> str:
    with TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'kill9.db'}"
        async with kill_rig(url, Path(folder), Sizes(proposals=rounds * BATCH)) as rig:
            runner = KillRun(rig.people, Model(rig.world), random.Random(seed))
            delivered: list[float] = []
            started = time.monotonic()
            for _ in range(rounds):
                await runner.round(MIXED, BATCH, kill=kill)
                delivered.append(await settled(rig.database))
            duration = time.monotonic() - started
            found = await problems(rig.database, rig.fake, runner.model)
    return report(runner, found, duration, delivered)


def report(runner: KillRun, found: list[str], duration: float, delivered: list[float]) -> str:
    figures = runner.figures
    actions = len(runner.model.actions)
    lost = sum(1 for problem in found if _is_loss(problem))
    duplicated = len(found) - lost
    lines = [
        f"rounds {figures.rounds}, kills {figures.kills}, actions {actions}, "
        f"confirmed {figures.confirmed}, tried again {figures.retried}, "
        f"lost {lost}, duplicated {duplicated}, in {duration:.1f} s",
    ]
    if figures.ready:
        lines.append(f"  restart to answering Slack: {_spread(figures.ready)}")
    lines.append(f"  actions known to everything delivered: {_spread(delivered)}")
    lines += [f"  PROBLEM {problem}" for problem in found[:20]]
    return "\n".join(lines)


def _is_loss(problem: str) -> bool:
    return any(
        word in problem for word in ("stored 0 times", "stored []", "ended", "decision None")
    )


def _spread(seconds: list[float]) -> str:
    return f"median {statistics.median(seconds):.2f} s, max {max(seconds):.2f} s"
