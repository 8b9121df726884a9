"""Calendars: the facts entries are built from (read as plain rows, a few queries for the whole
programme), the versions served so far, and the personal feeds' tokens."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from bot.calendars.entries import SessionFacts, SocialSlotFacts
from bot.calendars.ties import Ties
from bot.calendars.versions import Version
from bot.domain.mentoring import BookingState, SessionStatus
from bot.domain.programme import LeadName
from bot.domain.socials import Category, Consent, Decision
from bot.timerules import Interval
from storage.tables import (
    calendar_tokens,
    calendar_versions,
    mentor_profiles,
    mentoring_bookings,
    mentoring_sessions,
    participants,
    rsvps,
    social_leads,
    social_slots,
    socials,
)

_HELD = (BookingState.BOOKED, BookingState.WAITLISTED)


class SqlCalendarRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    # --- facts ---

    async def social_slots(self, event_id: int) -> list[SocialSlotFacts]:
        going = (
            select(func.count())
            .where(
                rsvps.c.slot_id == social_slots.c.id,
                rsvps.c.cancelled_at.is_(None),
                rsvps.c.waitlisted.is_(False),
            )
            .scalar_subquery()
        )
        query = (
            select(social_slots.c.id.label("slot_id"), social_slots.c.start, going.label("going"))
            .add_columns(*_social_columns())
            .join(socials, socials.c.id == social_slots.c.social_id)
            .where(
                socials.c.event_id == event_id,
                socials.c.decision == Decision.ACCEPTED,
                socials.c.released_at.is_not(None),
            )
            .order_by(social_slots.c.start, social_slots.c.id)
        )
        rows = (await self.session.execute(query)).all()
        leads = await self._leads(event_id)
        return [_slot_facts(row, leads.get(int(row.social_id), ())) for row in rows]

    async def sessions(self, event_id: int) -> list[SessionFacts]:
        booked = (
            select(func.count())
            .where(
                mentoring_bookings.c.session_id == mentoring_sessions.c.id,
                mentoring_bookings.c.state == BookingState.BOOKED,
            )
            .scalar_subquery()
        )
        query = (
            select(mentoring_sessions, participants.c.name, mentor_profiles.c.affiliation)
            .add_columns(booked.label("booked"))
            .join(participants, participants.c.id == mentoring_sessions.c.mentor_id)
            .outerjoin(
                mentor_profiles,
                mentor_profiles.c.participant_id == mentoring_sessions.c.mentor_id,
            )
            .where(mentoring_sessions.c.event_id == event_id)
            .order_by(mentoring_sessions.c.starts_at, mentoring_sessions.c.id)
        )
        return [_session_facts(row) for row in await self.session.execute(query)]

    async def ties(self, event_id: int, participant_id: int) -> Ties:
        led = select(social_leads.c.social_id).where(
            social_leads.c.participant_id == participant_id,
            social_leads.c.consent != Consent.DECLINED,
        )
        going = (
            select(rsvps.c.slot_id, social_slots.c.social_id)
            .join(social_slots, social_slots.c.id == rsvps.c.slot_id)
            .where(rsvps.c.participant_id == participant_id, rsvps.c.cancelled_at.is_(None))
        )
        mentored = select(mentoring_sessions.c.id).where(
            mentoring_sessions.c.event_id == event_id,
            mentoring_sessions.c.mentor_id == participant_id,
        )
        booked = select(mentoring_bookings.c.session_id).where(
            mentoring_bookings.c.participant_id == participant_id,
            mentoring_bookings.c.state.in_(_HELD),
        )
        rsvped = (await self.session.execute(going)).all()
        return Ties(
            led_socials=frozenset(await self.session.scalars(led)),
            slots=frozenset(int(row.slot_id) for row in rsvped),
            rsvped_socials=frozenset(int(row.social_id) for row in rsvped),
            sessions=frozenset(await self.session.scalars(mentored))
            | frozenset(await self.session.scalars(booked)),
        )

    # --- versions ---

    async def versions(self, event_id: int) -> dict[str, Version]:
        query = select(calendar_versions).where(calendar_versions.c.event_id == event_id)
        return {
            row.uid: Version(
                row.uid, row.subject, row.fingerprint, row.sequence, row.changed_at, row.snapshot
            )
            for row in await self.session.execute(query)
        }

    async def store_versions(self, event_id: int, versions: Sequence[Version]) -> None:
        """New UIDs inserted (one already inserted by a request running alongside is left as
        it is); changed ones raised to their new sequence once, however many raise it."""
        for version in versions:
            values = _version_values(event_id, version)
            if version.sequence == 0:
                await self.session.execute(self._insert_new(values))
            else:
                await self.session.execute(
                    update(calendar_versions)
                    .where(
                        calendar_versions.c.uid == version.uid,
                        calendar_versions.c.sequence < version.sequence,
                    )
                    .values(values)
                )

    def _insert_new(self, values: dict[str, Any]) -> Any:
        if self.session.get_bind().dialect.name == "postgresql":
            return postgresql.insert(calendar_versions).values(values).on_conflict_do_nothing()
        return sqlite.insert(calendar_versions).values(values).on_conflict_do_nothing()

    # --- personal feeds ---

    async def live_token(self, event_id: int, participant_id: int) -> str | None:
        query = select(calendar_tokens.c.token).where(
            calendar_tokens.c.event_id == event_id,
            calendar_tokens.c.participant_id == participant_id,
            calendar_tokens.c.revoked_at.is_(None),
        )
        return await self.session.scalar(query.order_by(calendar_tokens.c.id.desc()).limit(1))

    async def add_token(
        self, event_id: int, participant_id: int, token: str, now: datetime
    ) -> None:
        await self.session.execute(
            calendar_tokens.insert().values(
                event_id=event_id, participant_id=participant_id, token=token, created_at=now
            )
        )

    async def revoke_tokens(self, event_id: int, participant_id: int, now: datetime) -> int:
        result: Any = await self.session.execute(
            update(calendar_tokens)
            .where(
                calendar_tokens.c.event_id == event_id,
                calendar_tokens.c.participant_id == participant_id,
                calendar_tokens.c.revoked_at.is_(None),
            )
            .values(revoked_at=now)
        )
        return int(result.rowcount or 0)

    async def token_owner(self, event_id: int, token: str) -> int | None:
        query = select(calendar_tokens.c.participant_id).where(
            and_(
                calendar_tokens.c.event_id == event_id,
                calendar_tokens.c.token == token,
                calendar_tokens.c.revoked_at.is_(None),
            )
        )
        return await self.session.scalar(query)

    async def _leads(self, event_id: int) -> dict[int, tuple[LeadName, ...]]:
        query = (
            select(social_leads.c.social_id, participants.c.id, participants.c.name)
            .join(participants, participants.c.id == social_leads.c.participant_id)
            .join(socials, socials.c.id == social_leads.c.social_id)
            .where(
                socials.c.event_id == event_id,
                socials.c.decision == Decision.ACCEPTED,
                social_leads.c.consent == Consent.CONFIRMED,
            )
            .order_by(social_leads.c.id)
        )
        found: dict[int, list[LeadName]] = defaultdict(list)
        for row in await self.session.execute(query):
            found[int(row.social_id)].append(LeadName(int(row.id), row.name))
        return {social_id: tuple(names) for social_id, names in found.items()}


def _social_columns() -> list[Any]:
    return [
        socials.c.id.label("social_id"),
        socials.c.title,
        socials.c.description,
        socials.c.category,
        socials.c.tags,
        socials.c.duration_minutes,
        socials.c.video_url,
        socials.c.capacity,
        socials.c.withdrawn_at,
        socials.c.combined_into,
    ]


def _slot_facts(row: Any, leads: tuple[LeadName, ...]) -> SocialSlotFacts:
    return SocialSlotFacts(
        slot_id=int(row.slot_id),
        social_id=int(row.social_id),
        title=row.title,
        description=row.description,
        category=Category(row.category),
        tags=tuple(row.tags or ()),
        span=Interval.lasting(row.start, row.duration_minutes),
        video_url=row.video_url,
        capacity=row.capacity,
        going=int(row.going),
        leads=leads,
        cancelled=row.withdrawn_at is not None or row.combined_into is not None,
    )


def _session_facts(row: Any) -> SessionFacts:
    end = row.ends_at
    if row.status == SessionStatus.ENDED and row.ended_at is not None:
        end = max(row.ended_at, row.starts_at + timedelta(minutes=1))
    return SessionFacts(
        session_id=int(row.id),
        mentor_id=int(row.mentor_id),
        mentor_name=row.name,
        affiliation=row.affiliation or "",
        topics=tuple(row.topics or ()),
        format_note=row.format_note,
        span=Interval(row.starts_at, end),
        video_url=row.video_url,
        adhoc=bool(row.adhoc),
        capacity=int(row.capacity),
        booked=int(row.booked),
        cancelled=row.status == SessionStatus.CANCELLED,
    )


def _version_values(event_id: int, version: Version) -> dict[str, Any]:
    return {
        "event_id": event_id,
        "uid": version.uid,
        "subject": version.subject,
        "fingerprint": version.fingerprint,
        "sequence": version.sequence,
        "changed_at": version.changed_at,
        "snapshot": version.snapshot,
    }
