"""Read-only programme queries as plain rows (no ORM objects): a day of a thousand socials is
read in two queries — the slots with their RSVP counts, then their leads — narrowed by index."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from datetime import datetime
from functools import cache
from typing import Any, TypeVar

from sqlalchemy import BindParameter, ColumnElement, and_, bindparam, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.balance import Proposal
from bot.domain.programme import LeadName, ListedSlot, Place, Standing
from bot.domain.socials import Category, Consent, Decision
from bot.timerules import Interval
from storage.tables import participants, rsvps, social_leads, social_slots, socials

T = TypeVar("T")

# Stay well below SQLite's limit on bound parameters in one statement.
_CHUNK = 900


def is_public(event_id: int | BindParameter[int]) -> ColumnElement[bool]:
    """`Social.is_public` in SQL: accepted, released, neither withdrawn nor combined away."""
    return and_(
        socials.c.event_id == event_id,
        socials.c.decision == Decision.ACCEPTED,
        socials.c.released_at.is_not(None),
        socials.c.withdrawn_at.is_(None),
        socials.c.combined_into.is_(None),
    )


class SqlProgrammeRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def slots(
        self,
        event_id: int,
        *,
        starts_from: datetime | None = None,
        starts_before: datetime | None = None,
        categories: Sequence[Category] = (),
        social_ids: Sequence[int] | None = None,
        slot_ids: Sequence[int] | None = None,
        led_by: int | None = None,
    ) -> list[ListedSlot]:
        given: dict[str, Any] = {
            "starts_from": starts_from,
            "starts_before": starts_before,
            "categories": list(categories) or None,
            "social_ids": None if social_ids is None else list(social_ids),
            "slot_ids": None if slot_ids is None else list(slot_ids),
            "led_by": led_by,
        }
        narrowing = {name: value for name, value in given.items() if value is not None}
        query = _slots_narrowed_by(frozenset(narrowing))
        rows = (await self.session.execute(query, {"event_id": event_id, **narrowing})).all()
        leads = await self._leads(sorted({row.social_id for row in rows}))
        return [_listed(row, leads) for row in rows]

    async def public_tags(self, event_id: int) -> dict[int, list[str]]:
        rows = await self.session.execute(
            select(socials.c.id, socials.c.tags).where(is_public(event_id))
        )
        return {int(row.id): list(row.tags or ()) for row in rows}

    async def longest_minutes(self, event_id: int) -> int:
        return int(await self.session.scalar(_longest(), {"event_id": event_id}) or 0)

    async def places_of(self, event_id: int, participant_id: int) -> dict[int, Place]:
        wanted = {"event_id": event_id, "participant_id": participant_id}
        return {
            int(row.slot_id): Place(Standing.WAITING, int(row.position))
            if row.waitlisted
            else Place(Standing.GOING)
            for row in await self.session.execute(_places(), wanted)
        }

    async def standing_proposals(self, event_id: int) -> list[Proposal]:
        standing = and_(
            socials.c.event_id == event_id,
            socials.c.withdrawn_at.is_(None),
            socials.c.combined_into.is_(None),
            or_(socials.c.decision.is_(None), socials.c.decision == Decision.ACCEPTED),
        )
        query = (
            select(
                socials.c.id,
                socials.c.title,
                socials.c.category,
                socials.c.decision,
                socials.c.duration_minutes,
                social_slots.c.start,
            )
            .outerjoin(social_slots, social_slots.c.social_id == socials.c.id)
            .where(standing)
            .order_by(socials.c.id, social_slots.c.start)
        )
        rows = (await self.session.execute(query)).all()
        leads = await self._lead_ids(select(socials.c.id).where(standing))
        return _proposals(rows, leads)

    async def _leads(self, social_ids: Sequence[int]) -> dict[int, list[LeadName]]:
        leads: dict[int, list[LeadName]] = defaultdict(list)
        for chunk in _chunks(social_ids):
            for row in await self.session.execute(_lead_names(), {"social_ids": chunk}):
                leads[int(row.social_id)].append(LeadName(int(row.id), row.name))
        return leads

    async def _lead_ids(self, social_ids: Any) -> dict[int, set[int]]:
        query = select(social_leads.c.social_id, social_leads.c.participant_id).where(
            social_leads.c.social_id.in_(social_ids),
            social_leads.c.consent != Consent.DECLINED,
        )
        found: dict[int, set[int]] = defaultdict(set)
        for row in await self.session.execute(query):
            found[int(row.social_id)].add(int(row.participant_id))
        return found


# The statements every programme read runs, built once per shape with bound parameters
# (after the mappers start): building one and its cache key costs SQLAlchemy more than SQLite
# takes to run it. `event_id` and the narrowing's values are given at execution.


@cache
def _slots_narrowed_by(narrowing: frozenset[str]) -> Any:
    """The public slots, narrowed by those of the `slots` arguments that are given."""
    query = _slot_rows().where(is_public(bindparam("event_id")))
    if "starts_from" in narrowing:
        query = query.where(social_slots.c.start >= bindparam("starts_from"))
    if "starts_before" in narrowing:
        query = query.where(social_slots.c.start < bindparam("starts_before"))
    if "categories" in narrowing:
        query = query.where(socials.c.category.in_(bindparam("categories", expanding=True)))
    if "social_ids" in narrowing:
        query = query.where(socials.c.id.in_(bindparam("social_ids", expanding=True)))
    if "slot_ids" in narrowing:
        query = query.where(social_slots.c.id.in_(bindparam("slot_ids", expanding=True)))
    if "led_by" in narrowing:
        led = select(social_leads.c.social_id).where(
            social_leads.c.participant_id == bindparam("led_by")
        )
        query = query.where(socials.c.id.in_(led))
    return query.order_by(social_slots.c.start)


@cache
def _longest() -> Any:
    return select(func.max(socials.c.duration_minutes)).where(is_public(bindparam("event_id")))


@cache
def _places() -> Any:
    earlier = rsvps.alias("earlier")
    ahead = (
        select(func.count())
        .where(
            earlier.c.slot_id == rsvps.c.slot_id,
            earlier.c.cancelled_at.is_(None),
            earlier.c.waitlisted.is_(True),
            or_(
                earlier.c.created_at < rsvps.c.created_at,
                and_(earlier.c.created_at == rsvps.c.created_at, earlier.c.id <= rsvps.c.id),
            ),
        )
        .scalar_subquery()
    )
    return (
        select(rsvps.c.slot_id, rsvps.c.waitlisted, ahead.label("position"))
        .join(social_slots, social_slots.c.id == rsvps.c.slot_id)
        .join(socials, socials.c.id == social_slots.c.social_id)
        .where(
            rsvps.c.participant_id == bindparam("participant_id"),
            rsvps.c.cancelled_at.is_(None),
            is_public(bindparam("event_id")),
        )
    )


@cache
def _lead_names() -> Any:
    return (
        select(social_leads.c.social_id, participants.c.id, participants.c.name)
        .join(participants, participants.c.id == social_leads.c.participant_id)
        .where(social_leads.c.social_id.in_(bindparam("social_ids", expanding=True)))
        .order_by(social_leads.c.id)
    )


def _live_count(waitlisted: bool) -> Any:
    """RSVPs of the row's slot, going or waiting: counted by the database, by index."""
    return (
        select(func.count())
        .where(
            rsvps.c.slot_id == social_slots.c.id,
            rsvps.c.cancelled_at.is_(None),
            rsvps.c.waitlisted.is_(waitlisted),
        )
        .scalar_subquery()
    )


