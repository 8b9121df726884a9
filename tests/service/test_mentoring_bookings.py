"""Mentees booking seats, waiting for one, and giving one back."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy.exc import IntegrityError

from bot.app import Hallway
from bot.clock import ManualClock
from bot.domain.mentoring import Booking, BookingState
from bot.errors import HallwayError, InvalidInput, NotFound, NotRegistered
from bot.services.mentoring_bookings import book_session, cancel_booking, join_session
from bot.services.mentoring_sessions import cancel_session
from tests.factories import actor
from tests.fakes import RecordingMessenger
from tests.service.mentoring_helpers import (
    START,
    bookings,
    deliver,
    mentor,
    offer,
    other_event,
    person,
)


async def test_a_booking_takes_a_seat_and_keeps_the_note(hw: Hallway) -> None:
    session = await offer(hw, await mentor(hw))
    outcome = await book_session(hw, await person(hw, "ada@example.org"), session.id, " My CV ")
    assert (outcome.booking.state, outcome.position, outcome.overlaps) == (
        BookingState.BOOKED,
        None,
        [],
    )
    [stored] = await bookings(hw, session.id)
    assert (stored.note, stored.state) == ("My CV", BookingState.BOOKED)


async def test_booking_needs_a_registration_and_stores_nothing(hw: Hallway) -> None:
    session = await offer(hw, await mentor(hw))
    with pytest.raises(NotRegistered):
        await book_session(hw, await actor(hw, "stranger@example.org"), session.id)
    assert await bookings(hw, session.id) == []


async def test_booking_twice_is_refused_and_stores_nothing(hw: Hallway) -> None:
    session = await offer(hw, await mentor(hw))
    ada = await person(hw, "ada@example.org")
    await book_session(hw, ada, session.id)
    with pytest.raises(HallwayError, match=f"You already have a seat in session {session.id}"):
        await book_session(hw, ada, session.id, "again")
    assert [b.note for b in await bookings(hw, session.id)] == [""]


async def test_the_database_refuses_a_second_place_for_the_same_person(hw: Hallway) -> None:
    session = await offer(hw, await mentor(hw))
    ada = await person(hw, "ada@example.org")
    assert ada.participant is not None

    def seat() -> Booking:
        return Booking(hw.event.id, session.id, ada.participant.id, "", BookingState.BOOKED, START)  # type: ignore[union-attr]

    async with hw.uow() as uow:
        await uow.mentoring.add_booking(seat())
        with pytest.raises(IntegrityError):
            await uow.mentoring.add_booking(seat())


async def test_waiting_twice_is_refused_too(hw: Hallway) -> None:
    session = await offer(hw, await mentor(hw), capacity=1)
    await book_session(hw, await person(hw, "emmy@example.org"), session.id)
    ada = await person(hw, "ada@example.org")
    await book_session(hw, ada, session.id)
    with pytest.raises(HallwayError, match="already have a place on the waitlist"):
        await join_session(hw, ada, session.id)


async def test_a_full_session_puts_people_on_its_waitlist_in_order(hw: Hallway) -> None:
    session = await offer(hw, await mentor(hw), capacity=1)
    outcomes = [
        await book_session(hw, await person(hw, f"p{n}@example.org"), session.id) for n in range(3)
    ]
    assert [(o.booking.state.value, o.position) for o in outcomes] == [
        ("booked", None),
        ("waitlisted", 1),
        ("waitlisted", 2),
    ]


async def test_a_freed_seat_goes_to_the_first_waiting_who_is_told(
    hw: Hallway, clock: ManualClock, messenger: RecordingMessenger
) -> None:
    session = await offer(hw, await mentor(hw), capacity=1)
    first = await person(hw, "first@example.org")
    await book_session(hw, first, session.id)
    for email in ("second@example.org", "third@example.org"):
        await book_session(hw, await person(hw, email), session.id)
    result = await cancel_booking(hw, first, session.id)
    assert result.promoted == 1
    states = {b.participant_id: b.state.value for b in await bookings(hw, session.id)}
    assert sorted(states.values()) == ["booked", "cancelled", "waitlisted"]
    await deliver(hw, clock, messenger)
    [notice] = messenger.to("U-second@example.org")
    assert notice.text.startswith("You have a seat\nA seat freed up in Alan Turing's")
    assert session.video_url in notice.text
    assert messenger.to("U-third@example.org") == []


async def test_leaving_the_waitlist_promotes_nobody(hw: Hallway) -> None:
    session = await offer(hw, await mentor(hw), capacity=1)
    await book_session(hw, await person(hw, "first@example.org"), session.id)
    second = await person(hw, "second@example.org")
    await book_session(hw, second, session.id)
    assert (await cancel_booking(hw, second, session.id)).promoted == 0


async def test_booking_again_after_cancelling_goes_to_the_back_of_the_queue(
    hw: Hallway, clock: ManualClock
) -> None:
    session = await offer(hw, await mentor(hw), capacity=1)
    await book_session(hw, await person(hw, "first@example.org"), session.id)
    ada = await person(hw, "ada@example.org")
    await book_session(hw, ada, session.id)
    await book_session(hw, await person(hw, "emmy@example.org"), session.id)
    await cancel_booking(hw, ada, session.id)
    clock.advance(timedelta(minutes=1))
    again = await book_session(hw, ada, session.id, "second try")
    assert (again.booking.state, again.position, again.booking.note) == (
        BookingState.WAITLISTED,
        2,
        "second try",
    )


async def test_overlapping_bookings_are_allowed_with_a_warning(hw: Hallway) -> None:
    one = await offer(hw, await mentor(hw))
    other = await offer(hw, await mentor(hw, "hopper@example.org", "Grace Hopper"))
    ada = await person(hw, "ada@example.org")
    await book_session(hw, ada, one.id)
    outcome = await book_session(hw, ada, other.id)
    assert outcome.booking.state == BookingState.BOOKED
    assert [(o.session.id, o.mentor_name) for o in outcome.overlaps] == [(one.id, "Alan Turing")]


async def test_booking_while_mentoring_oneself_is_allowed_with_a_warning(hw: Hallway) -> None:
    turing = await mentor(hw)
    own = await offer(hw, turing)
    other = await offer(hw, await mentor(hw, "hopper@example.org", "Grace Hopper"))
    outcome = await book_session(hw, turing, other.id)
    assert [o.session.id for o in outcome.overlaps] == [own.id]


async def test_sessions_one_after_the_other_give_no_warning(hw: Hallway) -> None:
    one = await offer(hw, await mentor(hw))
    later = await offer(hw, await mentor(hw, "hopper@example.org"), START + timedelta(minutes=45))
    ada = await person(hw, "ada@example.org")
    await book_session(hw, ada, one.id)
    assert (await book_session(hw, ada, later.id)).overlaps == []


async def test_a_mentor_cannot_book_their_own_session(hw: Hallway) -> None:
    who = await mentor(hw)
    session = await offer(hw, who)
    with pytest.raises(HallwayError, match="mentors cannot book their own"):
        await book_session(hw, who, session.id)


async def test_a_note_over_500_characters_is_refused(hw: Hallway) -> None:
    session = await offer(hw, await mentor(hw))
    with pytest.raises(InvalidInput) as refused:
        await book_session(hw, await person(hw, "ada@example.org"), session.id, "x" * 501)
    assert refused.value.errors == {"note": "The note is 501 characters; 500 fit."}
    assert await bookings(hw, session.id) == []


async def test_cancelled_and_finished_sessions_take_no_bookings(
    hw: Hallway, clock: ManualClock
) -> None:
    who = await mentor(hw)
    cancelled = await offer(hw, who)
    await cancel_session(hw, who, cancelled.id)
    finished = await offer(hw, who, START + timedelta(hours=2))
    ada = await person(hw, "ada@example.org")
    with pytest.raises(HallwayError, match="was cancelled"):
        await book_session(hw, ada, cancelled.id)
    clock.set(finished.ends_at)
    with pytest.raises(HallwayError, match="is over"):
        await book_session(hw, ada, finished.id)


async def test_a_running_session_can_still_be_joined(hw: Hallway, clock: ManualClock) -> None:
    session = await offer(hw, await mentor(hw))
    clock.set(START + timedelta(minutes=10))
    outcome = await join_session(hw, await person(hw, "ada@example.org"), session.id)
    assert outcome.booking.state == BookingState.BOOKED


async def test_cancelling_without_a_booking_says_so(hw: Hallway) -> None:
    session = await offer(hw, await mentor(hw))
    with pytest.raises(HallwayError, match=f"no booking in session {session.id}"):
        await cancel_booking(hw, await person(hw, "ada@example.org"), session.id)


async def test_a_session_of_another_event_cannot_be_booked(hw: Hallway) -> None:
    session = await offer(hw, await mentor(hw))
    elsewhere = await other_event(hw)
    with pytest.raises(NotFound, match=f"no mentoring session {session.id}"):
        await book_session(elsewhere, await person(elsewhere, "ada@example.org"), session.id)
    assert await bookings(hw, session.id) == []
