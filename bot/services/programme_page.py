"""The public programme page's content: accepted socials (every slot) and mentoring sessions
still open to join, narrowed by day and category. Read-only, for anyone: no video links.

Days are read in the zone the visitor's browser reports (UTC when it reports none), so "19 July"
means the visitor's 19 July.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, timedelta, tzinfo

from bot.app import Hallway
from bot.calendars.entries import MENTORING, Entry, anchor, session_entry, social_entry
from bot.domain.socials import Category

CATEGORIES: tuple[tuple[str, str], ...] = (
    *((category.value, category.label) for category in Category),
    (MENTORING, "Mentoring"),
)


@dataclass(frozen=True)
class PageItem:
    entry: Entry
    people: str  # "Led by …" or "With …"
    places: str  # "3 going", "2 of 5 seats free"

    @property
    def anchor(self) -> str:
        return anchor(self.entry.uid)


@dataclass(frozen=True)
class PageFilter:
    day: date | None = None
    category: str | None = None
    zone: tzinfo | None = None  # the visitor's, for reading `day`
    past_sessions: bool = False  # mentoring sessions already over too (exports)


@dataclass(frozen=True)
class ProgrammePage:
    event_name: str
    days: tuple[date, ...]
    items: tuple[PageItem, ...]
    chosen: PageFilter


async def public_programme(hw: Hallway, chosen: PageFilter) -> ProgrammePage:
    event = hw.event
    async with hw.uow() as uow:
        slots = await uow.calendars.social_slots(event.id)
        sessions = await uow.calendars.sessions(event.id)
    items = [
        PageItem(
            social_entry(facts, event.slug, event.reminders.rooms_open),
            _names("Led by", [lead.name for lead in facts.leads]),
            f"{facts.going} going" + (f" of {facts.capacity}" if facts.capacity else ""),
        )
        for facts in slots
        if not facts.cancelled
    ]
    items.extend(
        PageItem(
            session_entry(facts, event.slug),
            f"With {facts.mentor_name}" + (f" ({facts.affiliation})" if facts.affiliation else ""),
            f"{facts.free} of {facts.capacity} seats free",
        )
        for facts in sessions
        if not facts.cancelled and (chosen.past_sessions or facts.span.end > hw.now())
    )
    shown = sorted(
        (item for item in items if _matches(item, chosen)),
        key=lambda item: (item.entry.span.start, item.entry.title.casefold(), item.entry.uid),
    )
    return ProgrammePage(event.name, _days(hw), tuple(shown), chosen)


def _matches(item: PageItem, chosen: PageFilter) -> bool:
    entry = item.entry
    if chosen.category and entry.category != chosen.category:
        return False
    if chosen.day is None:
        return True
    return entry.span.start.astimezone(chosen.zone or UTC).date() == chosen.day


def _days(hw: Hallway) -> tuple[date, ...]:
    first, last = hw.event.first_day, hw.event.last_day
    return tuple(first + timedelta(days=n) for n in range((last - first).days + 1))


def _names(prefix: str, names: list[str]) -> str:
    if not names:
        return ""
    joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"{prefix} {joined}"
