from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.conduct import ConductReport, ReportStatus
from storage.tables import conduct_reports


class SqlConductReportRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, report: ConductReport) -> None:
        self.session.add(report)
        await self.session.flush()

    async def get(self, event_id: int, report_id: int) -> ConductReport | None:
        # FOR UPDATE on PostgreSQL; SQLite's BEGIN IMMEDIATE already serialises writers.
        query = (
            select(ConductReport)
            .where(conduct_reports.c.event_id == event_id, conduct_reports.c.id == report_id)
            .with_for_update()
        )
        return await self.session.scalar(query)

    async def listed(self, event_id: int, status: ReportStatus | None) -> list[ConductReport]:
        query = select(ConductReport).where(conduct_reports.c.event_id == event_id)
        if status is not None:
            query = query.where(conduct_reports.c.status == status)
        query = query.order_by(conduct_reports.c.created_at.desc(), conduct_reports.c.id.desc())
        return list(await self.session.scalars(query))