def _slot_rows() -> Any:
    return select(
        social_slots.c.id.label("slot_id"),
        social_slots.c.start,
        socials.c.id.label("social_id"),
        socials.c.title,
        socials.c.category,
        socials.c.tags,
        socials.c.duration_minutes,
        socials.c.capacity,
        _live_count(False).label("going"),
        _live_count(True).label("waiting"),
    ).join(socials, socials.c.id == social_slots.c.social_id)


def _listed(row: Any, leads: dict[int, list[LeadName]]) -> ListedSlot:
    return ListedSlot(
        slot_id=row.slot_id,
        social_id=row.social_id,
        title=row.title,
        category=Category(row.category),
        tags=tuple(row.tags or ()),
        span=Interval.lasting(row.start, row.duration_minutes),
        capacity=row.capacity,
        going=int(row.going),
        waiting=int(row.waiting),
        leads=tuple(leads.get(row.social_id, ())),
    )


def _proposals(rows: Sequence[Any], leads: dict[int, set[int]]) -> list[Proposal]:
    grouped: dict[int, list[Any]] = defaultdict(list)
    for row in rows:
        grouped[int(row.id)].append(row)
    return [
        Proposal(
            social_id=social_id,
            title=group[0].title,
            category=Category(group[0].category),
            accepted=group[0].decision == Decision.ACCEPTED,
            slots=tuple(
                Interval.lasting(row.start, row.duration_minutes)
                for row in group
                if row.start is not None
            ),
            lead_ids=frozenset(leads.get(social_id, ())),
        )
        for social_id, group in grouped.items()
    ]


def _chunks(items: Sequence[T]) -> Iterator[list[T]]:
    for start in range(0, len(items), _CHUNK):
        yield list(items[start : start + _CHUNK])
