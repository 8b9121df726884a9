"""`hallway export KIND`: the bytes of one export, for the command line (the operator's)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.app import Hallway
from bot.errors import HallwayError
from bot.services.calendars import calendar_as, programme_calendar
from bot.services.exports import mentoring_export, programme_export, submissions_export
from bot.services.heatmap import heatmap_picture


async def export_bytes(hw: Hallway, kind: str, options: Mapping[str, Any]) -> bytes:
    form = options.get("format")
    if kind == "programme":
        if form == "ics":
            return (await programme_calendar(hw)).data
        return await programme_export(hw, "json" if form == "json" else "csv")
    if kind == "calendar":
        return (await calendar_as(hw, str(options["email"]))).data
    if kind == "heatmap":
        return await heatmap_picture(hw)
    if kind == "submissions":
        return await submissions_export(hw, "json" if form == "json" else "csv")
    if kind == "mentoring":
        return await mentoring_export(hw, "json" if form == "json" else "csv")
    raise HallwayError(f"There is no export called {kind}.")
