"""Importing the registration list: the organisers' CSV becomes the event's participants.

Good rows are upserted together in one transaction; bad rows are named with their line and
reason, and nothing of them is written.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from bot.app import Hallway
from bot.domain.participants import Role, is_email, normalise_email
from bot.errors import HallwayError
from bot.ports import Registration

REQUIRED_COLUMNS = ("email", "name")
KNOWN_COLUMNS = ("email", "name", "registration_id", "roles")
STORED_LENGTHS = {"email": 320, "name": 200, "registration_id": 100}  # storage/tables.py


@dataclass(frozen=True)
class RefusedRow:
    line: int
    reason: str


@dataclass
class ImportReport:
    accepted: list[Registration] = field(default_factory=list)
    refused: list[RefusedRow] = field(default_factory=list)
    ignored_columns: tuple[str, ...] = ()
    line_of: dict[str, int] = field(default_factory=dict)  # accepted e-mail -> its line
    added: int = 0
    updated: int = 0

    def summary(self) -> str:
        lines = [
            f"{len(self.accepted)} rows accepted ({self.added} new, {self.updated} updated), "
            f"{len(self.refused)} refused."
        ]
        if self.ignored_columns:
            lines.append(f"Columns ignored: {', '.join(self.ignored_columns)}.")
        lines.extend(f"  line {row.line}: {row.reason}" for row in self.refused)
        return "\n".join(lines)


class BadParticipantsFile(HallwayError):
    """The file as a whole cannot be read (no header, a required column missing)."""


async def import_participants(hw: Hallway, csv_text: str) -> ImportReport:
    report = read_registrations(csv_text)
    async with hw.uow() as uow:
        owners = await uow.participants.registration_owners(
            hw.event.id, [row.registration_id for row in report.accepted if row.registration_id]
        )
        report = _refuse_taken_registration_ids(report, owners)
        report.added, report.updated = await uow.participants.upsert_registrations(
            hw.event.id, report.accepted
        )
        await uow.commit()
    return report


def read_registrations(csv_text: str) -> ImportReport:
    """Parse and check every row; pure, so a file can be checked without a database."""
    # newline="": line ends are the csv module's to read (a lone \r ends a line, as in a file).
    reader = csv.DictReader(io.StringIO(csv_text.lstrip("\ufeff"), newline=""))
    try:
        header = [name.strip().lower() for name in reader.fieldnames or ()]
    except csv.Error as exc:
        raise BadParticipantsFile(f"The header row cannot be read as CSV ({exc}).") from None
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    if missing:
        found = ", ".join(header) if header else "nothing"
        raise BadParticipantsFile(
            f"The header row needs the columns {', '.join(REQUIRED_COLUMNS)}; "
            f"missing {', '.join(missing)} (found: {found})."
        )
    report = ImportReport(ignored_columns=tuple(n for n in header if n not in KNOWN_COLUMNS))
    seen_emails: dict[str, int] = {}
    seen_ids: dict[str, int] = {}
    for number, raw in _numbered_rows(reader, report.refused):
        row = {(key or "").strip().lower(): (value or "") for key, value in raw.items()}
        reason = _problem(row, seen_emails, seen_ids)
        if reason:
            report.refused.append(RefusedRow(number, reason))
            continue
        registration = _registration(row, has_roles="roles" in header)
        seen_emails[registration.email] = number
        report.line_of[registration.email] = number
        if registration.registration_id:
            seen_ids[registration.registration_id] = number
        report.accepted.append(registration)
    return report


def _numbered_rows(
    reader: csv.DictReader[str], refused: list[RefusedRow]
) -> Iterable[tuple[int, dict[str, str]]]:
    """Rows with their line; a row the csv module cannot read (a field past its size limit)
    is refused at its line and reading goes on with the next one."""
    # DictReader.line_num counts physical lines, so quoted newlines keep the numbers honest.
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            # DictReader counts its lines only after a good row: ask the reader underneath.
            refused.append(RefusedRow(reader.reader.line_num, f"cannot be read as CSV ({exc})"))
            continue
        if any((value or "").strip() for value in row.values() if isinstance(value, str)):
            yield reader.line_num, row


def _problem(row: Mapping[str, str], emails: Mapping[str, int], ids: Mapping[str, int]) -> str:
    unstorable = _unstorable(row)
    if unstorable:
        return unstorable
    email = normalise_email(row.get("email", ""))
    if not email:
        return "e-mail is missing"
    if not is_email(email):
        return f"“{email}” is not an e-mail address"
    if not row.get("name", "").strip():
        return "name is missing"
    if email in emails:
        return f"{email} is already on line {emails[email]}"
    registration_id = row.get("registration_id", "").strip()
    if registration_id and registration_id in ids:
        return f"registration id {registration_id} is already on line {ids[registration_id]}"
    unknown = [role for role in _role_words(row.get("roles", "")) if role not in _ROLE_NAMES]
    if unknown:
        allowed = ", ".join(sorted(_ROLE_NAMES))
        return f"unknown role “{unknown[0]}” (roles are {allowed}, separated by ;)"
    return ""


def _unstorable(row: Mapping[str, str]) -> str:
    """A value the database cannot hold: PostgreSQL refuses NUL in text, and each column has
    a size (a longer value would fail the whole file's transaction, good rows with it)."""
    for column, most in STORED_LENGTHS.items():
        value = " ".join(row.get(column, "").split())
        if "\x00" in value:
            return f"{column.replace('_', ' ')} contains a NUL character"
        if len(value) > most:
            return f"{column.replace('_', ' ')} is longer than {most} characters"
    return ""


def _registration(row: Mapping[str, str], has_roles: bool) -> Registration:
    roles = frozenset(Role(word) for word in _role_words(row.get("roles", "")))
    return Registration(
        email=normalise_email(row["email"]),
        name=" ".join(row["name"].split()),
        registration_id=row.get("registration_id", "").strip() or None,
        roles=roles if has_roles else None,
    )


def _refuse_taken_registration_ids(report: ImportReport, owners: Mapping[str, str]) -> ImportReport:
    """A registration id already held by another e-mail in the database is a conflict."""
    keep: list[Registration] = []
    for row in report.accepted:
        owner = owners.get(row.registration_id or "")
        if owner and owner != row.email:
            reason = f"registration id {row.registration_id} already belongs to {owner}"
            report.refused.append(RefusedRow(report.line_of[row.email], reason))
        else:
            keep.append(row)
    report.accepted = keep
    report.refused.sort(key=lambda refused: refused.line)
    return report


def _role_words(text: str) -> list[str]:
    return [word.strip().lower() for word in text.split(";") if word.strip()]


_ROLE_NAMES = {role.value for role in Role}
