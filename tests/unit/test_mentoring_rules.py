"""The pure rules of mentoring: window, length, capacity, overlaps, seats and the queue."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.domain.mentoring import (
    Booking,
    BookingState,
    MentoringSession,
    check_capacity,
    check_minutes,
    check_note,
    check_start,
    clashes,
    queue_order,
    seat_for,
    to_promote,
    waitlist_position,
)
from bot.errors import InvalidInput
from bot.event import load_event_file
from bot.timerules import Interval

ICML = load_event_file(Path(__file__).resolve().parents[2] / "examples" / "icml2021.toml")
START = datetime(2021, 7, 19, 15, tzinfo=UTC)
BEFORE = datetime(2021, 6, 11, tzinfo=UTC)


def session(ident: int, start: datetime = START, minutes: int = 45) -> MentoringSession:
    made = MentoringSession(1, 7, start, minutes, 2, ["rl"], "", "https://x", True)
    made.id = ident
    return made


def booking(ident: int, state: BookingState, minute: int = 0) -> Booking:
    made = Booking(1, 1, ident, "", state, START + timedelta(minutes=minute))
    made.id = ident
    return made


def test_a_start_on_a_conference_date_somewhere_is_accepted() -> None:
    check_start(datetime(2021, 7, 17, 10, tzinfo=UTC), BEFORE, ICML)  # 18 July in Kiribati
    check_start(datetime(2021, 7, 25, 11, 59, tzinfo=UTC), BEFORE, ICML)  # 24 July in Baker Is.


@pytest.mark.parametrize(
    "start", [datetime(2021, 7, 17, 9, 59, tzinfo=UTC), datetime(2021, 7, 25, 12, tzinfo=UTC)]
)
def test_a_start_outside_the_window_is_refused_with_the_dates(start: datetime) -> None:
    with pytest.raises(InvalidInput, match="from 18 July 2021 to 24 July 2021"):
        check_start(start, BEFORE, ICML)


def test_a_start_before_now_is_refused() -> None:
    with pytest.raises(InvalidInput, match="has passed"):
        check_start(START, START + timedelta(seconds=1), ICML)


@pytest.mark.parametrize(("minutes", "ok"), [(14, False), (15, True), (120, True), (121, False)])
def test_sessions_last_15_to_120_minutes(minutes: int, ok: bool) -> None:
    if ok:
        check_minutes(minutes)
    else:
        with pytest.raises(InvalidInput):
            check_minutes(minutes)


@pytest.mark.parametrize(("capacity", "ok"), [(0, False), (1, True), (20, True), (21, False)])
def test_capacity_runs_from_one_to_the_events_maximum(capacity: int, ok: bool) -> None:
    if ok:
        check_capacity(capacity, 20)
    else:
        with pytest.raises(InvalidInput, match="from 1 \\(one-to-one\\) to 20"):
            check_capacity(capacity, 20)


def test_a_note_may_hold_500_characters() -> None:
    check_note("x" * 500)
    with pytest.raises(InvalidInput):
        check_note("x" * 501)


def test_overlapping_sessions_clash_and_touching_ones_do_not() -> None:
    mine = [session(1), session(2, START + timedelta(hours=2))]
    assert clashes(Interval.lasting(START + timedelta(minutes=44), 30), mine, BEFORE) == [mine[0]]
    assert clashes(Interval.lasting(START + timedelta(minutes=45), 30), mine, BEFORE) == []


def test_a_session_does_not_clash_with_itself_when_moved() -> None:
    mine = [session(1)]
    assert clashes(Interval.lasting(START + timedelta(minutes=10), 45), mine, BEFORE, skip=1) == []


def test_ended_and_cancelled_sessions_free_the_mentors_time() -> None:
    ended, cancelled = session(1), session(2)
    ended.end(START + timedelta(minutes=10))
    cancelled.cancel()
    later = Interval.lasting(START + timedelta(minutes=20), 30)
    assert clashes(later, [ended, cancelled], START + timedelta(minutes=15)) == []


def test_seats_go_first_come_first_served() -> None:
    assert [seat_for(2, taken) for taken in (0, 1, 2, 3)] == [
        BookingState.BOOKED,
        BookingState.BOOKED,
        BookingState.WAITLISTED,
        BookingState.WAITLISTED,
    ]


def test_the_queue_is_by_time_then_by_id() -> None:
    later, first, second = (
        booking(1, BookingState.WAITLISTED, 5),
        booking(3, BookingState.WAITLISTED),
        booking(4, BookingState.WAITLISTED),
    )
    assert queue_order([second, later, first]) == [first, second, later]
    assert waitlist_position(later, [later, first, second]) == 3


def test_free_seats_go_to_the_front_of_the_queue() -> None:
    queue = [
        booking(1, BookingState.BOOKED),
        booking(2, BookingState.CANCELLED),
        booking(3, BookingState.WAITLISTED, 2),
        booking(4, BookingState.WAITLISTED, 1),
    ]
    assert [b.id for b in to_promote(2, queue)] == [4]
    assert [b.id for b in to_promote(3, queue)] == [4, 3]
    assert to_promote(1, queue) == []


def test_a_session_ended_early_finishes_then() -> None:
    ended = session(1)
    ended.end(START + timedelta(minutes=10))
    assert (ended.finishes_at, ended.is_over(START + timedelta(minutes=10))) == (
        START + timedelta(minutes=10),
        True,
    )
