"""Which regions' daytime a session reaches (DESIGN §1, "Review").

A slot reaches a region when it lies wholly inside 08:00–22:00 local time at every offset of
the region. A region is a closed range of UTC offsets [low, high]; whether one reads it as every
offset in between or only those on a 30-minute grid, the answer is the same, for two reasons:

- Moving the offset moves local times monotonically, so "starts at or after 08:00" is hardest
  at the lowest offset and "ends at or before 22:00" at the highest; both bounds are on the grid.
- All offsets must find the slot inside the SAME local day: local times move continuously with
  the offset, and between one day's 22:00 and the next day's 08:00 lie ten hours, so no
  connected range of offsets can put the slot in two different days' windows.

Hence, exactly: at the lowest offset the slot starts at or after 08:00 on some local day D, and
at the highest offset it ends at or before 22:00 on that same day D.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from enum import StrEnum

from bot.timerules import Interval, utc

DAY_STARTS = time(8)
DAY_ENDS = time(22)


class Region(StrEnum):
    AMERICAS = "americas"
    EUROPE_AFRICA = "europe-africa"
    ASIA_PACIFIC = "asia-pacific"

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def offsets(self) -> OffsetRange:
        return _OFFSETS[self]


@dataclass(frozen=True)
class OffsetRange:
    low: timedelta
    high: timedelta

    @classmethod
    def hours(cls, low: float, high: float) -> OffsetRange:
        return cls(timedelta(hours=low), timedelta(hours=high))

    def grid(self, step: timedelta = timedelta(minutes=30)) -> list[timedelta]:
        """Every offset of the range at `step` granularity (for checking the exact rule)."""
        count = int((self.high - self.low) / step)
        return [self.low + step * index for index in range(count + 1)]


_LABELS = {
    Region.AMERICAS: "Americas",
    Region.EUROPE_AFRICA: "Europe/Africa",
    Region.ASIA_PACIFIC: "Asia/Pacific",
}

_OFFSETS = {
    Region.AMERICAS: OffsetRange.hours(-7, -3),
    Region.EUROPE_AFRICA: OffsetRange.hours(0, 3),
    Region.ASIA_PACIFIC: OffsetRange.hours(5.5, 10),
}

REGIONS = tuple(Region)

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MINUTE = timedelta(minutes=1)
MINUTES_A_DAY = 24 * 60
_DAY_STARTS_AT = DAY_STARTS.hour * 60
_DAY_ENDS_AT = DAY_ENDS.hour * 60
_OFFSET_MINUTES = {
    region: (offsets.low // MINUTE, offsets.high // MINUTE) for region, offsets in _OFFSETS.items()
}


def inside_daytime_at(slot: Interval, offset: timedelta) -> bool:
    """The slot, read at one UTC offset, starts and ends within the same day's 08:00–22:00."""
    start = _wall(slot.start, offset)
    end = _wall(slot.end, offset)
    day = start.date()
    return start.time() >= DAY_STARTS and end <= datetime.combine(day, DAY_ENDS)


def reaches(slot: Interval, region: Region) -> bool:
    """Exact: earliest local start at the lowest offset, latest local end at the highest.

    In whole minutes since the epoch (the balance asks this some thousand times per view)."""
    low, high = _OFFSET_MINUTES[region]
    start = _minutes(slot.start) + low
    end = -(-(slot.end - EPOCH) // MINUTE) + high  # an end part-way through a minute: the next
    day = start - start % MINUTES_A_DAY
    return start - day >= _DAY_STARTS_AT and end <= day + _DAY_ENDS_AT


def regions_reached(slots: Iterable[Interval]) -> frozenset[Region]:
    """A social reaches a region when one of its slots does."""
    spans = list(slots)
    return frozenset(region for region in REGIONS if any(reaches(s, region) for s in spans))


def _minutes(instant: datetime) -> int:
    return (utc(instant) - EPOCH) // MINUTE


def _wall(instant: datetime, offset: timedelta) -> datetime:
    """The naive wall-clock reading of an instant at a fixed UTC offset."""
    return utc(instant).replace(tzinfo=None) + offset
