"""The data behind the chairs' heatmap (pure): sessions per UTC hour across the conference week,
one series per category, and the hours that are daytime in each region.

A session counts in every UTC hour it covers (`bot.domain.balance.hours_covered`). A region's
daytime band on a UTC date D runs from D 08:00 at its lowest offset to D 22:00 at its highest
(Americas 15:00–01:00 UTC, Europe/Africa 08:00–19:00, Asia/Pacific 02:30–12:00): the hours in
which a session reaches the region's daytime at every offset, as `bot.domain.regions` defines.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from bot.domain.balance import HOUR, hours_covered, week_days
from bot.domain.regions import DAY_ENDS, DAY_STARTS, REGIONS, Region
from bot.domain.socials import Category
from bot.timerules import Interval

MENTORING = "mentoring"
SERIES: tuple[str, ...] = (*(category.value for category in Category), MENTORING)


@dataclass(frozen=True)
class Heatmap:
    hours: tuple[datetime, ...]  # the start of every UTC hour of the week
    counts: Mapping[str, tuple[int, ...]]  # per series (SERIES), one figure per hour
    bands: Mapping[Region, tuple[Interval, ...]]  # daytime at every offset, within the week

    def total(self, index: int) -> int:
        return sum(series[index] for series in self.counts.values())

    def count(self, series: str, hour: datetime) -> int:
        return self.counts[series][self.hours.index(hour)]


def heatmap_data(sessions: Iterable[tuple[str, Interval]], window: Interval) -> Heatmap:
    """`sessions`: (series, span) pairs — a social's slots under its category, mentoring
    sessions under MENTORING."""
    days = week_days(window)
    first = datetime.combine(days[0], time(0), UTC)
    hours = tuple(first + HOUR * n for n in range(24 * len(days)))
    index = {hour: n for n, hour in enumerate(hours)}
    counts = {series: [0] * len(hours) for series in SERIES}
    for series, span in sessions:
        for hour in hours_covered(span):
            if hour in index:
                counts[series][index[hour]] += 1
    week = Interval(hours[0], hours[-1] + HOUR)
    return Heatmap(
        hours,
        {series: tuple(figures) for series, figures in counts.items()},
        {region: daytime_bands(region, week) for region in REGIONS},
    )


def daytime_bands(region: Region, week: Interval) -> tuple[Interval, ...]:
    low, high = region.offsets.low, region.offsets.high
    bands = []
    day = week.start.date() - timedelta(days=1)
    while datetime.combine(day, time(0), UTC) < week.end:
        start = datetime.combine(day, DAY_STARTS, UTC) - low
        end = datetime.combine(day, DAY_ENDS, UTC) - high
        clipped = (max(start, week.start), min(end, week.end))
        if clipped[0] < clipped[1]:
            bands.append(Interval(*clipped))
        day += timedelta(days=1)
    return tuple(bands)


def series_label(series: str) -> str:
    return "Mentoring" if series == MENTORING else Category(series).label


def programme_sessions(
    socials: Sequence[tuple[Category, Sequence[Interval]]], mentoring: Sequence[Interval]
) -> list[tuple[str, Interval]]:
    found = [(category.value, span) for category, spans in socials for span in spans]
    return found + [(MENTORING, span) for span in mentoring]
