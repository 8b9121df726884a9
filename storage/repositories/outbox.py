from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.delivery import Delivery, DeliveryStatus
from bot.ports import DeliveryLine, FanoutHead
from storage.tables import outbox

# Keys per IN (…) query: well under SQLite's and asyncpg's limits on bound parameters.
_CHUNK = 500


class SqlOutboxRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def enqueue(self, deliveries: Sequence[Delivery]) -> int:
        if not deliveries:
            return 0
        connection = await self.session.connection()
        statement = _insert_new(connection.dialect.name)
        queued = 0
        for delivery in deliveries:
            result = await connection.execute(statement, [_row(delivery)])
            queued += result.rowcount
        return queued

    async def due(
        self,
        platform: str,
        now: datetime,
        limit: int,
        after: tuple[datetime, int] | None = None,
    ) -> list[Delivery]:
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
        if after is not None:
            due_at, last_id = after
            query = query.where(
                or_(
                    outbox.c.due_at > due_at,
                    and_(outbox.c.due_at == due_at, outbox.c.id > last_id),
                )
            )
        return list(await self.session.scalars(query))

    async def next_due(self, platform: str) -> datetime | None:
        query = select(func.min(outbox.c.due_at)).where(
            outbox.c.platform == platform, outbox.c.status == DeliveryStatus.PENDING
        )
        found: datetime | None = await self.session.scalar(query)
        return found

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

    async def by_key(self, platform: str, key: str) -> Delivery | None:
        query = select(Delivery).where(outbox.c.platform == platform, outbox.c.key == key)
        return await self.session.scalar(query)

    async def add_new(self, deliveries: Sequence[Delivery]) -> None:
        if not deliveries:
            return
        connection = await self.session.connection()
        statement = _insert_new(connection.dialect.name)
        for start in range(0, len(deliveries), _CHUNK):
            await connection.execute(
                statement, [_row(d) for d in deliveries[start : start + _CHUNK]]
            )

    async def recorded(self, keys: Sequence[str]) -> set[tuple[str, str]]:
        found: set[tuple[str, str]] = set()
        unique = sorted(set(keys))
        for start in range(0, len(unique), _CHUNK):
            query = select(outbox.c.platform, outbox.c.key).where(
                outbox.c.key.in_(unique[start : start + _CHUNK])
            )
            found.update((row.platform, row.key) for row in await self.session.execute(query))
        return found

    async def claim(self, delivery_id: int, token: str, address: str, at: datetime) -> bool:
        statement = (
            update(outbox)
            .where(outbox.c.id == delivery_id, outbox.c.status == DeliveryStatus.PENDING)
            .values(status=DeliveryStatus.SENDING, token=token, address=address, claimed_at=at)
        )
        result = await self.session.execute(statement)
        return int(getattr(result, "rowcount", 0) or 0) == 1

    async def mark_sent(self, delivery_id: int, token: str, ref: str, at: datetime) -> bool:
        statement = (
            update(outbox)
            .where(
                outbox.c.id == delivery_id,
                outbox.c.status == DeliveryStatus.SENDING,
                outbox.c.token == token,
            )
            .values(status=DeliveryStatus.SENT, ref=ref, sent_at=at)
        )
        result = await self.session.execute(statement)
        return int(getattr(result, "rowcount", 0) or 0) == 1

    async def in_doubt(self, platform: str, claimed_before: datetime, limit: int) -> list[Delivery]:
        query = (
            select(Delivery)
            .where(
                outbox.c.platform == platform,
                outbox.c.status == DeliveryStatus.SENDING,
                outbox.c.claimed_at < claimed_before,
            )
            .order_by(outbox.c.claimed_at, outbox.c.id)
            .limit(limit)
        )
        return list(await self.session.scalars(query))

    async def recent_fanouts(self, event_id: int, limit: int) -> list[FanoutHead]:
        return await self._heads(event_id, None, limit)

    async def fanout_head(self, event_id: int, fanout: str) -> FanoutHead | None:
        found = await self._heads(event_id, fanout, 1)
        return found[0] if found else None

    async def _heads(self, event_id: int, fanout: str | None, limit: int) -> list[FanoutHead]:
        last_due = func.max(outbox.c.due_at).label("last_due")
        query = (
            select(outbox.c.fanout, last_due, func.min(outbox.c.id).label("first"))
            .where(outbox.c.event_id == event_id, outbox.c.fanout.is_not(None))
            .group_by(outbox.c.fanout)
            .order_by(last_due.desc(), outbox.c.fanout)
            .limit(limit)
        )
        if fanout is not None:
            query = query.where(outbox.c.fanout == fanout)
        heads = []
        for row in (await self.session.execute(query)).all():
            first = await self.session.scalar(
                select(outbox.c.message).where(outbox.c.id == row.first)
            )
            heads.append(FanoutHead(row.fanout, first.title if first else None, row.last_due))
        return heads

    async def fanout_lines(self, fanout: str) -> list[DeliveryLine]:
        query = (
            select(outbox.c.recipient, outbox.c.platform, outbox.c.status, outbox.c.last_error)
            .where(outbox.c.fanout == fanout)
            .order_by(outbox.c.id)
        )
        rows = await self.session.execute(query)
        return [
            DeliveryLine(row.recipient, row.platform, DeliveryStatus(row.status), row.last_error)
            for row in rows
        ]


def _insert_new(dialect: str) -> Any:
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    return insert(outbox).on_conflict_do_nothing(index_elements=["platform", "key"])


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
        "last_error": delivery.last_error,
        "context": delivery.context,
        "throttled": delivery.throttled,
    }
