"""The world the fuzz targets act in: Hallway's people in the workspace, and one of each thing
ids can name (a confirmed social, a mentoring session, a conduct report), so that fuzzed ids
sometimes hit something real. Built once per Slack harness, however many examples run on it."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from datetime import datetime

from bot.domain.participants import Role
from storage import Database
from tests.adapters.slack.button_sources import a_report, a_session
from tests.adapters.slack.harness import STEP, SlackHarness, Turn
from tests.adapters.slack.scenes import (
    ADA,
    BOB,
    CHAIR,
    MALLORY,
    STRANGER,
    TEAM,
    TURING,
    cast,
    confirmed,
)
from tests.adapters.slack.signed import Answer
from tests.hardening.fuzz_slack.checks import ErrorRecords, errors_logged


class Stage:
    """Hallway on Slack, and its database, for one test's examples (not a dataclass, which
    hypothesis would print field by field)."""

    def __init__(self, h: SlackHarness, database: Database) -> None:
        self.h = h
        self.database = database

    def __repr__(self) -> str:
        return "stage"


ROOT = "UROOT"  # every role at once
PEOPLE = (ADA, BOB, CHAIR, TEAM, TURING, MALLORY, STRANGER, ROOT)


async def cast_once(h: SlackHarness) -> None:
    """Everyone in the workspace, registered but the stranger (once per harness)."""
    if getattr(h, "fuzz_cast", False):
        return
    await cast(h)
    await h.person(ROOT, "root@example.org", "Root", *tuple(Role))
    h.fuzz_cast = True  # type: ignore[attr-defined]


async def populated_once(h: SlackHarness, then: datetime | None = None) -> None:
    """The cast, and one social, session and report for ids to name; the clock set to `then`
    afterwards (the examples that follow only move it forward)."""
    await cast_once(h)
    if getattr(h, "fuzz_populated", False):
        return
    await confirmed(h)
    await a_session(h)
    await a_report(h)
    await h.deliver()
    if then is not None:
        h.hw.clock.set(then)  # type: ignore[attr-defined]
    h.fuzz_populated = True  # type: ignore[attr-defined]


async def fuzzed(h: SlackHarness, sending: Awaitable[Answer]) -> tuple[Turn, ErrorRecords]:
    """One request and everything it caused, delivery of what it queued included. (Not
    `SlackHarness.turn`, which expects every answer to be JSON: a request too large for the
    listener is answered 413 in plain text.)"""
    h.hw.clock.advance(STEP)  # type: ignore[attr-defined]
    start = len(h.fake.calls)
    with errors_logged() as logged:
        answer = await sending
        await asyncio.sleep(0)  # let a listener that bolt scheduled after its ack begin
        await h.settled()
        await h.deliver()
        await h.settled()
    return Turn(answer, h.fake.calls[start:]), logged
