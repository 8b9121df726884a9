"""The public side of Hallway's HTTP listener: `GET /programme` and the calendar feeds.

- `/calendar/programme.ics`: the whole programme; `/calendar/programme/<entry>.ics`: one entry;
- `/calendar/<token>.ics`: a personal feed. A wrong or revoked token gets the same 404 as any
  unknown address: nothing tells a guess that it came close.

Feeds answer with ETag and Last-Modified, and 304 to a conditional request that matches, so
calendar apps polling every hour cost little.
"""

from __future__ import annotations

import hashlib
from datetime import date, tzinfo
from email.utils import format_datetime

from aiohttp import web

from adapters.public.page import CONTENT_SECURITY_POLICY, render_page
from adapters.web import WebServer
from bot.app import Hallway
from bot.services.calendars import (
    CalendarFile,
    calendar_for_token,
    entry_calendar,
    programme_calendar,
    programme_feed_url,
    programme_page_url,
)
from bot.services.programme_page import CATEGORIES, PageFilter, public_programme
from bot.timerules import TimeInputError, zone_named

ICS = "text/calendar"
NOT_FOUND = "Not found."


def mount_public(web_server: WebServer, hw: Hallway) -> None:
    routes = PublicRoutes(hw)
    web_server.mount("GET", "/programme", routes.page)
    web_server.mount("GET", "/calendar/programme.ics", routes.programme)
    web_server.mount("GET", "/calendar/programme/{entry:[a-z0-9-]+}.ics", routes.entry)
    web_server.mount("GET", "/calendar/{token:[A-Za-z0-9_-]+}.ics", routes.personal)


class PublicRoutes:
    def __init__(self, hw: Hallway) -> None:
        self.hw = hw

    async def page(self, request: web.Request) -> web.Response:
        chosen = _filter(request)
        if chosen is None:
            return web.Response(status=400, text="Choose a day as YYYY-MM-DD and a category.")
        page = await public_programme(self.hw, chosen)
        html = render_page(
            page, page_url=programme_page_url(self.hw), feed_url=programme_feed_url(self.hw)
        )
        headers = {"Content-Security-Policy": CONTENT_SECURITY_POLICY, "Cache-Control": "no-cache"}
        return web.Response(text=html, content_type="text/html", charset="utf-8", headers=headers)

    async def programme(self, request: web.Request) -> web.Response:
        return calendar_response(request, await programme_calendar(self.hw))

    async def entry(self, request: web.Request) -> web.Response:
        found = await entry_calendar(self.hw, request.match_info["entry"])
        return calendar_response(request, found) if found else _not_found()

    async def personal(self, request: web.Request) -> web.Response:
        found = await calendar_for_token(self.hw, request.match_info["token"])
        return calendar_response(request, found, private=True) if found else _not_found()


def calendar_response(
    request: web.Request, file: CalendarFile, *, private: bool = False
) -> web.Response:
    tag = '"' + hashlib.sha256(file.data).hexdigest()[:32] + '"'
    headers = {
        "ETag": tag,
        "Cache-Control": ("private, " if private else "") + "no-cache",
        "Content-Disposition": f'inline; filename="{file.filename}"',
    }
    if file.modified is not None:
        headers["Last-Modified"] = format_datetime(file.modified, usegmt=True)
    if tag in request.headers.get("If-None-Match", ""):
        return web.Response(status=304, headers=headers)
    return web.Response(body=file.data, content_type=ICS, charset="utf-8", headers=headers)


def _filter(request: web.Request) -> PageFilter | None:
    day_text = request.query.get("day", "").strip()
    category = request.query.get("category", "").strip() or None
    if category is not None and category not in {value for value, _ in CATEGORIES}:
        return None
    try:
        day = date.fromisoformat(day_text) if day_text else None
    except ValueError:
        return None
    return PageFilter(day, category, _zone(request.query.get("tz", "")))


def _zone(name: str) -> tzinfo | None:
    """The visitor's zone as the browser reported it; an unknown one reads days in UTC."""
    if not name.strip():
        return None
    try:
        return zone_named(name)
    except TimeInputError:
        return None


def _not_found() -> web.Response:
    return web.Response(status=404, text=NOT_FOUND)
