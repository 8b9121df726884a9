from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.audit import AuditEntry
from bot.domain.socials import (
    Consent,
    Decision,
    LeadAsk,
    QueueState,
    Rsvp,
    Social,
    SocialSlot,
    queue_state,
)
from storage.tables import audit_log, rsvps, social_leads, social_suggestions, socials

# Stay well below SQLite's limit on bound parameters in one statement.
_CHUNK = 900


class SqlSocialRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, social_id: int, *, for_update: bool = False) -> Social | None:
        query = select(Social).where(socials.c.id == social_id)
        if for_update:
            query = query.with_for_update()
        return await self.session.scalar(query)

    def add(self, social: Social) -> None:
        self.session.add(social)

    async def for_event(self, event_id: int) -> list[Social]:
        query = select(Social).where(socials.c.event_id == event_id).order_by(socials.c.id)
        return list(await self.session.scalars(query))

    async def many(self, social_ids: Sequence[int]) -> list[Social]:
        found: list[Social] = []
        ordered = sorted(set(social_ids))
        for start in range(0, len(ordered), _CHUNK):
            chunk = ordered[start : start + _CHUNK]
            query = select(Social).where(socials.c.id.in_(chunk)).order_by(socials.c.id)
            found.extend(await self.session.scalars(query))
        return found

    async def states(self, event_id: int) -> dict[int, QueueState]:
        """Three narrow queries of plain rows: the proposals' own columns, the leads still to
        confirm, the suggestions still open (no ORM objects, no slots, no text)."""
        rows = await self.session.execute(
            select(
                socials.c.id,
                socials.c.withdrawn_at.is_not(None).label("withdrawn"),
                socials.c.combined_into.is_not(None).label("combined"),
                socials.c.decision.is_not(None).label("decided"),
                socials.c.released_at.is_not(None).label("released"),
            ).where(socials.c.event_id == event_id)
        )
        waiting: dict[int, list[LeadAsk]] = defaultdict(list)
        unconfirmed = (
            select(social_leads.c.social_id, social_leads.c.asked_for)
            .join(socials, socials.c.id == social_leads.c.social_id)
            .where(socials.c.event_id == event_id, social_leads.c.consent != Consent.CONFIRMED)
        )
        for lead in await self.session.execute(unconfirmed):
            waiting[int(lead.social_id)].append(LeadAsk(lead.asked_for))
        open_suggestions = (
            select(social_suggestions.c.social_id)
            .join(socials, socials.c.id == social_suggestions.c.social_id)
            .where(socials.c.event_id == event_id, social_suggestions.c.accepted.is_(None))
        )
        suggesting = {int(social_id) for social_id in await self.session.scalars(open_suggestions)}
        return {
            int(row.id): queue_state(
                withdrawn=bool(row.withdrawn),
                combined=bool(row.combined),
                waiting=waiting.get(int(row.id), ()),
                suggestion_open=int(row.id) in suggesting,
                decided=bool(row.decided),
                released=bool(row.released),
            )
            for row in rows
        }

    async def led_by(self, event_id: int, participant_id: int) -> list[Social]:
        led = select(social_leads.c.social_id).where(
            social_leads.c.participant_id == participant_id
        )
        query = (
            select(Social)
            .where(socials.c.event_id == event_id, socials.c.id.in_(led))
            .order_by(socials.c.id)
        )
        return list(await self.session.scalars(query))

    async def public(self, event_id: int) -> list[Social]:
        query = select(Social).where(
            socials.c.event_id == event_id,
            socials.c.decision == Decision.ACCEPTED,
            socials.c.released_at.is_not(None),
            socials.c.withdrawn_at.is_(None),
            socials.c.combined_into.is_(None),
        )
        return list(await self.session.scalars(query.order_by(socials.c.id)))

    async def slot(self, slot_id: int) -> SocialSlot | None:
        return await self.session.get(SocialSlot, slot_id)


class SqlRsvpRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def add(self, rsvp: Rsvp) -> None:
        self.session.add(rsvp)

    async def live_for_slot(self, slot_id: int, *, for_update: bool = False) -> list[Rsvp]:
        query = (
            select(Rsvp)
            .where(rsvps.c.slot_id == slot_id, rsvps.c.cancelled_at.is_(None))
            .order_by(rsvps.c.waitlisted, rsvps.c.created_at, rsvps.c.id)
        )
        if for_update:
            query = query.with_for_update()
        return list(await self.session.scalars(query))

    async def live_of(self, participant_id: int) -> list[Rsvp]:
        query = select(Rsvp).where(
            rsvps.c.participant_id == participant_id, rsvps.c.cancelled_at.is_(None)
        )
        return list(await self.session.scalars(query.order_by(rsvps.c.created_at)))

    async def going_counts(self, slot_ids: Sequence[int]) -> dict[int, int]:
        if not slot_ids:
            return {}
        query = (
            select(rsvps.c.slot_id, func.count().label("going"))
            .where(
                rsvps.c.slot_id.in_(list(slot_ids)),
                rsvps.c.cancelled_at.is_(None),
                rsvps.c.waitlisted.is_(False),
            )
            .group_by(rsvps.c.slot_id)
        )
        rows = await self.session.execute(query)
        return {int(row.slot_id): int(row.going) for row in rows}


class SqlAuditRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def add(self, entry: AuditEntry) -> None:
        self.session.add(entry)

    async def for_subject(self, subject: str) -> list[AuditEntry]:
        query = select(AuditEntry).where(audit_log.c.subject == subject)
        return list(await self.session.scalars(query.order_by(audit_log.c.at, audit_log.c.id)))
