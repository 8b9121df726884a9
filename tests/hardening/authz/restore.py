"""Putting a database back to a recorded state, for PostgreSQL (where copying a database per
case, `CREATE DATABASE … TEMPLATE`, costs about a second): every table emptied, the recorded
rows written back in foreign-key order, and each id sequence set just past the highest id."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Column, Integer, Table, delete, func, insert, select, text

from storage import Database
from storage.tables import metadata

Rows = dict[str, list[tuple[Any, ...]]]


async def restore(database: Database, rows: Rows) -> None:
    async with database.engine.begin() as connection:
        # DELETE, not TRUNCATE: on tables this small it is many times faster.
        for table in reversed(metadata.sorted_tables):
            await connection.execute(delete(table))
        for table in metadata.sorted_tables:
            recorded = rows.get(table.name, [])
            if recorded:
                keys = table.columns.keys()
                values = [dict(zip(keys, row, strict=True)) for row in recorded]
                await connection.execute(insert(table), values)
            for column in _id_columns(table):
                highest = await connection.scalar(select(func.max(column)))
                await connection.execute(
                    text("SELECT setval(pg_get_serial_sequence(:t, :c), :n, :called)"),
                    {"t": table.name, "c": column.name, "n": highest or 1, "called": bool(highest)},
                )


def _id_columns(table: Table) -> list[Column[Any]]:
    return [
        column
        for column in table.primary_key.columns
        if isinstance(column.type, Integer) and column.autoincrement in (True, "auto")
    ]
