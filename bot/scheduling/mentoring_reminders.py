"""Due work for mentoring sessions: reminders to the mentor (the event's `[reminders] leads`
offsets) and to those with a seat (`attendees`), and a post in the mentoring channel as a
scheduled session starts (ad-hoc ones are announced by mentoring itself when posted).

Only live sessions count: a cancelled or ended session stops being derived, so anything
queued for it is dropped before it is sent; a moved one is derived under its new start.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from functools import partial

from bot.app import Hallway
from bot.domain.delivery import ChannelRole
from bot.domain.mentoring import MAX_MINUTES, BookingState, MentoringSession
from bot.messages import Message, message
from bot.ports import Listing, UnitOfWork
from bot.scheduling.due import DueItem, announcement, once, reminder
from bot.services.mentoring_notices import seats_line, session_line, topics_line, video_line

NAME = "mentoring"


class MentoringSessionSource:
    name = NAME

    async def due(
        self,
        hw: Hallway,
        uow: UnitOfWork,
        now: datetime,
        subjects: frozenset[str] | None = None,
    ) -> list[DueItem]:
        rules = hw.event.reminders
        ahead = timedelta(minutes=max((*rules.leads, *rules.attendees, 0)))
        since = now - timedelta(minutes=MAX_MINUTES)
        found = await uow.mentoring.starting_between(hw.event.id, since, now + ahead + _TICK)
        only = _session_ids(subjects)
        sessions = [s for s in found if s.is_live() and (only is None or s.id in only)]
        listings = {
            item.session.id: item for item in await uow.mentoring.listings([s.id for s in sessions])
        }
        items: list[DueItem] = []
        for session in sessions:
            listing = listings.get(session.id)
            if listing is None:
                continue
            mentees = await _seated(uow, session, now, rules.attendees)
            items.extend(_reminders(hw, listing, mentees, now))
            if session.starts_at <= now and not session.adhoc:
                items.append(_announcement(listing))
        return items


_TICK = timedelta(seconds=1)  # starting_between ends before its end: include the last instant


def _session_ids(subjects: frozenset[str] | None) -> set[int] | None:
    if subjects is None:
        return None
    prefix = f"{NAME}:"
    return {int(s.removeprefix(prefix)) for s in subjects if s.startswith(prefix)}


async def _seated(
    uow: UnitOfWork, session: MentoringSession, now: datetime, offsets: Sequence[int]
) -> list[int]:
    """Those with a seat — read only once their reminder may be due (one query per session)."""
    if not offsets or session.starts_at - timedelta(minutes=max(offsets)) > now:
        return []
    bookings = await uow.mentoring.bookings(session.id)
    return [b.participant_id for b in bookings if b.state == BookingState.BOOKED]


def _reminders(hw: Hallway, listing: Listing, mentees: list[int], now: datetime) -> list[DueItem]:
    session, rules = listing.session, hw.event.reminders
    subject = f"{NAME}:{session.id}"
    audiences: list[tuple[str, list[int], tuple[int, ...], Callable[[Listing], Message]]] = [
        ("mentor", [session.mentor_id], rules.leads, mentor_reminder),
        ("mentee", mentees, rules.attendees, mentee_reminder),
    ]
    items: list[DueItem] = []
    for audience, people, offsets, compose in audiences:
        build = once(partial(compose, listing))
        for offset in offsets:
            if session.starts_at - timedelta(minutes=offset) > now:
                continue
            items.extend(
                reminder(subject, session.starts_at, audience, offset, pid, build) for pid in people
            )
    return items


def _announcement(listing: Listing) -> DueItem:
    session = listing.session
    return announcement(
        f"{NAME}:{session.id}",
        session.starts_at,
        session.finishes_at,
        ChannelRole.MENTORING,
        once(partial(start_announcement, listing)),
    )


# --- the messages ---


def mentor_reminder(listing: Listing) -> Message:
    return message(
        "Your mentoring session starts soon",
        session_line(listing),
        topics_line(listing.session),
        seats_line(listing),
        video_line(listing.session),
    )


def mentee_reminder(listing: Listing) -> Message:
    return message(
        "A mentoring session you booked starts soon",
        session_line(listing),
        topics_line(listing.session),
        video_line(listing.session),
    )


def start_announcement(listing: Listing) -> Message:
    return message(
        f"Mentoring now with {listing.mentor_name}",
        session_line(listing),
        topics_line(listing.session),
    )
