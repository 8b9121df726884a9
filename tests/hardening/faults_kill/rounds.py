"""Kill rounds: a batch of people acting at once while `hallway run` is SIGKILLed at a random
moment (seeded), then the process started again and whoever saw nothing trying again.

Each path keeps a model of what the database must hold once every action is known: an
action tried again after a kill ends either confirmed (it had been lost) or refused because
it was already done — both leave the same state, and that state must be in the database
exactly once.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Iterable
from dataclasses import dataclass, field

from tests.hardening.faults_kill.actions import Action, Outcome, People
from tests.hardening.faults_kill.world import CHAIR, World

PATHS = ("submit", "review", "booking", "rsvp")
MIXED = "mixed"  # a round in which every path acts at once

# What a retry is told when its first try had in fact been done.
ALREADY_DONE = {
    "submit": "overlaps",
    "book": "You already have",
    "unbook": "You have no booking",
    "rsvp": "You already RSVPed",
    "unrsvp": "You have no RSVP",
}


@dataclass
class Model:
    """What each path has asked for so far, and what must hold."""

    world: World
    submitted: int = 0  # submission numbers handed out
    decided: int = 0  # proposals handed to the chair
    holding: dict[tuple[str, str, int], bool] = field(default_factory=dict)  # (kind, user, id)
    actions: list[Action] = field(default_factory=list)

    def batch(self, path: str, size: int, rng: random.Random) -> list[Action]:
        """`size` actions of one path, or of each path when `path` is MIXED (shuffled)."""
        paths = PATHS if path == MIXED else (path,)
        made = [action for each in paths for action in getattr(self, f"_{each}")(size, rng)]
        rng.shuffle(made)
        self.actions += made
        return made

    def _submit(self, size: int, rng: random.Random) -> Iterable[Action]:
        for number in range(self.submitted, self.submitted + size):
            yield Action("submit", self.world.submitter(number)[0], number)
        self.submitted += size

    def _review(self, size: int, rng: random.Random) -> Iterable[Action]:
        chosen = self.world.proposals[self.decided : self.decided + size]
        assert len(chosen) == size, "the world has too few proposals for this many rounds"
        self.decided += size
        for social_id in chosen:
            options = {"verb": rng.choice(("approve", "reject")), "release_now": rng.random() < 0.7}
            yield Action("decide", CHAIR, social_id, options)

    def _booking(self, size: int, rng: random.Random) -> Iterable[Action]:
        return self._places("book", "unbook", self.world.sessions, size, rng)

    def _rsvp(self, size: int, rng: random.Random) -> Iterable[Action]:
        return self._places("rsvp", "unrsvp", self.world.public_slots, size, rng)

    def _places(
        self, take: str, give: str, subjects: list[int], size: int, rng: random.Random
    ) -> Iterable[Action]:
        """Distinct (person, subject) pairs: each takes a place, or gives back the one held."""
        pairs = rng.sample([(u, s) for u in self.world.people for s in subjects], size)
        for user, subject in pairs:
            held = self.holding.get((take, user, subject), False)
            yield Action(give if held else take, user, subject)

    def settle(self, action: Action) -> None:
        """Once known: record the state it leaves, checking a refusal says it was done."""
        assert action.outcome != Outcome.UNKNOWN, str(action)
        if action.outcome == Outcome.REFUSED:
            assert len(action.attempts) > 1, f"refused at its first try: {action} {action.shown}"
            expected = ALREADY_DONE.get(action.kind)
            assert expected and expected in action.shown, f"{action}: {action.shown}"
        if action.kind in ("book", "unbook"):
            self.holding[("book", action.user, action.subject)] = action.kind == "book"
        if action.kind in ("rsvp", "unrsvp"):
            self.holding[("rsvp", action.user, action.subject)] = action.kind == "rsvp"


@dataclass
class Figures:
    rounds: int = 0
    kills: int = 0
    confirmed: int = 0
    retried: int = 0
    ready: list[float] = field(default_factory=list)  # seconds from restart to answering
    killed_at: list[float] = field(default_factory=list)  # seconds into each round
    elapsed: float = 0.0


@dataclass
class KillRun:
    people: People
    model: Model
    rng: random.Random
    figures: Figures = field(default_factory=Figures)
    concurrency: int = 4
    window: float = 2.0  # the kill lands this many seconds into a round, at most

    async def round(self, path: str, size: int, *, kill: bool = True) -> list[Action]:
        started = time.monotonic()
        actions = self.model.batch(path, size, self.rng)
        delay = self.rng.uniform(0.0, self.window)
        killer = asyncio.create_task(self._kill_after(delay)) if kill else None
        await self._all(actions)
        if killer is not None:
            await killer
            self.figures.ready.append(await self.people.hallway.start())
        await self._until_known(actions)
        self.figures.rounds += 1
        self.figures.elapsed += time.monotonic() - started
        return actions

    async def _kill_after(self, delay: float) -> None:
        await asyncio.sleep(delay)
        await self.people.hallway.kill()
        self.figures.kills += 1
        self.figures.killed_at.append(delay)

    async def _all(self, actions: list[Action]) -> None:
        limit = asyncio.Semaphore(self.concurrency)

        async def one(action: Action) -> None:
            async with limit:
                await self.people.attempt(action)

        await asyncio.gather(*(one(action) for action in actions))

    async def _until_known(self, actions: list[Action]) -> None:
        """Whoever saw nothing tries again (people do), until each action is known."""
        for _ in range(3):
            unknown = [a for a in actions if a.outcome == Outcome.UNKNOWN]
            if not unknown:
                break
            self.figures.retried += len(unknown)
            await self._all(unknown)
        for action in actions:
            self.model.settle(action)
            self.figures.confirmed += action.ever_confirmed
