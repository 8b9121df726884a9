"""Browsing the programme: what runs now, what starts next, a day in the reader's own zone,
a category or tags, and my own programme. Anyone may browse; only public socials are shown."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

from bot.app import Hallway
from bot.domain.programme import (
    ListedSlot,
    Listing,
    Selection,
    local_day_bounds,
    normal_tags,
    select,
)
from bot.errors import InvalidInput
from bot.interaction import Actor
from bot.ports import UnitOfWork
from bot.timerules import Interval

NEXT_HOURS = 3
MOST_HOURS_AHEAD = 72
_INSTANT = timedelta(microseconds=1)


@dataclass(frozen=True)
class _Narrowing:
    """What storage is asked for: a superset of the selection, read by index."""

    starts_from: datetime | None = None
    starts_before: datetime | None = None
    social_ids: list[int] | None = None
    empty: bool = False


async def browse_programme(hw: Hallway, actor: Actor, selection: Selection) -> Listing:
    """The public slots matching the selection, in programme order, with the reader's places.
    A local day is read in the reader's zone."""
    if selection.local_day is not None:
        selection = replace(selection, zone=actor.tz)
    reader = actor.participant.id if actor.participant else None
    async with hw.uow() as uow:
        narrowing = await _narrow(uow, hw.event.id, selection)
        entries = [] if narrowing.empty else await _read(uow, hw.event.id, selection, narrowing)
        places = await uow.programme.places_of(hw.event.id, reader) if reader else {}
    return Listing(tuple(select(entries, selection)), places, reader)


async def programme_now(hw: Hallway, actor: Actor) -> Listing:
    """Slots running at this instant."""
    return await browse_programme(hw, actor, Selection(running_at=hw.now()))


async def programme_next(hw: Hallway, actor: Actor, hours: int = NEXT_HOURS) -> Listing:
    """Slots starting from now until `hours` from now (one starting right now included)."""
    if not 1 <= hours <= MOST_HOURS_AHEAD:
        raise InvalidInput.at(
            "hours", f"Give a number of hours from 1 to {MOST_HOURS_AHEAD}, e.g. /programme next 3."
        )
    ahead = Interval(hw.now(), hw.now() + timedelta(hours=hours))
    return await browse_programme(hw, actor, Selection(starts_within=ahead))


async def programme_day(hw: Hallway, actor: Actor, day: date) -> Listing:
    return await browse_programme(hw, actor, Selection(local_day=day))


async def my_programme(hw: Hallway, actor: Actor) -> Listing:
    """The public socials I lead and the slots I RSVPed to (going or waiting)."""
    person = actor.registered(hw.event.name)
    async with hw.uow() as uow:
        places = await uow.programme.places_of(hw.event.id, person.id)
        led = await uow.programme.slots(hw.event.id, led_by=person.id)
        attending = await uow.programme.slots(hw.event.id, slot_ids=list(places)) if places else []
    unique = {entry.slot_id: entry for entry in (*led, *attending)}
    return Listing(tuple(select(unique.values(), Selection())), places, person.id)


async def _narrow(uow: UnitOfWork, event_id: int, selection: Selection) -> _Narrowing:
    spans = [selection.starts_within] if selection.starts_within else []
    if selection.local_day is not None:
        spans.append(local_day_bounds(selection.local_day, selection.zone))
    if selection.running_at is not None:
        longest = await uow.programme.longest_minutes(event_id)
        since = selection.running_at - timedelta(minutes=longest)
        spans.append(Interval(since, selection.running_at + _INSTANT))
    social_ids = await _tagged(uow, event_id, selection) if selection.tags else None
    starts_from = max((span.start for span in spans), default=None)
    starts_before = min((span.end for span in spans), default=None)
    empty = social_ids == [] or (
        starts_from is not None and starts_before is not None and starts_from >= starts_before
    )
    return _Narrowing(starts_from, starts_before, social_ids, empty)


async def _tagged(uow: UnitOfWork, event_id: int, selection: Selection) -> list[int]:
    tags = await uow.programme.public_tags(event_id)
    return [social_id for social_id, found in tags.items() if selection.tags <= normal_tags(found)]


async def _read(
    uow: UnitOfWork, event_id: int, selection: Selection, narrowing: _Narrowing
) -> list[ListedSlot]:
    options: dict[str, Any] = {
        "starts_from": narrowing.starts_from,
        "starts_before": narrowing.starts_before,
        "categories": sorted(selection.categories),
        "social_ids": narrowing.social_ids,
    }
    return await uow.programme.slots(event_id, **options)
