"""What should be in the platforms' calendars now, derived from the programme and mentoring.

Public social slots and live mentoring sessions not yet over, each under a stable key. The
services that change socials and sessions never call a platform: the calendar follows from
their state (see `publish_calendar`).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.app import Hallway
from bot.domain.calendar import CalendarEntry
from bot.domain.mentoring import MAX_MINUTES, MentoringSession
from bot.domain.socials import Social
from bot.ports import UnitOfWork

FAR = timedelta(days=3660)


def social_slot_key(slot_id: int) -> str:
    return f"social-slot:{slot_id}"


def mentoring_key(session_id: int) -> str:
    """The same key as the session's room, so the entry can point at the room once open."""
    return f"mentoring:{session_id}"


async def wanted_entries(hw: Hallway, uow: UnitOfWork, now: datetime) -> dict[str, CalendarEntry]:
    wanted: dict[str, CalendarEntry] = {}
    for social in await uow.socials.public(hw.event.id):
        wanted.update(_social_entries(social, now))
    since = now - timedelta(minutes=MAX_MINUTES)  # a session still running started after this
    sessions = await uow.mentoring.starting_between(hw.event.id, since, now + FAR)
    mentors = await uow.participants.get_many(sorted({s.mentor_id for s in sessions}))
    names = {person.id: person.name for person in mentors}
    for session in sessions:
        if session.finishes_at > now:
            name = names.get(session.mentor_id, "a mentor")
            wanted[mentoring_key(session.id)] = _session_entry(session, name)
    return wanted


def _social_entries(social: Social, now: datetime) -> dict[str, CalendarEntry]:
    slots = social.ordered_slots()
    entries: dict[str, CalendarEntry] = {}
    for number, slot in enumerate(slots, start=1):
        span = social.interval_of(slot)
        if span.end <= now:
            continue
        title = social.title if len(slots) == 1 else f"{social.title} ({number} of {len(slots)})"
        entries[social_slot_key(slot.id)] = CalendarEntry(
            title, social.description, span.start, span.end, social.video_url
        )
    return entries


def _session_entry(session: MentoringSession, mentor_name: str) -> CalendarEntry:
    topics = ", ".join(session.topics)
    title = f"Mentoring with {mentor_name}" + (f": {topics}" if topics else "")
    about = session.format_note or f"A mentoring session with {mentor_name}. Book it in Hallway."
    key = mentoring_key(session.id)
    return CalendarEntry(
        title, about, session.starts_at, session.finishes_at, session.video_url, room_key=key
    )
