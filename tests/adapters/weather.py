"""Bad weather for the fake platforms: server errors, requests held past the client's timeout,
and 429 storms, for a counted number of requests or a stretch of a (manual) clock.

A fake asks `forecast(route)` before answering each request; a `Spell` says what goes wrong:
refused outright (429, or a 5xx before doing anything), done and then answered badly (the
answer lost on the way back), or held for `hold` seconds first (the client gives up). Spells are
drawn from `mix` with a seeded random, so a storm is the same storm on every run.
"""

from __future__ import annotations

import random
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Spell:
    name: str  # for the figures: "429", "5xx", "lost", "hang"
    status: int = 503
    retry_after: float | None = None  # 429s: the seconds the platform asks for
    done: bool = False  # the platform carried the request out before answering badly
    hold: float = 0.0  # seconds the request is held before any answer

    @property
    def answers_normally(self) -> bool:
        """Held but then carried out and answered as usual (the client has gone by then)."""
        return self.done and self.status < 300


def throttled(retry_after: float = 1.0) -> Spell:
    return Spell("429", status=429, retry_after=retry_after)


def server_error(status: int = 503) -> Spell:
    return Spell("5xx", status=status)


def lost_answer(status: int = 502) -> Spell:
    """Carried out, and the answer lost: only a look at the platform tells it happened."""
    return Spell("lost", status=status, done=True)


def hang(hold: float, *, done: bool = False) -> Spell:
    """Held past the client's timeout; `done`: carried out meanwhile and answered 200 late."""
    return Spell("hang", status=200 if done else 504, done=done, hold=hold)


@dataclass
class Weather:
    """A storm: while it lasts, `share` of the requests whose route `affects` are answered by a
    spell from `mix`. It lasts `requests` bad answers, or until `now()` reaches `until`, or both
    (whichever clears first); with neither, until `clear()`."""

    mix: Sequence[tuple[Spell, float]]  # spell, weight
    share: float = 1.0
    requests: int | None = None
    until: float | None = None
    now: Callable[[], float] = time.monotonic
    affects: Callable[[str], bool] = lambda route: True
    seed: int = 7
    seen: Counter[str] = field(default_factory=Counter)  # bad answers given, by spell name
    calm: int = 0  # requests answered normally while the storm lasted
    _rng: random.Random = field(init=False)
    _cleared: bool = False

    def __post_init__(self) -> None:
        self._rng = random.Random(self.seed)

    @property
    def lasting(self) -> bool:
        if self._cleared:
            return False
        if self.requests is not None and sum(self.seen.values()) >= self.requests:
            return False
        return self.until is None or self.now() < self.until

    def clear(self) -> None:
        self._cleared = True

    def forecast(self, route: str) -> Spell | None:
        """The spell for this request, or None: answer it as usual."""
        if not self.affects(route) or not self.lasting:
            return None
        if self._rng.random() >= self.share:
            self.calm += 1
            return None
        spells, weights = zip(*self.mix, strict=True)
        spell: Spell = self._rng.choices(spells, weights)[0]
        self.seen[spell.name] += 1
        return spell
