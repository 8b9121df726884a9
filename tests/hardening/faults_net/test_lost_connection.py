"""Which failures mean "the database went away" (answered "try again") and which stay what
they are (a constraint, a bug): the unit of work's translation, without a server."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

from bot.errors import NOT_SAVED, UNSURE_COMMIT, StorageUnavailable
from storage.outage import lost_connection, unavailable


class ConnectionDoesNotExistError(Exception):
    """asyncpg's name for a connection dropped mid-operation."""


class CannotConnectNowError(Exception):
    sqlstate = "57P03"  # the database system is starting up


def wrapped(orig: Exception, *, invalidated: bool = False) -> DBAPIError:
    return DBAPIError("SELECT 1", {}, orig, connection_invalidated=invalidated)


@pytest.mark.parametrize(
    "failure",
    [
        ConnectionRefusedError(111, "Connection refused"),
        ConnectionResetError(104, "Connection reset by peer"),
        wrapped(ConnectionDoesNotExistError("closed in the middle of operation")),
        wrapped(CannotConnectNowError("the database system is starting up")),
        wrapped(Exception("anything"), invalidated=True),
        OperationalError("SELECT 1", {}, ConnectionRefusedError(111, "refused")),
    ],
    ids=repr,
)
def test_a_lost_or_refused_connection_is_storage_unavailable(failure: Exception) -> None:
    assert lost_connection(failure)


@pytest.mark.parametrize(
    "failure",
    [
        IntegrityError("INSERT", {}, Exception("duplicate key value")),
        wrapped(Exception("syntax error at or near")),
        ValueError("a bug"),
        TimeoutError(),
    ],
    ids=repr,
)
def test_other_failures_are_not_taken_for_an_outage(failure: Exception) -> None:
    assert not lost_connection(failure)


def test_the_person_is_told_whether_it_may_have_been_saved() -> None:
    before = unavailable(ConnectionResetError(), while_committing=False)
    during = unavailable(ConnectionResetError(), while_committing=True)
    assert isinstance(before, StorageUnavailable) and before.message == NOT_SAVED
    assert during.message == UNSURE_COMMIT and "try again" in during.message
