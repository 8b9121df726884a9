"""The participants file fuzzed: random CSVs (BOM, missing or extra columns, quotes, huge
fields, bad e-mails, duplicates, unknown roles, a time-zone column the importer does not read)
through the pure reader, the import into the database, and `hallway participants import`.

The product's rule (bot/services/participants.py): the good rows are written together in one
transaction; each bad row is named with its line and reason and nothing of it is written; a
file that cannot be read as a whole (no header, a required column missing) writes nothing."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from bot.app import Hallway
from bot.cli import main
from bot.domain.participants import Role, is_email
from bot.services.participants import (
    BadParticipantsFile,
    ImportReport,
    import_participants,
    read_registrations,
)
from storage import Database, tables
from tests.conftest import ICML
from tests.hardening.fuzz_discord.strategies import nasty_text

COLUMNS = ["email", "name", "registration_id", "roles", "zone", "notes"]
EMAILS = st.one_of(
    st.integers(0, 30).map(lambda n: f"p{n}@example.org"),
    st.integers(0, 30).map(lambda n: f"  P{n}@Example.ORG "),
    st.sampled_from(["", "not-an-email", "a@b", "@example.org", "x@@example.org", "a b@c.org"]),
    nasty_text(80),
    st.integers(0, 3).map(lambda n: "x" * 300 + f"{n}@example.org"),
)
NAMES = st.one_of(
    st.sampled_from(["Ada Lovelace", "  Alan   Turing ", "", "   "]),
    nasty_text(300),
    st.just("N" * 200_000),  # past the csv module's default field limit (131,072)
)
CELLS = {
    "email": EMAILS,
    "name": NAMES,
    "registration_id": st.one_of(
        st.just(""), st.integers(0, 5).map(lambda n: f"R{n}"), nasty_text(150)
    ),
    "roles": st.one_of(
        st.sampled_from(
            ["", "chair", "Mentor;CONDUCT", "chair;;mentor", "speaker", "chair,mentor"]
        ),
        nasty_text(40),
    ),
    "zone": st.sampled_from(["Europe/Paris", "Mars/Olympus", "", "UTC+1"]),
    "notes": nasty_text(100),
}


@st.composite
def csv_files(draw: st.DrawFn) -> str:
    if draw(st.integers(0, 4)):  # mostly a header the importer can read
        others = draw(st.lists(st.sampled_from(COLUMNS[2:]), max_size=4, unique=True))
        columns = draw(st.permutations(["email", "name", *others]))
    else:
        columns = draw(st.lists(st.sampled_from(COLUMNS), max_size=6, unique=True))
    header = [draw(st.sampled_from([c, c.upper(), f" {c} "])) for c in columns]
    rows = []
    for _ in range(draw(st.integers(0, 8))):
        row = [draw(CELLS[c]) for c in columns]
        if draw(st.integers(0, 6)) == 0:
            row = row[: draw(st.integers(0, len(row)))]  # a short row
        if draw(st.integers(0, 6)) == 0:
            row.append(draw(nasty_text(20)))  # a cell past the header
        rows.append(row)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=draw(st.sampled_from(["\n", "\r\n"])))
    if draw(st.integers(0, 9)):
        writer.writerow(header)
    writer.writerows(rows)
    text = out.getvalue()
    if draw(st.integers(0, 5)) == 0:
        text = text.replace('"', "")  # quotes stripped: fields run into each other
    if draw(st.integers(0, 5)) == 0:
        cut = draw(st.integers(0, len(text)))
        text = text[:cut] + draw(st.sampled_from(['"', "\x00", "\r", "\ufeff", ",,,"])) + text[cut:]
    return draw(st.sampled_from(["", "\ufeff"])) + text


def check_report(report: ImportReport, text: str) -> None:
    emails = [row.email for row in report.accepted]
    assert len(emails) == len(set(emails))
    assert all(is_email(email) for email in emails)
    assert all(row.name.strip() for row in report.accepted)
    for refused in report.refused:
        assert refused.line >= 2 and refused.reason
    assert [r.line for r in report.refused] == sorted(r.line for r in report.refused)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(text=csv_files())
def test_any_file_is_read_into_rows_or_refused_as_a_whole(text: str) -> None:
    try:
        report = read_registrations(text)
    except BadParticipantsFile as exc:
        event("refused as a whole")
        refusal = exc.message
    else:
        refusal = ""
    if refusal:
        assert "header row needs the columns" in refusal or "header row cannot" in refusal
        return
    event("read" + (" with refused rows" if report.refused else ""))
    check_report(report, text)


async def people(database: Database) -> dict[str, tuple[str, str | None, frozenset[Role]]]:
    table = tables.participants
    query = select(table.c.email, table.c.name, table.c.registration_id, table.c.roles)
    async with database.engine.connect() as connection:
        rows = (await connection.execute(query)).all()
    return {
        email: (name, registration_id, frozenset(roles))
        for email, name, registration_id, roles in rows
    }


@settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=csv_files())
async def test_an_import_writes_exactly_the_good_rows(
    hw: Hallway, database: Database, text: str
) -> None:
    before = await people(database)
    try:
        report = await import_participants(hw, text)
    except BadParticipantsFile:
        event("refused as a whole")
        assert await people(database) == before
        return
    event(f"{min(len(report.accepted), 3)}+ rows accepted, {min(len(report.refused), 3)}+ refused")
    check_report(report, text)
    after = await people(database)
    accepted = {row.email: row for row in report.accepted}
    assert set(after) == set(before) | set(accepted)
    assert len(after) == len(before) + report.added
    for email, row in accepted.items():
        name, registration_id, roles = after[email]
        assert name == row.name
        assert row.registration_id is None or registration_id == row.registration_id
        assert row.roles is None or roles == row.roles
    for email in set(before) - set(accepted):
        assert after[email] == before[email]  # a refused row changed nobody


FILES = st.one_of(
    csv_files().map(lambda text: text.encode("utf-8")),
    csv_files().map(lambda text: text.encode("utf-16")),
    csv_files().map(lambda text: text.encode("latin-1", errors="replace")),
    st.binary(max_size=300),
    st.just(b"\xff\xfe\x00\x00garbage"),
)


@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(content=FILES)
def test_the_import_command_never_shows_a_traceback(
    content: bytes,
    database_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("HALLWAY_EVENT_FILE", str(ICML))
    monkeypatch.chdir(tmp_path)  # no .env read from the checkout
    path = tmp_path / "people.csv"
    path.write_bytes(content)
    code = main(["participants", "import", str(path)])
    out, err = capsys.readouterr()
    assert code in (0, 1, 2), (code, err)
    assert "Traceback" not in out + err
    if code == 2:
        assert err.startswith("hallway: ") and (str(path) in err or "header row" in err), err
    else:
        assert "rows accepted" in out
