"""Finding a mentor: browsing sessions by topic and time, and "mine" for mentees and mentors.

Topic words are forgiving (no case, no accents, each word a prefix, on the session's topics and
the mentor's topics, bio and name). Times: `now` (running or starting within 30 minutes),
`next [HOURS]`, or a day `YYYY-MM-DD` in the reader's zone; `free` keeps sessions with seats.
Anyone may browse; seats and "mine" need a registration.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Literal

from bot.app import Hallway
from bot.domain.mentoring import Booking, BookingState, MentorProfile, waitlist_position
from bot.domain.participants import Participant
from bot.domain.search import words
from bot.errors import InvalidInput
from bot.interaction import Actor
from bot.ports import Listing, SessionQuery, UnitOfWork
from bot.timerules import Interval

NOW_AHEAD = timedelta(minutes=30)
NEXT_HOURS, MAX_NEXT_HOURS = 3, 72
SHOWN = 15

When = Literal["any", "now", "next", "day"]
_DATE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")


@dataclass(frozen=True)
class BrowseFilter:
    when: When = "any"
    hours: int = NEXT_HOURS
    day: date | None = None
    free: bool = False
    topic: str = ""


@dataclass(frozen=True)
class Card:
    """A session as one reader sees it: with their own place in it, if any."""

    listing: Listing
    mine: BookingState | None = None
    position: int | None = None  # on the waitlist
    own: bool = False  # the reader mentors it


@dataclass(frozen=True)
class Browse:
    cards: list[Card]
    total: int
    wanted: BrowseFilter
    span: Interval | None  # the time asked for, to say so


@dataclass(frozen=True)
class Hosted:
    """A mentor's session with who booked (and their notes), seats first, then the queue."""

    listing: Listing
    people: list[tuple[Booking, Participant]]
    started: bool


@dataclass(frozen=True)
class Mine:
    places: list[Card]
    hosting: list[Hosted]
    profile: MentorProfile | None


def read_browse_words(text: str) -> BrowseFilter:
    """`next 6 free reinforcement learning`: filter words first, then topic words."""
    wanted = BrowseFilter()
    rest = text.split()
    while rest:
        typed = rest.pop(0)
        word = typed.lower()
        if word == "now":
            wanted = replace(wanted, when="now")
        elif word == "free":
            wanted = replace(wanted, free=True)
        elif word == "next":
            hours = _hours(rest.pop(0)) if rest and rest[0].isdigit() else NEXT_HOURS
            wanted = replace(wanted, when="next", hours=hours)
        elif _DATE.match(word):
            wanted = replace(wanted, when="day", day=_day(word))
        else:
            rest.insert(0, typed)
            break
    return replace(wanted, topic=" ".join(rest))


async def browse_sessions(hw: Hallway, actor: Actor, wanted: BrowseFilter) -> Browse:
    span = _span(wanted, hw.now(), actor.tz)
    query = SessionQuery(
        hw.event.id,
        hw.now(),
        starts_from=span.start if span and wanted.when != "now" else None,
        starts_before=span.end if span else None,
        words=tuple(words(wanted.topic)),
        free_only=wanted.free,
        limit=SHOWN,
    )
    async with hw.uow() as uow:
        listings, total = await uow.mentoring.browse(query)
        cards = await _cards(hw, uow, actor.participant, listings)
    return Browse(cards, total, wanted, span)


async def my_mentoring(hw: Hallway, actor: Actor) -> Mine:
    person = actor.registered(hw.event.name)
    async with hw.uow() as uow:
        places = await uow.mentoring.bookings_of(hw.event.id, person.id, hw.now())
        listings = await uow.mentoring.listings([booking.session_id for booking in places])
        cards = await _cards(hw, uow, person, listings)
        hosted = await uow.mentoring.mentor_sessions(hw.event.id, person.id, hw.now())
        hosting = [
            Hosted(
                listing,
                await _people(uow, listing.session.id),
                listing.session.has_started(hw.now()),
            )
            for listing in await uow.mentoring.listings([session.id for session in hosted])
        ]
        profile = await uow.mentors.for_participant(hw.event.id, person.id)
    return Mine(cards, hosting, profile)


async def _cards(
    hw: Hallway, uow: UnitOfWork, person: Participant | None, listings: list[Listing]
) -> list[Card]:
    if person is None:
        return [Card(listing) for listing in listings]
    held = {
        b.session_id: b for b in await uow.mentoring.bookings_of(hw.event.id, person.id, hw.now())
    }
    cards = []
    for listing in listings:
        booking = held.get(listing.session.id)
        position = None
        if booking is not None and booking.state == BookingState.WAITLISTED:
            position = waitlist_position(booking, await uow.mentoring.bookings(booking.session_id))
        own = listing.session.mentor_id == person.id
        cards.append(Card(listing, booking.state if booking else None, position, own))
    return cards


async def _people(uow: UnitOfWork, session_id: int) -> list[tuple[Booking, Participant]]:
    bookings = [b for b in await uow.mentoring.bookings(session_id) if b.holds_place]
    people = {
        p.id: p for p in await uow.participants.get_many([b.participant_id for b in bookings])
    }
    seated = sorted(bookings, key=lambda b: b.state != BookingState.BOOKED)  # stable: queue order
    return [(booking, people[booking.participant_id]) for booking in seated]


def _span(wanted: BrowseFilter, now: datetime, zone: tzinfo) -> Interval | None:
    if wanted.when == "now":
        return Interval(now, now + NOW_AHEAD)
    if wanted.when == "next":
        return Interval.lasting(now, wanted.hours * 60)
    if wanted.when == "day" and wanted.day is not None:
        start = datetime.combine(wanted.day, time(0), zone).astimezone(UTC)
        end = datetime.combine(wanted.day + timedelta(days=1), time(0), zone).astimezone(UTC)
        return Interval(start, end)
    return None


def _hours(text: str) -> int:
    hours = int(text)
    if not 1 <= hours <= MAX_NEXT_HOURS:
        raise InvalidInput.at("filter", f"“next” looks from 1 to {MAX_NEXT_HOURS} hours ahead.")
    return hours


def _day(text: str) -> date:
    year, month, day = text.split("-")
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        raise InvalidInput.at("filter", f"“{text}” is not a date; type YYYY-MM-DD.") from None
