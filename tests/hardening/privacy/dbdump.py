"""Every row of every table, as the database stores it (JSON as its text), and what changed
between two such snapshots: to search all of Hallway's storage for a person."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, text

from storage import Database
from storage.tables import metadata, participants

Rows = dict[tuple[Any, ...], dict[str, Any]]
Snapshot = dict[str, Rows]


async def snapshot(database: Database) -> Snapshot:
    found: Snapshot = {}
    async with database.engine.connect() as connection:
        for table in metadata.sorted_tables:
            keys = [column.name for column in table.primary_key.columns]
            result = await connection.execute(text(f'SELECT * FROM "{table.name}"'))
            rows = [dict(row._mapping) for row in result]
            found[table.name] = {tuple(row[key] for key in keys): row for row in rows}
    return found


@dataclass(frozen=True)
class Row:
    table: str
    values: dict[str, Any]


def changed(before: Snapshot, after: Snapshot) -> list[Row]:
    """Rows added, or whose values changed, from `before` to `after`."""
    return [
        Row(name, row)
        for name, rows in after.items()
        for key, row in rows.items()
        if before.get(name, {}).get(key) != row
    ]


def every_row(shot: Snapshot) -> Iterator[Row]:
    for name, rows in shot.items():
        for row in rows.values():
            yield Row(name, row)


def participant_columns(table: Table) -> set[str]:
    """The columns that hold a participant's id (foreign keys to participants.id)."""
    return {
        column.name
        for column in table.columns
        for key in column.foreign_keys
        if key.column.table is participants
    }


def mentions(text: str, word: str) -> bool:
    """`word` stands in `text` as a word of its own (a name inside another word is not it)."""
    return bool(word) and re.search(rf"(?<![\w@.]){re.escape(word)}(?![\w@])", text) is not None


@dataclass(frozen=True)
class Someone:
    """What identifies a person anywhere in storage or in a log."""

    participant_id: int
    words: tuple[str, ...]  # e-mail, name, platform user ids

    def found_in(self, row: Row) -> list[str]:
        """Where `row` names this person: a participant column, an id in a payload, a word."""
        table = metadata.tables[row.table]
        hits = [
            f"{row.table}.{name}"
            for name in participant_columns(table)
            if row.values.get(name) == self.participant_id
        ]
        flat = " ".join(str(value) for value in row.values.values())
        hits += [f"{row.table}: {word!r}" for word in self.words if mentions(flat, word)]
        if self._id_pattern().search(flat):
            hits.append(f"{row.table}: participant {self.participant_id} in {flat[:200]!r}")
        return hits

    def _id_pattern(self) -> re.Pattern[str]:
        pid = self.participant_id
        # How ids travel in keys, recipients, payloads and stored messages.
        return re.compile(
            rf"(person:{pid}\b|>p{pid}\b|\"participant_id\": {pid}\b|\"reporter_id\": {pid}\b"
            rf"|\"person\": {pid}\b|\[\"person\", {pid}\b|\"actor_id\": {pid}\b)"
        )
