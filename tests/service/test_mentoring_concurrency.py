"""Fifty people pressing Book at once on a five-seat session, against the real databases."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from bot.app import Hallway
from bot.clock import ManualClock
from bot.delivery.dispatcher import Dispatcher
from bot.domain.mentoring import BookingState
from bot.interaction import Actor
from bot.services.mentoring_bookings import (
    BookingOutcome,
    book_session,
    cancel_booking,
    join_session,
)
from bot.services.mentoring_sessions import start_adhoc_session
from tests.fakes import RecordingMessenger
from tests.service.mentoring_helpers import DURING, START, bookings, mentor, offer, person

PEOPLE, SEATS, ROUNDS = 50, 5, 20


async def crowd(hw: Hallway) -> list[Actor]:
    return [await person(hw, f"mentee{n:02d}@example.org") for n in range(PEOPLE)]


async def test_fifty_at_once_get_five_seats_and_an_ordered_waitlist_every_time(
    hw: Hallway,
) -> None:
    who, people = await mentor(hw), await crowd(hw)
    for round_ in range(ROUNDS):
        session = await offer(hw, who, START + timedelta(hours=round_), capacity=SEATS)
        outcomes: list[BookingOutcome] = await asyncio.gather(
            *(
                book_session(hw, someone, session.id, f"note {n}")
                for n, someone in enumerate(people)
            )
        )
        booked = [o for o in outcomes if o.booking.state == BookingState.BOOKED]
        waiting = [o for o in outcomes if o.booking.state == BookingState.WAITLISTED]
        assert (len(booked), len(waiting)) == (SEATS, PEOPLE - SEATS), f"round {round_}"
        # Each was told a distinct place, and places follow the order the bookings were stored.
        assert sorted(o.position for o in waiting) == list(range(1, PEOPLE - SEATS + 1))
        by_arrival = sorted(waiting, key=lambda o: o.booking.id)
        assert [o.position for o in by_arrival] == list(range(1, PEOPLE - SEATS + 1))
        assert max(o.booking.id for o in booked) < min(o.booking.id for o in waiting)
        stored = await bookings(hw, session.id)
        assert [b.state for b in stored].count(BookingState.BOOKED) == SEATS


async def test_cancellations_promote_the_waitlist_in_order(hw: Hallway) -> None:
    who, people = await mentor(hw), await crowd(hw)
    session = await offer(hw, who, capacity=SEATS)
    outcomes = await asyncio.gather(*(book_session(hw, p, session.id) for p in people))
    holder = {o.booking.participant_id: p for o, p in zip(outcomes, people, strict=True)}
    queue = sorted(
        (o for o in outcomes if o.booking.state == BookingState.WAITLISTED),
        key=lambda o: o.position or 0,
    )
    seated = [o for o in outcomes if o.booking.state == BookingState.BOOKED]
    await asyncio.gather(
        *(cancel_booking(hw, holder[o.booking.participant_id], session.id) for o in seated[:3])
    )
    now_seated = {
        b.participant_id for b in await bookings(hw, session.id) if b.state == BookingState.BOOKED
    }
    first_three = {o.booking.participant_id for o in queue[:3]}
    assert first_three <= now_seated and len(now_seated) == SEATS


async def test_a_crowd_joining_an_ad_hoc_session_at_once_fills_it_and_one_post_says_full(
    hw: Hallway, clock: ManualClock, messenger: RecordingMessenger
) -> None:
    clock.set(DURING)
    who, people = await mentor(hw), await crowd(hw)
    session = await start_adhoc_session(hw, who)
    outcomes = await asyncio.gather(*(join_session(hw, p, session.id) for p in people))
    assert [o.booking.state for o in outcomes].count(BookingState.BOOKED) == session.capacity
    await Dispatcher(hw, {"fake": messenger}).deliver_due()
    [post] = messenger.sent
    assert "Full, 45 waiting" in post.text
