"""The table of chairs' data shared by the destination tests (core and Discord; Slack's,
`tests/hardening/privacy/test_chairs_data.py`, uses its markers): each chair-only kind, how to
recognise it in what a platform was given, and who may be given it."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

NOTE = "Please seat us near the door (note 4417)."
COMMENT = "Looks good, check the room size (comment 2290)."
REPORT = "A lead shouted at a guest (report 6153)."
CHAIR_BUTTONS = ("social.approve", "social.reject", "social.suggest", "social.combine")


@dataclass(frozen=True)
class Kind:
    name: str
    found_in: Callable[[str], bool]
    allowed: str  # "chairs" or "team": the audiences are the surface's own names for them


def has(*needles: str) -> Callable[[str], bool]:
    return lambda shown: any(needle in shown for needle in needles)


KINDS = (
    Kind("notes to the chairs", has(NOTE), "chairs"),
    Kind("chairs' comments", has(COMMENT), "chairs"),
    Kind("review card", has("Social proposal #"), "chairs"),
    Kind("review buttons", has(*(f"{action}:" for action in CHAIR_BUTTONS)), "chairs"),
    Kind("review queue", has("Review queue", "in the running"), "chairs"),
    Kind("balance", has("Programme balance:"), "chairs"),
    Kind("heatmap", has("heatmap.png"), "chairs"),
    Kind("statistics", has("Statistics for the chairs"), "chairs"),
    Kind("exports", has("Chairs' exports", "submissions.csv"), "chairs"),
    Kind("delivery status", has("Deliveries\n", "fan-out"), "chairs"),
    Kind("conduct report", has(REPORT), "reporter"),  # the team, and Bob who filed it
    Kind("conduct card", has("Code-of-conduct report #"), "team"),
)


def strings_in(value: Any) -> str:
    """Every string in a payload, one per line, markdown escapes taken out: what a person
    could read in it (button ids included)."""
    found: list[str] = []

    def walk(item: Any) -> None:
        if isinstance(item, str):
            found.append(item)
        elif isinstance(item, dict):
            for part in item.values():
                walk(part)
        elif isinstance(item, list | tuple):
            for part in item:
                walk(part)

    walk(value)
    return "\n".join(found).replace("\\", "") + "\n"


def leaks(
    shown: Iterable[tuple[str, str]], allowed: dict[str, frozenset[str]]
) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """(kinds never seen, kinds seen outside their audiences) with the audiences concerned."""
    reached = {kind.name: {who for who, text in shown if kind.found_in(text)} for kind in KINDS}
    unseen = {name: [] for name, where in reached.items() if not where}
    outside = {
        kind.name: sorted(reached[kind.name] - allowed[kind.allowed])
        for kind in KINDS
        if reached[kind.name] - allowed[kind.allowed]
    }
    return unseen, outside
