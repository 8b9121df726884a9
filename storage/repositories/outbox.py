from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.delivery import Delivery, DeliveryStatus
from storage.tables import outbox


class SqlOutboxRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def enqueue(self, deliveries: Sequence[Delivery]) -> int:
        if not deliveries:
            return 0
        connection = await self.session.connection()
        insert = pg_insert if connection.dialect.name == "postgresql" else sqlite_insert
        statement = insert(outbox).on_conflict_do_nothing(index_elements=["platform", "key"])
        queued = 0
        for delivery in deliveries:
            result = await connection.execute(statement, [_row(delivery)])
            queued += result.rowcount
        return queued

    async def due(self, platform: str, now: datetime, limit: int) -> list[Delivery]:
        query = (
            select(Delivery)
            .where(
                outbox.c.platform == platform,
                outbox.c.status == DeliveryStatus.PENDING,
                outbox.c.due_at <= now,
            )
            .order_by(outbox.c.due_at, outbox.c.id)
            .limit(limit)
        )
        return list(await self.session.scalars(query))

    async def get(self, delivery_id: int) -> Delivery | None:
        return await self.session.get(Delivery, delivery_id)

    async def by_fanout(self, fanout: str) -> list[Delivery]:
        query = select(Delivery).where(outbox.c.fanout == fanout).order_by(outbox.c.id)
        return list(await self.session.scalars(query))

    async def cancel(self, key_prefix: str) -> int:
        statement = (
            update(outbox)
            .where(
                outbox.c.status == DeliveryStatus.PENDING,
                outbox.c.key.startswith(key_prefix, autoescape=True),
            )
            .values(status=DeliveryStatus.SKIPPED, last_error="cancelled")
        )
        result = await self.session.execute(statement)
        return int(getattr(result, "rowcount", 0) or 0)

    async def pending(self, key_prefix: str, recipient: str) -> list[Delivery]:
        query = select(Delivery).where(
            outbox.c.status == DeliveryStatus.PENDING,
            outbox.c.recipient == recipient,
            outbox.c.key.startswith(key_prefix, autoescape=True),
        )
        return list(await self.session.scalars(query.order_by(outbox.c.id)))

    async def sent_ref(self, platform: str, key: str) -> str | None:
        query = select(outbox.c.ref).where(
            outbox.c.platform == platform,
            outbox.c.key == key,
            outbox.c.status == DeliveryStatus.SENT,
        )
        return await self.session.scalar(query)


def _row(delivery: Delivery) -> dict[str, Any]:
    return {
        "event_id": delivery.event_id,
        "platform": delivery.platform,
        "key": delivery.key,
        "recipient": delivery.recipient,
        "message": delivery.message,
        "due_at": delivery.due_at,
        "fanout": delivery.fanout,
        "status": delivery.status,
        "attempts": delivery.attempts,
        "context": delivery.context,
    }
