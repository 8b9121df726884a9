"""The programme's balance, for the chairs: how busy each UTC hour is, which sessions of one
category clash, which regions' daytime each proposal reaches, and where another slot would
reach the regions it misses. Pure: proposals in, figures out.

Definitions (tested in tests/unit/test_balance.py):
- A slot COVERS the UTC hour [H:00, H+1:00) when it overlaps it for some time: 14:30–16:30
  covers 14, 15 and 16; 14:00–16:00 covers 14 and 15 (it ends as 16:00 begins).
- The week is every UTC date the conference window touches; hours outside it are not counted.
- Two slots CLASH when they belong to different proposals of the same category and overlap
  (half-open: one ending at 16:00 and one starting at 16:00 do not clash).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import cached_property

from bot.domain.regions import REGIONS, Region, regions_reached
from bot.domain.second_slot import SecondSlot, SessionIndex, suggest_slots
from bot.domain.socials import Category
from bot.timerules import Interval

HOUR = timedelta(hours=1)


@dataclass(frozen=True)
class Proposal:
    """A standing proposal as the balance sees it (accepted or still under review)."""

    social_id: int
    title: str
    category: Category
    accepted: bool
    slots: tuple[Interval, ...]
    lead_ids: frozenset[int] = frozenset()

    @cached_property
    def regions(self) -> frozenset[Region]:
        return regions_reached(self.slots)


@dataclass(frozen=True, slots=True)
class SlotOf:
    proposal: Proposal
    slot: Interval


@dataclass(frozen=True, slots=True)
class Clash:
    category: Category
    first: SlotOf
    second: SlotOf


@dataclass(frozen=True)
class DayHours:
    day: date  # a UTC date
    counts: tuple[int, ...]  # 24 figures, one per UTC hour


@dataclass(frozen=True)
class RegionGap:
    proposal: Proposal
    missing: frozenset[Region]
    suggestions: tuple[SecondSlot, ...]


@dataclass(frozen=True)
class Coverage:
    accepted: int
    reached: dict[Region, int]

    def share(self, region: Region) -> float | None:
        """The share of accepted socials reachable in daytime from the region; None: none yet."""
        return self.reached[region] / self.accepted if self.accepted else None


@dataclass(frozen=True)
class Balance:
    hours: tuple[DayHours, ...]
    clashes: tuple[Clash, ...]
    reach: tuple[tuple[Proposal, frozenset[Region]], ...]
    gaps: tuple[RegionGap, ...]
    coverage: Coverage


def hours_covered(slot: Interval) -> list[datetime]:
    """The starts of the UTC hours the slot covers."""
    first = slot.start.astimezone(UTC).replace(minute=0, second=0, microsecond=0)
    hours = []
    while first < slot.end:
        hours.append(first)
        first += HOUR
    return hours


def week_days(window: Interval) -> list[date]:
    """The UTC dates the conference window touches (its end is exclusive)."""
    first, last = (
        window.start.astimezone(UTC).date(),
        (window.end - timedelta(microseconds=1)).date(),
    )
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def hourly_counts(slots: Iterable[Interval], days: Sequence[date]) -> tuple[DayHours, ...]:
    counts: dict[date, list[int]] = {day: [0] * 24 for day in days}
    for slot in slots:
        for hour in hours_covered(slot):
            if hour.date() in counts:
                counts[hour.date()][hour.hour] += 1
    return tuple(DayHours(day, tuple(counts[day])) for day in days)


def category_clashes(proposals: Iterable[Proposal]) -> tuple[Clash, ...]:
    """Every pair of clashing slots, in order of the later one's start: one sweep in order of
    start, keeping per category the slots still running."""
    every = [SlotOf(proposal, slot) for proposal in proposals for slot in proposal.slots]
    every.sort(key=lambda entry: (entry.slot.start, entry.slot.end))
    running: dict[Category, list[SlotOf]] = defaultdict(list)
    found: list[Clash] = []
    for item in every:
        category = item.proposal.category
        still = [other for other in running[category] if other.slot.end > item.slot.start]
        found.extend(
            Clash(category, other, item)
            for other in still
            if other.proposal.social_id != item.proposal.social_id
        )
        still.append(item)
        running[category] = still
    return tuple(found)


def coverage(proposals: Iterable[Proposal]) -> Coverage:
    accepted = [proposal for proposal in proposals if proposal.accepted]
    reached = {region: sum(region in p.regions for p in accepted) for region in REGIONS}
    return Coverage(len(accepted), reached)


def balance(proposals: Sequence[Proposal], window: Interval, best: int = 3) -> Balance:
    """The chairs' view of every standing proposal within the conference window."""
    every_slot = [slot for proposal in proposals for slot in proposal.slots]
    index = SessionIndex(every_slot, window)
    reach = tuple((proposal, proposal.regions) for proposal in proposals)
    blocked = _lead_blocks(proposals)
    gaps = tuple(
        RegionGap(
            proposal,
            missing,
            suggest_slots(proposal.slots, missing, index, blocked[proposal.social_id], best),
        )
        for proposal, reached in reach
        if (missing := frozenset(REGIONS) - reached)
    )
    return Balance(
        hourly_counts(every_slot, week_days(window)),
        category_clashes(proposals),
        reach,
        gaps,
        coverage(proposals),
    )


def _lead_blocks(proposals: Sequence[Proposal]) -> dict[int, tuple[Interval, ...]]:
    """Where another slot of each proposal cannot go: over its own slots, or over those its
    leads lead in other proposals (a lead cannot be in two places)."""
    by_lead: dict[int, list[Proposal]] = defaultdict(list)
    for proposal in proposals:
        for lead in proposal.lead_ids:
            by_lead[lead].append(proposal)
    blocked: dict[int, tuple[Interval, ...]] = {}
    for proposal in proposals:
        others = {o.social_id: o for lead in proposal.lead_ids for o in by_lead[lead]}
        others.pop(proposal.social_id, None)
        shared = [slot for other in others.values() for slot in other.slots]
        blocked[proposal.social_id] = (*proposal.slots, *shared)
    return blocked
