"""The properties every fuzzed Slack request must keep, checked after each one.

- Slack gets an HTTP answer that is not a server error;
- nothing Hallway sent (Web API calls, response_url posts, the ack) carries a traceback or an
  exception's class name, or a control character Slack would parse (mention injection);
- nothing was logged at ERROR (bad input is answered, never treated as a bug);
- Slack refused nothing Hallway sent (the fake checks Block Kit limits as Slack does);
- the database holds whole records only.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import String, cast, func, literal, select, union_all

from storage import Database
from storage.tables import (
    accounts,
    audit_log,
    conduct_reports,
    metadata,
    outbox,
    slack_events,
    social_leads,
    social_slots,
    socials,
)
from tests.adapters.slack.harness import APOLOGY, SlackHarness, Turn
from tests.adapters.slack.injection import unescaped

# What a leaked Python error looks like in text: a traceback, a frame, an exception's class.
LEAKED = re.compile(r"Traceback|File \"|\b[A-Z]\w*(?:Error|Exception|Exit)\b|\bKeyError\b")
# Written by reading who acts (an account linked at first sight), whatever the answer.
BOOKKEEPING = frozenset({accounts.name, slack_events.name})


class ErrorRecords(logging.Handler):
    """Every record logged at ERROR or above, anywhere, while installed."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def described(self) -> list[str]:
        return [
            f"{r.name}: {r.getMessage()} {r.exc_info and r.exc_info[1]!r}" for r in self.records
        ]


@contextmanager
def errors_logged() -> Iterator[ErrorRecords]:
    handler = ErrorRecords()
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield handler
    finally:
        root.removeHandler(handler)


def sent_in(h: SlackHarness, turn: Turn) -> list[Any]:
    """What Slack received during `turn`: its Web API calls and the ack's own answer."""
    return [call.args for call in turn.calls] + [acked(turn)]


def acked(turn: Turn) -> Any:
    """The ack's JSON, or its text when it is none (an HTTP error's reason)."""
    try:
        return turn.answer.json
    except ValueError:
        return turn.answer.text


def assert_answered_cleanly(h: SlackHarness, turn: Turn, logged: ErrorRecords) -> None:
    """The properties every request keeps, whatever was sent."""
    assert turn.answer.status < 500, turn.answer
    assert logged.records == [], logged.described()
    assert h.fake.rejected == [], h.fake.rejected
    shown = "\n".join(call.text for call in turn.calls) + turn.answer.text
    assert APOLOGY not in shown, shown[:2000]
    assert not LEAKED.search(shown), LEAKED.search(shown)
    assert unescaped(sent_in(h, turn), set(h.fake.users)) == []


async def counts(database: Database) -> dict[str, int]:
    """Rows per table, bookkeeping left out: what a refused request must leave unchanged.
    (One query: examples run hundreds of times, and each query is a thread hop on SQLite.)"""
    tables = [table for table in metadata.sorted_tables if table.name not in BOOKKEEPING]
    each = [select(func.count()).select_from(table).scalar_subquery() for table in tables]
    async with database.engine.connect() as connection:
        row = (await connection.execute(select(*each))).one()
    return {table.name: found for table, found in zip(tables, row, strict=True)}


async def half_written(database: Database) -> list[str]:
    """Records stored without the rows that belong with them: what one transaction writes
    together (a social with its slots, leads, audit entry and card; a report with its card)."""
    social, report = socials.c.id, conduct_reports.c.id
    subject = literal("social:") + cast(social, String)
    report_card = literal("conduct:") + cast(report, String) + ":report>%"
    lonely_socials = {
        "social without a slot": ~select(social_slots.c.id)
        .where(social_slots.c.social_id == social)
        .exists(),
        "social with fewer than two leads": select(func.count())
        .where(social_leads.c.social_id == social)
        .scalar_subquery()
        < 2,
        "social without its audit entry": ~select(audit_log.c.id)
        .where(audit_log.c.subject == subject)
        .exists(),
        "social without its chairs' card": ~select(outbox.c.id)
        .where(outbox.c.key.like(subject + ":card>%"))
        .exists(),
    }
    found = [
        select(literal(what), social).where(condition) for what, condition in lonely_socials.items()
    ]
    no_card = ~select(outbox.c.id).where(outbox.c.key.like(report_card)).exists()
    found.append(select(literal("report without its card"), report).where(no_card))
    async with database.engine.connect() as connection:
        rows = (await connection.execute(union_all(*found))).all()
    return [f"{what}: #{number}" for what, number in rows]
