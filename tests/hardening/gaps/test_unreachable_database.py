"""`hallway db upgrade` and `hallway run` when the database cannot be used, as real processes:
one line saying where Hallway looked (host and port of DATABASE_URL, never its password), and
a non-zero exit — not a driver's traceback (which is what a PostgreSQL server that was not
there gave before)."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from storage.reach import unusable_because
from tests.e2e.test_cli import hallway

PASSWORD = "pa55-w0rd_7731"


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A port on 127.0.0.1 held (bound) by this test and listened on by nobody: a connection
    to it is refused, and no other process can take it meanwhile."""
    held = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    held.bind(("127.0.0.1", 0))
    yield held.getsockname()[1]
    held.close()


def said(result: object) -> str:
    stderr: str = result.stderr
    stdout: str = result.stdout
    assert result.returncode != 0
    assert "Traceback" not in stderr + stdout
    assert PASSWORD not in stderr + stdout
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    return lines[0]


@pytest.mark.parametrize("args", [("db", "upgrade"), ("run",)], ids=["db upgrade", "run"])
def test_a_database_server_nobody_listens_for_is_named_in_one_line(
    tmp_path: Path, silent_port: int, args: tuple[str, ...]
) -> None:
    url = f"postgresql://hallway:{PASSWORD}@127.0.0.1:{silent_port}/hallway"
    line = said(hallway(tmp_path, *args, stdin="/quit\n", DATABASE_URL=url))
    assert line == (
        f"hallway: cannot reach the database server at 127.0.0.1:{silent_port} (DATABASE_URL): "
        "connection refused (is the server running, and listening there?)"
    )


@pytest.mark.parametrize(
    ("error", "why"),
    [
        (socket.gaierror(-2, "Name or service not known"), "the host name is not known"),
        (TimeoutError(), "no answer in time"),
        (OSError("Multiple exceptions: [Errno 111] Connect call failed"), "connection refused"),
    ],
)
def test_each_way_of_not_reaching_the_server_is_said_plainly(error: OSError, why: str) -> None:
    """Without asking a resolver or waiting out a timeout: the sentence for each failure."""
    url = make_url(f"postgresql://hallway:{PASSWORD}@db.example.org/hallway")
    problem = unusable_because(url, error)
    assert problem is not None and PASSWORD not in problem
    assert problem.startswith(
        f"cannot reach the database server at db.example.org:5432 (DATABASE_URL): {why}"
    )


def test_a_database_that_cannot_be_opened_is_named_in_one_line(
    tmp_path: Path, backend: str
) -> None:
    """SQLite: a file in a folder that does not exist. PostgreSQL: the test server, asked for
    a database it does not have (it answers, and turns Hallway away)."""
    if backend == "sqlite":
        url = f"sqlite:///{tmp_path / 'missing' / 'hallway.db'}"
        expected = f"hallway: cannot open the SQLite database {tmp_path / 'missing' / 'hallway.db'}"
    else:
        server = make_url(os.environ["TEST_DATABASE_URL"])
        url = server.set(drivername="postgresql", database="no_such_hallway_db").render_as_string(
            hide_password=False
        )
        where = f"{server.host}:{server.port or 5432}"
        expected = (
            f"hallway: the database server at {where} (DATABASE_URL) said: database "
            '"no_such_hallway_db" does not exist'
        )
    line = said(hallway(tmp_path, "db", "upgrade", DATABASE_URL=url))
    assert line.startswith(expected), line
