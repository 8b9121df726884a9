"""Whole-event reads for the chairs' exports and statistics: a few queries, each by index."""

from __future__ import annotations

from sqlalchemy import String, cast, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.audit import AuditEntry
from bot.domain.mentoring import Booking, MentoringSession, MentorProfile
from bot.domain.stats import FanoutLine
from storage.tables import (
    audit_log,
    mentor_profiles,
    mentoring_bookings,
    mentoring_sessions,
    outbox,
    rsvps,
    social_slots,
    socials,
)


class SqlRecordsRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def rsvp_counts(self, event_id: int) -> dict[int, tuple[int, int]]:
        query = (
            select(rsvps.c.slot_id, rsvps.c.waitlisted, func.count().label("n"))
            .join(social_slots, social_slots.c.id == rsvps.c.slot_id)
            .join(socials, socials.c.id == social_slots.c.social_id)
            .where(socials.c.event_id == event_id, rsvps.c.cancelled_at.is_(None))
            .group_by(rsvps.c.slot_id, rsvps.c.waitlisted)
        )
        counts: dict[int, tuple[int, int]] = {}
        for row in await self.session.execute(query):
            going, waiting = counts.get(int(row.slot_id), (0, 0))
            if row.waitlisted:
                waiting = int(row.n)
            else:
                going = int(row.n)
            counts[int(row.slot_id)] = (going, waiting)
        return counts

    async def audit_log(self, event_id: int) -> list[AuditEntry]:
        query = (
            select(AuditEntry)
            .where(audit_log.c.event_id == event_id)
            .order_by(audit_log.c.at, audit_log.c.id)
        )
        return list(await self.session.scalars(query))

    async def mentors(self, event_id: int) -> list[MentorProfile]:
        query = select(MentorProfile).where(mentor_profiles.c.event_id == event_id)
        return list(await self.session.scalars(query.order_by(mentor_profiles.c.id)))

    async def sessions(self, event_id: int) -> list[MentoringSession]:
        query = select(MentoringSession).where(mentoring_sessions.c.event_id == event_id)
        order = (mentoring_sessions.c.starts_at, mentoring_sessions.c.id)
        return list(await self.session.scalars(query.order_by(*order)))

    async def bookings(self, event_id: int) -> list[Booking]:
        query = select(Booking).where(mentoring_bookings.c.event_id == event_id)
        order = (
            mentoring_bookings.c.session_id,
            mentoring_bookings.c.created_at,
            mentoring_bookings.c.id,
        )
        return list(await self.session.scalars(query.order_by(*order)))

    async def fanout_lines(self, event_id: int) -> list[FanoutLine]:
        # The status is read as text: states other branches add (e.g. "sending") still count.
        query = select(outbox.c.fanout, outbox.c.recipient, cast(outbox.c.status, String)).where(
            outbox.c.event_id == event_id, outbox.c.fanout.is_not(None)
        )
        rows = await self.session.execute(query.order_by(outbox.c.id))
        return [FanoutLine(str(row[0]), str(row[1]), str(row[2])) for row in rows]
