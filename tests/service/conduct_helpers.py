"""Shared steps for the conduct tests: filing a report, and reading what was stored, raw."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from bot.app import Hallway
from bot.domain.conduct import ConductDraft, ConductReport
from bot.interaction import Actor
from bot.services.conduct import report_conduct
from storage import Database
from storage.tables import conduct_reports

WHAT_HAPPENED = "During the quiz, someone kept interrupting and mocking a newcomer."


async def file(
    hw: Hallway,
    who: Actor,
    description: str = WHAT_HAPPENED,
    *,
    anonymous: bool = False,
    about_kind: str = "social",
    about: str | None = "Quiz night, Tuesday",
) -> ConductReport:
    draft = ConductDraft(about_kind, description, about, anonymous)
    return await report_conduct(hw, who, draft)


async def stored_reports(database: Database) -> list[dict[str, Any]]:
    async with database.engine.connect() as connection:
        rows = await connection.execute(select(conduct_reports).order_by(conduct_reports.c.id))
        return [dict(row._mapping) for row in rows]


async def stored_outbox(database: Database) -> list[dict[str, Any]]:
    """Outbox rows as the database holds them (the message as its stored JSON)."""
    async with database.engine.connect() as connection:
        rows = await connection.exec_driver_sql("SELECT * FROM outbox ORDER BY id")
        return [dict(row._mapping) for row in rows]
