"""Where another slot would help a proposal reach the regions it misses.

Candidates start on the hour or half hour, inside the conference window, and last as long as
the proposal's slots. A candidate is worth suggesting when it reaches a missing region; the
best add the most missing regions, then clash with the fewest other sessions, then lie closest
to twelve hours after the first slot (the call's double session). A candidate never overlaps
the proposal's own slots nor a slot one of its leads leads elsewhere.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from bot.domain.regions import Region, regions_reached
from bot.timerules import Interval

GRID = timedelta(minutes=30)
DOUBLE_SESSION_GAP = timedelta(hours=12)


@dataclass(frozen=True, slots=True)
class SecondSlot:
    slot: Interval
    adds: frozenset[Region]  # the missing regions this slot reaches
    overlaps: int  # other sessions running at some time during it


@dataclass(frozen=True, slots=True)
class _Candidate:
    slot: Interval
    reaches: frozenset[Region]
    overlaps: int


@dataclass(frozen=True)
class _Tier:
    """Candidates equally good on regions added and overlaps, in order of start."""

    starts: list[datetime]
    options: list[SecondSlot]

    def closest_to(self, anchor: datetime) -> Iterator[SecondSlot]:
        """Outward from the anchor; of two equally close, the earlier first."""
        after = bisect_left(self.starts, anchor)
        before = after - 1
        while before >= 0 or after < len(self.starts):
            later_is_closer = after < len(self.starts) and (
                before < 0 or self.starts[after] - anchor < anchor - self.starts[before]
            )
            if later_is_closer:
                yield self.options[after]
                after += 1
            else:
                yield self.options[before]
                before -= 1


class SessionIndex:
    """Every session of the programme, for counting those that overlap a span quickly, and the
    candidate slots ranked once per slot length and set of missing regions."""

    def __init__(self, slots: Iterable[Interval], window: Interval) -> None:
        spans = list(slots)
        self.window = window
        self._starts = sorted(span.start for span in spans)
        self._ends = sorted(span.end for span in spans)
        self._candidates: dict[int, list[_Candidate]] = {}
        self._tiers: dict[tuple[int, frozenset[Region]], list[_Tier]] = {}

    def overlapping(self, span: Interval) -> int:
        """Sessions starting before the span ends, less those that ended by its start (each
        of which also started before the span ends)."""
        began = bisect_left(self._starts, span.end)
        over = bisect_right(self._ends, span.start)
        return began - over

    def candidates(self, minutes: int) -> list[_Candidate]:
        """Every grid start in the window for a slot of this length; computed once per length."""
        if minutes not in self._candidates:
            self._candidates[minutes] = [
                _Candidate(span, regions_reached([span]), self.overlapping(span))
                for start in grid_starts(self.window)
                for span in [Interval.lasting(start, minutes)]
            ]
        return self._candidates[minutes]

    def tiers(self, minutes: int, missing: frozenset[Region]) -> list[_Tier]:
        """Candidates adding a missing region, best tier first: most regions added, then
        fewest overlaps. Within a tier only the distance to the anchor remains to rank."""
        key = (minutes, missing)
        if key not in self._tiers:
            grouped: dict[tuple[int, int], list[SecondSlot]] = defaultdict(list)
            for item in self.candidates(minutes):
                if adds := item.reaches & missing:
                    option = SecondSlot(item.slot, adds, item.overlaps)
                    grouped[(-len(adds), item.overlaps)].append(option)
            self._tiers[key] = [
                _Tier([option.slot.start for option in grouped[rank]], grouped[rank])
                for rank in sorted(grouped)
            ]
        return self._tiers[key]


def grid_starts(window: Interval) -> list[datetime]:
    """Starts on the hour or half hour from the window's start (rounded up) to before its end."""
    start = window.start.astimezone(UTC)
    hour = start.replace(minute=0, second=0, microsecond=0)
    at = hour + GRID * -((hour - start) // GRID)  # rounded up to the grid
    starts = []
    while at < window.end:
        starts.append(at)
        at += GRID
    return starts


def suggest_slots(
    slots: Sequence[Interval],
    missing: frozenset[Region],
    index: SessionIndex,
    blocked: Sequence[Interval],
    best: int = 3,
) -> tuple[SecondSlot, ...]:
    if not slots or not missing:
        return ()
    first = min(slots, key=lambda span: span.start)
    anchor = first.start + DOUBLE_SESSION_GAP
    found: list[SecondSlot] = []
    for tier in index.tiers(first.minutes, missing):
        for option in tier.closest_to(anchor):
            if not any(option.slot.overlaps(other) for other in blocked):
                found.append(option)
                if len(found) == best:
                    return tuple(found)
    return tuple(found)
