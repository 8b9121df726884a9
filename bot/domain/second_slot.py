"""Where another slot would help a proposal reach the regions it misses.

Candidates start on the hour or half hour, inside the conference window, and last as long as
the proposal's slots. A candidate is worth suggesting when it reaches a missing region; the
best add the most missing regions, then clash with the fewest other sessions, then lie closest
to twelve hours after the first slot (the call's double session). A candidate never overlaps
the proposal's own slots nor a slot one of its leads leads elsewhere.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from bot.domain.regions import Region, regions_reached
from bot.timerules import Interval

GRID = timedelta(minutes=30)
DOUBLE_SESSION_GAP = timedelta(hours=12)


@dataclass(frozen=True)
class SecondSlot:
    slot: Interval
    adds: frozenset[Region]  # the missing regions this slot reaches
    overlaps: int  # other sessions running at some time during it


@dataclass(frozen=True)
class _Candidate:
    slot: Interval
    reaches: frozenset[Region]
    overlaps: int


class SessionIndex:
    """Every session of the programme, for counting those that overlap a span quickly."""

    def __init__(self, slots: Iterable[Interval], window: Interval) -> None:
        spans = list(slots)
        self.window = window
        self._starts = sorted(span.start for span in spans)
        self._ends = sorted(span.end for span in spans)
        self._candidates: dict[int, list[_Candidate]] = {}

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
    options = [
        SecondSlot(item.slot, adds, item.overlaps)
        for item in index.candidates(first.minutes)
        if (adds := item.reaches & missing)
        and not any(item.slot.overlaps(other) for other in blocked)
    ]
    return tuple(
        heapq.nsmallest(
            best,
            options,
            key=lambda o: (-len(o.adds), o.overlaps, abs(o.slot.start - anchor), o.slot.start),
        )
    )
