from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.rooms import Room
from storage.tables import rooms


class SqlRoomRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, key: str, platform: str) -> Room | None:
        query = select(Room).where(rooms.c.key == key, rooms.c.platform == platform)
        return await self.session.scalar(query)

    async def open_on(self, event_id: int, platform: str) -> list[Room]:
        query = select(Room).where(
            rooms.c.event_id == event_id, rooms.c.platform == platform, rooms.c.closed_at.is_(None)
        )
        return list(await self.session.scalars(query))

    def add(self, room: Room) -> None:
        self.session.add(room)
