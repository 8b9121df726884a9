"""The chairs' statistics (definitions in `bot.domain.stats`), read in one unit of work."""

from __future__ import annotations

from dataclasses import dataclass

from bot.app import Hallway
from bot.domain.participants import Role
from bot.domain.stats import Stats, statistics
from bot.interaction import Actor


@dataclass(frozen=True)
class ChairsStats:
    stats: Stats
    names: dict[int, str]  # mentors' names by participant id


async def chairs_statistics(hw: Hallway, actor: Actor) -> ChairsStats:
    actor.require_role(Role.CHAIR, hw.event.name, "see the statistics")
    return await event_statistics(hw)


async def event_statistics(hw: Hallway) -> ChairsStats:
    """For the operator's `hallway stats` and the chairs' views alike."""
    event_id = hw.event.id
    async with hw.uow() as uow:
        socials = await uow.socials.for_event(event_id)
        rsvps = await uow.records.rsvp_counts(event_id)
        sessions = await uow.records.sessions(event_id)
        bookings = await uow.records.bookings(event_id)
        proposals = await uow.programme.standing_proposals(event_id)
        lines = await uow.records.fanout_lines(event_id)
        mentors = await uow.participants.get_many(sorted({s.mentor_id for s in sessions}))
    stats = statistics(socials, rsvps, sessions, bookings, proposals, lines)
    return ChairsStats(stats, {person.id: person.name for person in mentors})
