"""Logging for every `hallway` process: one handler at LOG_LEVEL, and every log record cleaned
as it is made, whichever library makes it, whichever handler later writes it.

Cleaning does two things (tested in tests/hardening/privacy/):
- secrets: the deployment's own by value and credential-shaped strings by pattern
  (`bot.redaction`), in the message, its arguments, and any traceback;
- bodies: at DEBUG the chat SDKs write whole requests and responses (people's words, e-mails,
  who pressed what, personal calendar links) and aiosqlite every SQL statement with its
  parameters (SQLAlchemy, asked for DEBUG, its result rows). Those lines keep what was called
  and how it went, never the contents: an anonymous conduct report must not be tied to its
  reporter by a debug log.
"""

from __future__ import annotations

import functools
import logging
import re
import sys
from collections.abc import Callable, Iterable
from typing import Any, TextIO

from bot.redaction import Redactor

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_NOT_LOGGED = "… (contents not logged)"
# Where the Slack SDK and bolt start dumping a request's or response's contents.
_SLACK_CONTENTS = re.compile(
    r", params: |,? body: |, headers: |, data: |, json: |message: |payload: |\(\{|: \{"
)

RecordFactory = Callable[..., logging.LogRecord]


class RecordCleaner:
    """A log record factory that hides secrets and contents in every record it makes."""

    def __init__(self, redact: Redactor) -> None:
        self.redact = redact
        self._made_by: RecordFactory | None = None

    def install(self) -> None:
        if self._made_by is None:
            self._made_by = logging.getLogRecordFactory()
            logging.setLogRecordFactory(self._make)

    def uninstall(self) -> None:
        if self._made_by is not None:
            logging.setLogRecordFactory(self._made_by)
            self._made_by = None

    def _make(self, *args: Any, **kwargs: Any) -> logging.LogRecord:
        assert self._made_by is not None
        record = self._made_by(*args, **kwargs)
        self.clean(record)
        return record

    def clean(self, record: logging.LogRecord) -> None:
        """Format the message now, without contents or secrets; keep the traceback as text."""
        record.msg = self.redact(_message_without_contents(record))
        record.args = None
        if record.exc_info:
            formatted = logging.Formatter().formatException(record.exc_info)
            record.exc_text = self.redact(formatted)
            record.exc_info = None  # the exception object itself may hold a secret
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)


def _message_without_contents(record: logging.LogRecord) -> str:
    library = record.name.split(".", 1)[0]
    args = record.args
    if library == "sqlalchemy" and str(record.msg).startswith("Row"):
        return f"Row{_NOT_LOGGED}"  # a result row at DEBUG: people's data
    if library == "aiosqlite" and isinstance(args, tuple):
        args = tuple(_statement_only(arg) for arg in args)
    elif library == "discord" and isinstance(args, tuple):
        args = tuple(_no_payload(arg) for arg in args)
    try:
        text = str(record.msg) % args if args else str(record.msg)
    except (TypeError, ValueError, KeyError):
        text = f"{record.msg} (with arguments that did not fit it)"
    if library in ("slack_sdk", "slack_bolt"):
        text = _before_contents(text)
    return text


def _before_contents(text: str) -> str:
    found = _SLACK_CONTENTS.search(text)
    return text if found is None else text[: found.start()] + _NOT_LOGGED


def _statement_only(value: object) -> object:
    """aiosqlite logs `partial(cursor.execute, sql, parameters)`: the SQL says what was done,
    the parameters are people's data."""
    if not isinstance(value, functools.partial):
        return value
    name = getattr(value.func, "__name__", "call")
    sql = next((arg for arg in value.args if isinstance(arg, str)), None)
    return f"{name}({' '.join(sql.split())!r}, parameters not logged)" if sql else f"{name}(…)"


def _no_payload(value: object) -> object:
    """discord.py logs gateway events and REST bodies whole: keep an event's kind alone."""
    if isinstance(value, dict):
        kind = {key: value[key] for key in ("op", "t", "s") if key in value}
        return f"{kind or type(value).__name__}{_NOT_LOGGED}"
    if isinstance(value, list | bytes) or (
        isinstance(value, str) and value.lstrip()[:1] in ("{", "[")
    ):
        return _NOT_LOGGED
    return value


def configure_logging(
    level: str, secrets: Iterable[str | None] = (), stream: TextIO | None = None
) -> tuple[logging.Handler, RecordCleaner]:
    """What `main()` does first: a handler on stderr at `level`, records cleaned from now on.
    Returns both so a test can take them away again."""
    cleaner = RecordCleaner(Redactor(secrets))
    cleaner.install()
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(logging.Formatter(FORMAT))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(level)
    logging.getLogger("alembic").setLevel(max(logging.WARNING, root.level))
    return handler, cleaner
