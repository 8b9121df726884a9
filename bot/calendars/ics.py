"""iCalendar (RFC 5545) files with the `icalendar` library: one VEVENT per entry.

Times are UTC instants (`…Z`), so a file made for Tokyo and one made for Los Angeles hold the
same instants and every calendar app shows them in its own zone. UIDs never change; SEQUENCE
goes up with every change; a cancelled entry stays in the file with STATUS:CANCELLED.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from functools import lru_cache

from icalendar import Calendar, Event, vText

from bot.calendars.entries import Entry, anchor
from bot.calendars.versions import Served
from bot.timerules import utc

PRODID = "-//Hallway//Hallway track calendar//EN"
REFRESH = timedelta(hours=1)  # how often subscribers are asked to fetch again
_END = b"END:VCALENDAR\r\n"


def calendar_file(name: str, served: Sequence[Served], *, page_url: str, links: bool) -> bytes:
    """The calendar as bytes. `links`: put video links in LOCATION and URL (personal files);
    without, LOCATION says where the room is and URL points at the programme page."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "UTC")
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT1H")
    ordered = sorted(served, key=lambda item: (item.entry.span.start, item.entry.uid))
    events = b"".join(
        event_bytes(item.entry, item.sequence, item.changed_at, page_url, links) for item in ordered
    )
    head: bytes = calendar.to_ical()
    return head.removesuffix(_END) + events + _END


@lru_cache(maxsize=50_000)
def event_bytes(
    entry: Entry, sequence: int, changed_at: datetime, page_url: str, links: bool
) -> bytes:
    """One VEVENT, serialised by `icalendar`; remembered, since a feed polled every hour is
    mostly the same events again (serialising is nine tenths of a feed's cost)."""
    data: bytes = _event(Served(entry, sequence, changed_at), page_url, links).to_ical()
    return data


def _event(item: Served, page_url: str, links: bool) -> Event:
    entry = item.entry
    event = Event()
    event.add("uid", entry.uid)
    event.add("dtstamp", utc(item.changed_at))
    event.add("last-modified", utc(item.changed_at))
    event.add("sequence", item.sequence)
    event.add("dtstart", utc(entry.span.start))
    event.add("dtend", utc(entry.span.end))
    event.add("summary", entry.title)
    event.add("description", entry.description)
    event.add("categories", [entry.category_label])
    link = entry.video_url if links and entry.video_url else None
    event.add("location", vText(link or entry.room))
    event.add("url", link or f"{page_url}#{anchor(entry.uid)}")
    event.add("status", "CANCELLED" if entry.cancelled else "CONFIRMED")
    event.add("transp", "TRANSPARENT" if entry.cancelled else "OPAQUE")
    return event
