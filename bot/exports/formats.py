"""Rows to CSV or JSON bytes. Times are UTC ISO 8601 with a Z (see `bot.timefmt.iso_utc`)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from typing import Any, Literal

Format = Literal["csv", "json"]
FORMATS: tuple[Format, ...] = ("csv", "json")
_FORMULA = ("=", "+", "-", "@", "\t", "\r")
CONTENT_TYPES = {"csv": "text/csv", "json": "application/json", "ics": "text/calendar"}


def csv_bytes(columns: Sequence[str], rows: Sequence[Mapping[str, Any]]) -> bytes:
    """A header row and one row per mapping; lists joined with "; ", None as empty."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({column: _cell(row.get(column)) for column in columns})
    return out.getvalue().encode("utf-8")


def json_bytes(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | tuple):
        return "; ".join(_cell(item) for item in value)
    if isinstance(value, str) and value.startswith(_FORMULA):
        return "'" + value  # a spreadsheet would run user text starting like a formula
    return str(value)
