"""Showing instants: platform-native localised tokens and plain-text fallbacks.

Slack and Discord both render a token in each reader's own zone, so one message reads right in
Tokyo and in Los Angeles. The fallback is what a client that cannot render the token shows.
"""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import Literal

from bot.timerules import utc

Style = Literal["full", "short", "date", "time", "relative"]

# Discord's letters: F = "Sunday, 18 July 2021 15:00", f = short date-time, D = date, t = time.
_DISCORD = {"full": "F", "short": "f", "date": "D", "time": "t", "relative": "R"}

# Slack's {date_long_pretty} etc. render in the reader's zone and language.
_SLACK = {
    "full": "{date_long_pretty} at {time}",
    "short": "{date_short_pretty} at {time}",
    "date": "{date_long_pretty}",
    "time": "{time}",
    "relative": "{ago}",
}

_PLAIN = {
    "full": "%A %d %B %Y, %H:%M %Z",
    "short": "%a %d %b, %H:%M %Z",
    "date": "%A %d %B %Y",
    "time": "%H:%M %Z",
    "relative": "%a %d %b, %H:%M %Z",
}


def unix(instant: datetime) -> int:
    return int(utc(instant).timestamp())


def discord_timestamp(instant: datetime, style: Style = "full") -> str:
    return f"<t:{unix(instant)}:{_DISCORD[style]}>"


def slack_date(
    instant: datetime, style: Style = "full", fallback_zone: tzinfo | None = None
) -> str:
    fallback = plain_time(instant, fallback_zone, style).replace("|", "/")
    return f"<!date^{unix(instant)}^{_SLACK[style]}|{fallback}>"


def plain_time(instant: datetime, zone: tzinfo | None = None, style: Style = "full") -> str:
    """Readable text in `zone` (UTC when unknown), naming the zone so nobody guesses."""
    local = utc(instant).astimezone(zone) if zone is not None else utc(instant)
    return local.strftime(_PLAIN[style])


def iso_utc(instant: datetime) -> str:
    """ISO 8601 in UTC with a Z, for exports and logs."""
    return utc(instant).strftime("%Y-%m-%dT%H:%M:%SZ")
