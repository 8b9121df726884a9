"""A Google Calendar "add event" link for one entry (Google reads UTC times with a Z)."""

from __future__ import annotations

from urllib.parse import urlencode

from bot.calendars.entries import Entry
from bot.timerules import utc

TEMPLATE = "https://calendar.google.com/calendar/render"
_STAMP = "%Y%m%dT%H%M%SZ"


def google_calendar_link(entry: Entry, page_url: str) -> str:
    dates = f"{utc(entry.span.start):{_STAMP}}/{utc(entry.span.end):{_STAMP}}"
    query = {
        "action": "TEMPLATE",
        "text": entry.title,
        "dates": dates,
        "details": f"{entry.description}\n\n{page_url}",
        "location": entry.room,
    }
    return f"{TEMPLATE}?{urlencode(query)}"
