"""iCalendar (RFC 5545) files with the `icalendar` library: one VEVENT per entry.

Times are UTC instants (`…Z`), so a file made for Tokyo and one made for Los Angeles hold the
same instants and every calendar app shows them in its own zone. UIDs never change; SEQUENCE
goes up with every change; a cancelled entry stays in the file with STATUS:CANCELLED.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from icalendar import Calendar, Event, vText

from bot.calendars.entries import anchor
from bot.calendars.versions import Served
from bot.timerules import utc

PRODID = "-//Hallway//Hallway track calendar//EN"
REFRESH = timedelta(hours=1)  # how often subscribers are asked to fetch again


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
    for item in ordered:
        calendar.add_component(_event(item, page_url, links))
    data: bytes = calendar.to_ical()
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
