from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.calendar import PublishedEvent
from storage.tables import published_events


class SqlPublishedEventRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def on_platform(self, event_id: int, platform: str) -> list[PublishedEvent]:
        query = select(PublishedEvent).where(
            published_events.c.event_id == event_id, published_events.c.platform == platform
        )
        return list(await self.session.scalars(query.order_by(published_events.c.id)))

    async def by_key(self, event_id: int, platform: str, key: str) -> PublishedEvent | None:
        query = select(PublishedEvent).where(
            published_events.c.event_id == event_id,
            published_events.c.platform == platform,
            published_events.c.key == key,
        )
        return await self.session.scalar(query)

    def add(self, published: PublishedEvent) -> None:
        self.session.add(published)

    async def remove(self, published: PublishedEvent) -> None:
        await self.session.delete(published)
