"""The programme as CSV or JSON: every slot of the accepted socials and every mentoring session
not cancelled, in UTC (the programme page's content, without video links)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot.exports.formats import Format, csv_bytes, json_bytes
from bot.services.programme_page import PageItem
from bot.timefmt import iso_utc

COLUMNS = ("uid", "kind", "title", "category", "start", "end", "people", "places", "description")


def programme_file(items: Sequence[PageItem], form: Format) -> bytes:
    rows = [_row(item) for item in items]
    return json_bytes({"programme": rows}) if form == "json" else csv_bytes(COLUMNS, rows)


def _row(item: PageItem) -> dict[str, Any]:
    entry = item.entry
    return {
        "uid": entry.uid,
        "kind": entry.kind.value,
        "title": entry.title,
        "category": entry.category,
        "start": iso_utc(entry.span.start),
        "end": iso_utc(entry.span.end),
        "people": item.people,
        "places": item.places,
        "description": entry.description,
    }
