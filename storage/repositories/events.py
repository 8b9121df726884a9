from __future__ import annotations

from dataclasses import fields
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.event import Event, EventConfig, parse_event
from storage.tables import events


class SqlEventRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def save(self, config: EventConfig) -> Event:
        values = {
            "name": config.name,
            "first_day": config.first_day,
            "last_day": config.last_day,
            "config": config.to_dict(),
        }
        found = await self.session.scalar(select(events.c.id).where(events.c.slug == config.slug))
        if found is None:
            result = await self.session.execute(
                insert(events).values(slug=config.slug, **values).returning(events.c.id)
            )
            found = result.scalar_one()
        else:
            await self.session.execute(update(events).where(events.c.id == found).values(**values))
        return _event(config, found)

    async def by_slug(self, slug: str) -> Event | None:
        row = (await self.session.execute(select(events).where(events.c.slug == slug))).first()
        return None if row is None else _event(parse_event(row.config), row.id)

    async def get(self, event_id: int) -> Event | None:
        row = (await self.session.execute(select(events).where(events.c.id == event_id))).first()
        return None if row is None else _event(parse_event(row.config), row.id)


def _event(config: EventConfig, event_id: int) -> Event:
    values: dict[str, Any] = {item.name: getattr(config, item.name) for item in fields(EventConfig)}
    return Event(id=event_id, **values)
