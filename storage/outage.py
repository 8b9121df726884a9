"""A database that went away (restarted, failed over, the network cut) as the core's
`StorageUnavailable`: a sentence the person can act on ("try again"), not a driver traceback.

Only losing the connection is translated — refused at connect, dropped mid-statement or
mid-commit, the server shutting down or still starting. Everything else (a constraint, a bug
in a query) stays what it is. The transaction is rolled back by the server when its connection
goes; the engine's pool then throws the dead connections away (`pool_pre_ping` tests the
others on checkout), so the next unit of work connects afresh without a restart.
"""

from __future__ import annotations

import asyncio
import logging

from sqlalchemy.exc import DBAPIError

from bot.errors import StorageUnavailable

log = logging.getLogger(__name__)

# PostgreSQL's SQLSTATEs for a server going away or not there yet: admin_shutdown,
# crash_shutdown, cannot_connect_now, connection_exception and its kin.
_GONE_STATES = ("57P01", "57P02", "57P03", "08")
# asyncpg's own names for a dropped or refused connection (its classes are not imported here:
# storage also runs on SQLite, and the names are stable across asyncpg releases).
_GONE_DRIVER_ERRORS = frozenset(
    {
        "ConnectionDoesNotExistError",
        "ConnectionFailureError",
        "ClientCannotConnectError",
        "CannotConnectNowError",
        "AdminShutdownError",
        "CrashShutdownError",
        "PostgresConnectionError",
    }
)


def lost_connection(exc: BaseException) -> bool:
    """True when `exc` says the database connection is gone or could not be made."""
    if isinstance(exc, DBAPIError):
        if exc.connection_invalidated:
            return True
        cause: BaseException | None = exc.orig.__cause__ if exc.orig is not None else None
        return _gone(exc.orig) or (cause is not None and _gone(cause))
    return _gone(exc)


def _gone(exc: BaseException | None) -> bool:
    if exc is None:
        return False
    if isinstance(exc, (ConnectionError, asyncio.IncompleteReadError)):
        return True
    if isinstance(exc, OSError) and not isinstance(exc, TimeoutError):
        return True
    if type(exc).__name__ in _GONE_DRIVER_ERRORS:
        return True
    state = str(getattr(exc, "sqlstate", "") or getattr(exc, "pgcode", "") or "")
    return bool(state) and state.startswith(_GONE_STATES)


def unavailable(exc: BaseException, *, while_committing: bool) -> StorageUnavailable:
    log.warning(
        "database connection lost%s: %s: %s",
        " while committing" if while_committing else "",
        type(exc).__name__,
        str(exc).splitlines()[0] if str(exc) else "",
    )
    return StorageUnavailable(while_committing=while_committing)
