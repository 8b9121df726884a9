"""Every log record at DEBUG, from every library, with Hallway's logging set up the way `hallway`
sets it up (`bot.logs.configure_logging`, as `main()` calls it with LOG_LEVEL=DEBUG).

Each library's logger is forced to DEBUG as well: SQLAlchemy sets its own to WARNING on import
and others may too, and a test that let a library stay quiet would prove nothing about it."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from bot.logs import configure_logging

LIBRARIES = (
    "slack_bolt",
    "slack_sdk",
    "aiohttp",
    "discord",
    "sqlalchemy",
    "sqlalchemy.engine",
    "sqlalchemy.engine.Engine",
    "sqlalchemy.pool",
    "sqlalchemy.orm",
    "apscheduler",
    "asyncpg",
    "aiosqlite",
    "alembic",
    "hallway",
    "bot",
    "adapters",
    "storage",
)


class _Keeper(logging.Handler):
    def __init__(self, records: list[logging.LogRecord]) -> None:
        super().__init__(logging.DEBUG)
        self.records = records

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@dataclass
class Captured:
    records: list[logging.LogRecord] = field(default_factory=list)
    stream: io.StringIO = field(default_factory=io.StringIO)

    def pieces(self, record: logging.LogRecord) -> list[str]:
        """Everything a record carries that a handler could write out."""
        return [
            record.getMessage(),
            repr(record.args),
            record.exc_text or "",
            record.stack_info or "",
        ]

    @property
    def text(self) -> str:
        """Every record's pieces and the product handler's output, as one text to search."""
        parts = [piece for record in self.records for piece in self.pieces(record)]
        return "\n".join([*parts, self.stream.getvalue()])

    def from_libraries(self, *prefixes: str) -> list[logging.LogRecord]:
        return [r for r in self.records if r.name.split(".", 1)[0] in prefixes]

    def lines_with(self, needle: str) -> list[str]:
        return [
            f"{record.name}: {piece[:300]}"
            for record in self.records
            for piece in self.pieces(record)
            if needle in piece
        ] + [line[:300] for line in self.stream.getvalue().splitlines() if needle in line]

    def names(self) -> set[str]:
        return {record.name.split(".", 1)[0] for record in self.records}


@contextmanager
def debug_logs(secrets: Iterable[str | None] = ()) -> Iterator[Captured]:
    captured = Captured()
    root = logging.getLogger()
    old_root = root.level
    old_levels = {name: logging.getLogger(name).level for name in LIBRARIES}
    handler, cleaner = configure_logging("DEBUG", secrets, captured.stream)
    keeper = _Keeper(captured.records)
    root.addHandler(keeper)
    for name in LIBRARIES:
        logging.getLogger(name).setLevel(logging.DEBUG)
    try:
        yield captured
    finally:
        root.removeHandler(keeper)
        root.removeHandler(handler)
        cleaner.uninstall()
        root.setLevel(old_root)
        for name, level in old_levels.items():
            logging.getLogger(name).setLevel(level)
