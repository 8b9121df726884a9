"""Every row of every table: what a refused action must leave exactly as it was."""

from __future__ import annotations

from typing import Any, Protocol

from sqlalchemy import select

from bot.ports import UnitOfWork
from storage.tables import metadata


class Opens(Protocol):
    """A Hallway or a Database: anything that opens a unit of work."""

    def uow(self) -> UnitOfWork: ...


async def every_row(source: Opens) -> dict[str, list[tuple[Any, ...]]]:
    async with source.uow() as uow:
        session = uow.session  # type: ignore[attr-defined]
        found = {}
        for table in metadata.sorted_tables:
            rows = (await session.execute(select(table))).all()
            found[table.name] = sorted((tuple(row) for row in rows), key=repr)
    return found


def changed_tables(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    return [name for name in before if before[name] != after[name]]
