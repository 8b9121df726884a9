"""What the scheduler reads each second to derive due work: kept to narrow, indexed queries
(slots by start, RSVPs by slot) because it runs on every tick."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.socials import Decision, Social
from storage.tables import rsvps, social_slots, socials

_CHUNK = 500


class SqlScheduleRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def public_socials_starting(
        self,
        event_id: int,
        since: datetime,
        until: datetime,
        slot_ids: Collection[int] | None = None,
    ) -> list[Social]:
        starting = select(social_slots.c.social_id).where(
            social_slots.c.start >= since, social_slots.c.start <= until
        )
        if slot_ids is not None:
            starting = starting.where(social_slots.c.id.in_(sorted(slot_ids)))
        query = select(Social).where(
            socials.c.event_id == event_id,
            socials.c.id.in_(starting),
            socials.c.decision == Decision.ACCEPTED,
            socials.c.released_at.is_not(None),
            socials.c.withdrawn_at.is_(None),
            socials.c.combined_into.is_(None),
        )
        return list(await self.session.scalars(query.order_by(socials.c.id)))

    async def going(self, slot_ids: Sequence[int]) -> dict[int, list[int]]:
        found: dict[int, list[int]] = defaultdict(list)
        unique = sorted(set(slot_ids))
        for start in range(0, len(unique), _CHUNK):
            query = (
                select(rsvps.c.slot_id, rsvps.c.participant_id)
                .where(
                    rsvps.c.slot_id.in_(unique[start : start + _CHUNK]),
                    rsvps.c.cancelled_at.is_(None),
                    rsvps.c.waitlisted.is_(False),
                )
                .order_by(rsvps.c.slot_id, rsvps.c.id)
            )
            for row in await self.session.execute(query):
                found[int(row.slot_id)].append(int(row.participant_id))
        return dict(found)
