"""What people do under load, the same on every platform: a fixed, seeded mix of commands and
button presses, each by a given participant on a given target.

Writes never repeat: each RSVP and each booking is by a person who makes no other, so every
one of them is a change the core accepts, and the bench can check afterwards that each was
stored. Approvals go to proposals in review, in turn (approving again is allowed)."""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from bench.load_data import Targets

Who = Literal["anyone", "rsvper", "booker", "chair"]
On = Literal["", "slot", "session", "review"]


@dataclass(frozen=True)
class Kind:
    name: str
    weight: int  # out of 100
    who: Who = "anyone"
    on: On = ""
    writes: Literal["", "rsvp", "booking", "approval"] = ""


# The mix: reading the programme and browsing mentoring most, then RSVPs (mostly by button),
# bookings, the chairs' queue and decisions. `book_form` is the booking form submitted (a
# modal on Slack); `book_button` and `approve_button` open their forms; `social_form` is
# `/social`, which mid-conference says that the call for socials has closed.
KINDS = (
    Kind("programme_now", 17),
    Kind("programme_day", 10),
    Kind("social_list", 5),
    Kind("mentoring_browse", 10),
    Kind("whoami", 10),
    Kind("social_form", 5),
    Kind("rsvp_typed", 5, "rsvper", "slot", "rsvp"),
    Kind("rsvp_button", 15, "rsvper", "slot", "rsvp"),
    Kind("book_typed", 5, "booker", "session", "booking"),
    Kind("book_button", 5, "booker", "session"),
    Kind("book_form", 5, "booker", "session", "booking"),
    Kind("chairs_queue", 1, "chair"),  # every proposal loaded: the costliest read, and rare
    Kind("approve_button", 3, "chair", "review"),
    Kind("approve_typed", 4, "chair", "review", "approval"),
)
BY_NAME = {kind.name: kind for kind in KINDS}


@dataclass(frozen=True)
class Planned:
    index: int
    kind: Kind
    person: int  # the participant number (person{n}@example.org)
    target: int = 0  # a slot, session or proposal id, as `kind.on` says


def plan(targets: Targets, count: int, seed: int = 7) -> list[Planned]:
    """`count` requests in the order they are sent: one of each kind first (so even a short
    run tries them all), then drawn by weight."""
    rng = random.Random(seed)
    kinds = [kind for kind in KINDS for _ in range(kind.weight)]
    people = {
        "rsvper": _once(rng, targets.rsvpers),
        "booker": _once(rng, targets.bookers),
        "chair": itertools.cycle(targets.chairs),
    }
    reviews = itertools.cycle(targets.in_review)
    planned = []
    for index in range(count):
        kind = KINDS[index] if index < len(KINDS) else rng.choice(kinds)
        person = rng.choice(targets.everyone) if kind.who == "anyone" else next(people[kind.who])
        target = {
            "": 0,
            "slot": rng.choice(targets.open_slots) if targets.open_slots else 0,
            "session": rng.choice(targets.open_sessions) if targets.open_sessions else 0,
            "review": next(reviews),
        }[kind.on]
        planned.append(Planned(index, kind, person, target))
    return planned


def _once(rng: random.Random, pool: list[int]) -> Iterator[int]:
    shuffled = list(pool)
    rng.shuffle(shuffled)
    yield from shuffled
    raise RuntimeError("the dataset has too few people for this many writes: raise its size")


# What a right answer says, whatever the platform (the core's own words).
BOOKED = ("Booked", "On the waitlist")
EXPECTED: dict[str, tuple[str, ...]] = {
    "programme_now": ("Running now",),
    "programme_day": ("Programme for",),
    "social_list": ("Socials (#rl)",),
    "mentoring_browse": ("Mentoring",),
    "whoami": ("Person ",),
    "social_form": ("deadline of ICML 2021",),  # mid-conference: the call has closed
    "rsvp_typed": ("RSVP",),
    "rsvp_button": ("RSVP",),
    "book_typed": BOOKED,
    "book_button": ("Book a mentoring session",),
    "book_form": BOOKED,
    "chairs_queue": ("Social proposals — new",),
    "approve_button": ("Approve a social",),
    "approve_typed": ("approved",),
}


def wrong_answer(item: Planned, shown: str) -> str | None:
    """None when `shown` (an answer as the platform received it) is a right one for `item`."""
    if "went wrong on our side" in shown:
        return "apologised (a bug was logged)"
    wanted = EXPECTED[item.kind.name]
    if any(marker in shown for marker in wanted):
        return None
    return f"expected “{' or '.join(wanted)}” in {shown[:300]}"
