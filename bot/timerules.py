"""Time rules of the call, pure: deadlines anywhere on Earth, the conference window,
and reading a wall-clock time typed in someone's zone without ever shifting it silently.

Instants are aware `datetime`s in UTC. Local readings happen only at the edges, here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from bot.errors import HallwayError

# "Anywhere on Earth" is the last zone to see a date end; UTC+14 the first to see one begin.
AOE = timezone(timedelta(hours=-12), "AoE")
EARLIEST_ZONE = timezone(timedelta(hours=14), "UTC+14")

Fold = Literal["earlier", "later"]


class TimeInputError(HallwayError):
    """A typed time or zone cannot be read; the message says what to type instead."""


class NonexistentLocalTime(TimeInputError):
    """The wall-clock time falls in a daylight-saving gap."""


class AmbiguousLocalTime(TimeInputError):
    """The wall-clock time happens twice (daylight saving ends); the reader must choose."""


@dataclass(frozen=True)
class Interval:
    """A half-open span of time [start, end)."""

    start: datetime
    end: datetime

    def __post_init__(self) -> None:
        if self.end <= self.start:
            raise ValueError(f"interval ends ({self.end}) before it starts ({self.start})")

    @classmethod
    def lasting(cls, start: datetime, minutes: int) -> Interval:
        return cls(start, start + timedelta(minutes=minutes))

    def contains(self, instant: datetime) -> bool:
        return self.start <= instant < self.end

    def overlaps(self, other: Interval) -> bool:
        return self.start < other.end and other.start < self.end

    @property
    def minutes(self) -> int:
        return int((self.end - self.start).total_seconds() // 60)


def aoe_end_of(day: date) -> datetime:
    """The instant `day` has ended everywhere on Earth: day+1 00:00 at UTC−12.

    21 June 2021 AoE closes at 2021-06-22T12:00:00Z.
    """
    return datetime.combine(day + timedelta(days=1), time(0), AOE).astimezone(UTC)


def conference_window(first_day: date, last_day: date) -> Interval:
    """Starts that fall on a conference date somewhere on Earth.

    From the first date's midnight at UTC+14 to the end of the last date at UTC−12.
    """
    start = datetime.combine(first_day, time(0), EARLIEST_ZONE).astimezone(UTC)
    return Interval(start, aoe_end_of(last_day))


def utc(instant: datetime) -> datetime:
    """The same instant in UTC; refuses naive datetimes, which have no instant."""
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError(f"{instant!r} has no time zone")
    return instant.astimezone(UTC)


def zone_named(name: str) -> ZoneInfo:
    """An IANA zone by name (`Asia/Tokyo`), or an error that suggests close names."""
    cleaned = name.strip()
    try:
        if cleaned and not cleaned.startswith(("/", ".")):
            return ZoneInfo(cleaned)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        pass  # OSError: a name too long to be a file name (zoneinfo looks names up as files)
    hints = suggest_zones(cleaned, limit=3)
    hint = f" Did you mean {', '.join(hints)}?" if hints else ""
    raise TimeInputError(f"“{cleaned}” is not a time zone name like Europe/Paris.{hint}")


def suggest_zones(fragment: str, limit: int = 25) -> list[str]:
    """Zone names containing the typed fragment (for autocomplete and hints)."""
    needle = fragment.strip().lower().replace(" ", "_")
    names = sorted(available_timezones())
    if not needle:
        return names[:limit]
    starts = [n for n in names if n.lower().split("/")[-1].startswith(needle)]
    contains = [n for n in names if needle in n.lower() and n not in starts]
    return (starts + contains)[:limit]


def local_to_utc(day: date, wall: time, zone: tzinfo, fold: Fold | None = None) -> datetime:
    """The UTC instant of a wall-clock reading in `zone`.

    A time skipped by daylight saving is refused; a time that happens twice needs `fold`.
    """
    naive = datetime.combine(day, wall.replace(tzinfo=None, fold=0))
    first = naive.replace(tzinfo=zone, fold=0)
    second = naive.replace(tzinfo=zone, fold=1)
    if first.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != naive:
        raise NonexistentLocalTime(_gap_message(naive, zone))
    if first.utcoffset() != second.utcoffset():
        if fold is None:
            raise AmbiguousLocalTime(_fold_message(naive, zone, first, second))
        return (first if fold == "earlier" else second).astimezone(UTC)
    return first.astimezone(UTC)


_LOCAL_PATTERN = re.compile(
    r"""^\s*(?P<date>\d{4}-\d{1,2}-\d{1,2})
        (?:\s+|T)
        (?P<hour>\d{1,2})(?::(?P<minute>\d{2}))?(?::(?P<second>\d{2}))?
        \s*(?P<ampm>am|pm|a\.m\.|p\.m\.)?
        \s*(?P<offset>Z|UTC|[+-]\d{2}:?\d{2})?
        \s*(?P<fold>earlier|later|first|second)?\s*$""",
    re.IGNORECASE | re.VERBOSE,
)

LOCAL_FORMAT_HINT = "YYYY-MM-DD HH:MM"


def parse_local(text: str, zone: tzinfo) -> datetime:
    """Read `YYYY-MM-DD HH:MM` typed in `zone` into a UTC instant.

    Also accepted: a `T` separator, seconds, `am`/`pm`, an explicit offset (`+02:00`, `Z`),
    which wins over the zone, and `earlier`/`later` to pick a time that happens twice.
    """
    match = _LOCAL_PATTERN.match(text)
    if match is None:
        raise TimeInputError(f"“{text.strip()}” is not a date and time; type {LOCAL_FORMAT_HINT}.")
    try:
        day = date.fromisoformat(_pad_date(match["date"]))
        wall = _wall_time(match)
    except ValueError:
        raise TimeInputError(
            f"“{text.strip()}” is not a real date and time; type {LOCAL_FORMAT_HINT}."
        ) from None
    if match["offset"]:
        return datetime.combine(day, wall, _offset(match["offset"])).astimezone(UTC)
    fold_word = (match["fold"] or "").lower()
    fold: Fold | None = None
    if fold_word:
        fold = "earlier" if fold_word in ("earlier", "first") else "later"
    return local_to_utc(day, wall, zone, fold)


def _pad_date(text: str) -> str:
    year, month, day = text.split("-")
    return f"{year}-{int(month):02d}-{int(day):02d}"


def _wall_time(match: re.Match[str]) -> time:
    hour = int(match["hour"])
    ampm = (match["ampm"] or "").lower().replace(".", "")
    if ampm:
        if not 1 <= hour <= 12:
            raise ValueError("12-hour clock")
        hour = hour % 12 + (12 if ampm == "pm" else 0)
    return time(hour, int(match["minute"] or 0), int(match["second"] or 0))


def _offset(text: str) -> tzinfo:
    if text.upper() in ("Z", "UTC"):
        return UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:])
    if hours > 14 or minutes >= 60:
        raise TimeInputError(f"“{text}” is not a UTC offset.")
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def _gap_message(naive: datetime, zone: tzinfo) -> str:
    before = naive.replace(tzinfo=zone, fold=0).utcoffset() or timedelta(0)
    after = naive.replace(tzinfo=zone, fold=1).utcoffset() or timedelta(0)
    jump = abs(after - before) if after != before else timedelta(hours=1)
    return (
        f"{naive:%Y-%m-%d %H:%M} does not exist in {zone}: the clocks skip "
        f"{_span(jump)} that night for daylight saving. Pick a time outside the jump."
    )


def _fold_message(naive: datetime, zone: tzinfo, first: datetime, second: datetime) -> str:
    return (
        f"{naive:%Y-%m-%d %H:%M} happens twice in {zone} (first at UTC{_signed(first)}, "
        f"then at UTC{_signed(second)}) as daylight saving ends. Add “earlier” or “later”, "
        f"or give the offset, e.g. “{naive:%Y-%m-%d %H:%M} {_signed(first)}”."
    )


def _signed(instant: datetime) -> str:
    offset = instant.utcoffset() or timedelta(0)
    sign = "-" if offset < timedelta(0) else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def _span(delta: timedelta) -> str:
    minutes = int(delta.total_seconds()) // 60
    hours, rest = divmod(minutes, 60)
    if rest == 0:
        return f"{hours} hour" + ("s" if hours != 1 else "")
    return f"{minutes} minutes"
