"""Every row of every table, to prove that a refused request changed nothing at all (row counts
alone would miss a refused approval that only flipped a status), and to put a world back as it
was before the next person acts in it."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, func, insert, select, text

from storage import Database
from storage.tables import metadata

Rows = dict[str, list[tuple[Any, ...]]]


async def contents(database: Database) -> Rows:
    """Each table's rows, in a stable order, by table name."""
    found: Rows = {}
    async with database.engine.connect() as connection:
        for table in metadata.sorted_tables:
            ordered = select(table).order_by(*table.primary_key.columns)
            found[table.name] = [tuple(row) for row in await connection.execute(ordered)]
    return found


async def counts(database: Database) -> dict[str, int]:
    async with database.engine.connect() as connection:
        return {
            table.name: int(await connection.scalar(select(func.count()).select_from(table)) or 0)
            for table in metadata.sorted_tables
        }


def changed(before: Rows, after: Rows) -> dict[str, str]:
    """What differs, per table, readable in a failed assertion."""
    return {
        name: f"{len(before[name])} rows → {len(after[name])}, changed: "
        f"{sorted(set(after[name]) ^ set(before[name]), key=repr)[:3]}"
        for name in before
        if before[name] != after[name]
    }


async def restore(database: Database, rows: Rows) -> None:
    """Put every table back to `rows` (children emptied first, parents filled first)."""
    tables = metadata.sorted_tables
    async with database.engine.begin() as connection:
        for table in reversed(tables):
            await connection.execute(delete(table))
        for table in tables:
            if rows[table.name]:
                names = [column.name for column in table.columns]
                values = [dict(zip(names, row, strict=True)) for row in rows[table.name]]
                await connection.execute(insert(table), values)
        if connection.dialect.name == "postgresql":
            await _move_sequences_past(connection, rows)


async def _move_sequences_past(connection: Any, rows: Rows) -> None:
    """PostgreSQL hands out ids from sequences, which rows written with their ids do not move:
    the next insert must not reuse a restored id."""
    for table in metadata.sorted_tables:
        key = list(table.primary_key.columns)
        if len(key) != 1 or not key[0].autoincrement or key[0].name != "id":
            continue
        at = [column.name for column in table.columns].index("id")
        highest = max((row[at] for row in rows[table.name]), default=0)
        await connection.execute(
            text(f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), :at, false)"),
            {"at": int(highest) + 1},
        )
