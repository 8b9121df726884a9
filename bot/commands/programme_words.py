"""Reading what people type after `/social list` and `/programme day`, forgivingly.

`/social list [DAY] [CATEGORY…] [#TAG…]`, words in any order:
- a day: `today`, `tomorrow`, `2021-07-19`, or a weekday (`mon`, `Tuesday`) of the conference,
  read in the reader's zone;
- a category by its first letters (`research`, `skills`, `training`, `affinity`, `gathering`,
  `other`); several categories list any of them;
- `#tag`, or any other word: socials carrying every tag given (case and # do not matter).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta, tzinfo

from bot.domain.programme import Selection
from bot.domain.socials import Category
from bot.errors import InvalidInput

LIST_SYNTAX = "/social list [today|tomorrow|YYYY-MM-DD|weekday] [category…] [#tag…]"

_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_EARLIEST, _LATEST = date.min + timedelta(days=1), date.max - timedelta(days=1)
_CATEGORY_SYNONYMS = {"training": Category.SKILLS, "social": Category.GATHERING}


def read_day(word: str, *, today: date, days: Sequence[date]) -> date | None:
    """A day word, or None when the word is not one; a date that cannot exist is refused."""
    lowered = word.strip().lower()
    if lowered in ("today", "tomorrow"):
        return today + timedelta(days=1 if lowered == "tomorrow" else 0)
    if match := _DATE.match(lowered):
        try:
            day = date(*(int(part) for part in match.groups()))
        except ValueError:
            raise InvalidInput.at("day", f"“{word}” is not a real date; type YYYY-MM-DD.") from None
        if not _EARLIEST <= day <= _LATEST:  # its midnight in some zone is not a datetime
            raise InvalidInput.at("day", f"“{word}” is too far in the past or future.")
        return day
    weekday = _weekday(lowered)
    if weekday is None:
        return None
    found = next((day for day in days if day.weekday() == weekday), None)
    if found is None:
        raise InvalidInput.at("day", f"The conference has no {_WEEKDAYS[weekday].title()}.")
    return found


def read_category(word: str) -> Category | None:
    lowered = word.strip().lower()
    if lowered in _CATEGORY_SYNONYMS:
        return _CATEGORY_SYNONYMS[lowered]
    if len(lowered) < 3:
        return None
    return next((c for c in Category if c.value.startswith(lowered.rstrip("s"))), None)


def read_list_words(text: str, *, today: date, days: Sequence[date], zone: tzinfo) -> Selection:
    day: date | None = None
    categories: set[Category] = set()
    tags: set[str] = set()
    for word in text.split():
        if word.startswith("#"):
            tags.add(word)
        elif (found_day := read_day(word, today=today, days=days)) is not None:
            if day is not None and found_day != day:
                raise InvalidInput.at("day", f"Give one day at a time. Usage: {LIST_SYNTAX}")
            day = found_day
        elif (category := read_category(word)) is not None:
            categories.add(category)
        else:
            tags.add(word)
    return Selection(
        local_day=day, zone=zone, categories=frozenset(categories), tags=frozenset(tags)
    )


def _weekday(word: str) -> int | None:
    if len(word) < 3:
        return None
    return next((n for n, name in enumerate(_WEEKDAYS) if name.startswith(word)), None)
