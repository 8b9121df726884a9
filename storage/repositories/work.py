from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.work import Work, WorkStatus
from storage.tables import work


class SqlWorkRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, work_id: int) -> Work | None:
        return await self.session.get(Work, work_id)

    async def by_key(self, key: str) -> Work | None:
        return await self.session.scalar(select(Work).where(work.c.key == key))

    def add(self, item: Work) -> None:
        self.session.add(item)

    async def due(self, now: datetime, limit: int) -> list[Work]:
        query = (
            select(Work)
            .where(work.c.status == WorkStatus.PENDING, work.c.due_at <= now)
            .order_by(work.c.due_at, work.c.id)
            .limit(limit)
        )
        return list(await self.session.scalars(query))

    async def next_due_at(self) -> datetime | None:
        query = select(func.min(work.c.due_at)).where(work.c.status == WorkStatus.PENDING)
        found: datetime | None = await self.session.scalar(query)
        return found

    async def cancel(self, key_prefix: str) -> int:
        statement = (
            update(work)
            .where(
                work.c.status == WorkStatus.PENDING,
                work.c.key.startswith(key_prefix, autoescape=True),
            )
            .values(status=WorkStatus.SKIPPED, last_error="cancelled")
        )
        result = await self.session.execute(statement)
        return int(getattr(result, "rowcount", 0) or 0)
