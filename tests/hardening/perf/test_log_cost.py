"""Logging costs nothing per request at the level a deployment runs at: every record is
cleaned as it is made (`bot.logs`), so none must be made for what is not written. The
libraries log each SQL statement and HTTP call at DEBUG; at WARNING those records must not
even be created."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from bot.app import Hallway
from bot.commands import build_router
from bot.logs import RecordCleaner, configure_logging
from storage import Database
from tests.adapters.slack.fake_slack import FakeSlack
from tests.adapters.slack.harness import serving
from tests.factories import register


@contextmanager
def hallway_logging(level: str) -> Iterator[list[str]]:
    """Logging as `main()` sets it up at `level`; yields the loggers of the records cleaned."""
    root = logging.getLogger()
    before = root.level
    cleaned: list[str] = []
    original = RecordCleaner.clean

    def counting(self: RecordCleaner, record: logging.LogRecord) -> None:
        cleaned.append(record.name)
        original(self, record)

    handler, cleaner = configure_logging(level, stream=io.StringIO())
    RecordCleaner.clean = counting  # type: ignore[method-assign]
    try:
        yield cleaned
    finally:
        RecordCleaner.clean = original  # type: ignore[method-assign]
        cleaner.uninstall()
        root.removeHandler(handler)
        root.setLevel(before)


@pytest.mark.parametrize("level", ["WARNING", "INFO"])
async def test_requests_make_no_log_record_below_the_level_written(
    hw: Hallway, database: Database, fake_slack: FakeSlack, level: str
) -> None:
    await register(hw, "ada@example.org", "Ada")
    fake_slack.add_user("UADA", "ada@example.org")
    async with serving(hw, database, fake_slack, build_router()) as slack:
        with hallway_logging(level) as cleaned:
            for command, text in (("/whoami", ""), ("/programme", ""), ("/mentoring", "browse")):
                turn = await slack.command(command, text)
                assert turn.replies
    assert cleaned == []


async def test_at_debug_every_record_is_cleaned(
    hw: Hallway, database: Database, fake_slack: FakeSlack
) -> None:
    """The other side: the counting above sees records when there are some."""
    fake_slack.add_user("UADA", "ada@example.org")
    async with serving(hw, database, fake_slack, build_router()) as slack:
        with hallway_logging("DEBUG") as cleaned:
            logging.getLogger("sqlalchemy.engine").setLevel(logging.NOTSET)
            await slack.command("/whoami")
    assert cleaned
