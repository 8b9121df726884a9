from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from storage.tables import slack_events


class SqlSlackEventRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def record(self, event_id: str, received_at: datetime) -> bool:
        # The unique key decides, not a read-then-write: two processes receiving the same
        # retried delivery at once cannot both win.
        connection = await self.session.connection()
        insert = pg_insert if connection.dialect.name == "postgresql" else sqlite_insert
        statement = insert(slack_events).on_conflict_do_nothing(index_elements=["event_id"])
        result = await connection.execute(
            statement, {"event_id": event_id, "received_at": received_at}
        )
        return bool(result.rowcount)

    async def forget_before(self, instant: datetime) -> int:
        result = await self.session.execute(
            delete(slack_events).where(slack_events.c.received_at < instant)
        )
        return int(getattr(result, "rowcount", 0) or 0)
