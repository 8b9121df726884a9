"""The programme as people browse it: accepted, released socials, one entry per slot.

Selection is pure and exact here; storage only narrows what it reads (see `ProgrammeRepository`).
Days are the READER's days: a Tokyo reader's 19 July runs from 00:00 to 24:00 in Tokyo.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from enum import StrEnum

from bot.domain.socials import Category
from bot.timerules import Interval

# Storage narrows a local day by its UTC bounds widened by this much; the exact test is ours.
_DAY_MARGIN = timedelta(hours=3)


@dataclass(frozen=True)
class LeadName:
    participant_id: int
    name: str


@dataclass(frozen=True)
class ListedSlot:
    """One slot of a public social, with what a reader needs to choose it."""

    slot_id: int
    social_id: int
    title: str
    category: Category
    tags: tuple[str, ...]
    span: Interval
    capacity: int | None
    going: int
    waiting: int
    leads: tuple[LeadName, ...] = ()

    @property
    def is_full(self) -> bool:
        return self.capacity is not None and self.going >= self.capacity

    def is_led_by(self, participant_id: int) -> bool:
        return any(lead.participant_id == participant_id for lead in self.leads)


class Standing(StrEnum):
    LEAD = "lead"
    GOING = "going"
    WAITING = "waiting"


@dataclass(frozen=True)
class Place:
    """Where the reader stands for one slot; `position` counts from 1 on the waitlist."""

    standing: Standing
    position: int | None = None


@dataclass(frozen=True)
class Selection:
    """What a reader asked for: every part given must match (categories: any of them)."""

    starts_within: Interval | None = None
    running_at: datetime | None = None
    local_day: date | None = None
    zone: tzinfo = UTC
    categories: frozenset[Category] = frozenset()
    tags: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        object.__setattr__(self, "tags", normal_tags(self.tags))

    def matches(self, entry: ListedSlot) -> bool:
        checks = (
            self.starts_within is None or self.starts_within.contains(entry.span.start),
            self.running_at is None or entry.span.contains(self.running_at),
            self.local_day is None or on_local_day(entry.span.start, self.local_day, self.zone),
            not self.categories or entry.category in self.categories,
            not self.tags or self.tags <= normal_tags(entry.tags),
        )
        return all(checks)


@dataclass(frozen=True)
class Listing:
    """Selected entries for one reader, with where the reader stands for each."""

    entries: tuple[ListedSlot, ...]
    places: Mapping[int, Place]  # the reader's live RSVPs, by slot id
    reader: int | None = None  # participant id; None for someone not registered

    def place(self, entry: ListedSlot) -> Place | None:
        """Leading it, going, waiting, or none."""
        if self.reader is not None and entry.is_led_by(self.reader):
            return Place(Standing.LEAD)
        return self.places.get(entry.slot_id)


@dataclass(frozen=True)
class DayOfProgramme:
    day: date  # in the reader's zone
    entries: tuple[ListedSlot, ...] = field(default_factory=tuple)


def normal_tag(tag: str) -> str:
    """Tags match whatever their case and leading #: "#RL" finds "rl"."""
    return tag.strip().lstrip("#").strip().casefold()


def normal_tags(tags: Iterable[str]) -> frozenset[str]:
    return frozenset(normal_tag(tag) for tag in tags)


def on_local_day(instant: datetime, day: date, zone: tzinfo) -> bool:
    return instant.astimezone(zone).date() == day


def local_day_bounds(day: date, zone: tzinfo) -> Interval:
    """UTC bounds that surely hold every instant of the local day (a little wider, for zones
    whose midnight jumps); `on_local_day` is the exact test."""
    start = datetime.combine(day, time(0), zone).astimezone(UTC)
    end = datetime.combine(day + timedelta(days=1), time(0), zone).astimezone(UTC)
    return Interval(start - _DAY_MARGIN, end + _DAY_MARGIN)


def select(entries: Iterable[ListedSlot], selection: Selection) -> list[ListedSlot]:
    """The matching entries in programme order: by start, then title."""
    chosen = [entry for entry in entries if selection.matches(entry)]
    return sorted(chosen, key=lambda e: (e.span.start, e.title.casefold(), e.slot_id))


def by_local_day(entries: Sequence[ListedSlot], zone: tzinfo) -> list[DayOfProgramme]:
    """Entries (already in order) grouped under the reader's dates."""
    days: dict[date, list[ListedSlot]] = {}
    for entry in entries:
        days.setdefault(entry.span.start.astimezone(zone).date(), []).append(entry)
    return [DayOfProgramme(day, tuple(items)) for day, items in sorted(days.items())]
