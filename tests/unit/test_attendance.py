"""Places and the waitlist of one slot, pure."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.domain.attendance import Attendance
from bot.domain.socials import Rsvp

T0 = datetime(2021, 7, 1, tzinfo=UTC)


def rsvp(person: int, minute: int, *, waiting: bool = False, cancelled: bool = False) -> Rsvp:
    made = Rsvp(1, person, T0 + timedelta(minutes=minute), waitlisted=waiting)
    made.cancelled_at = T0 if cancelled else None
    return made


def people(items: tuple[Rsvp, ...]) -> list[int]:
    return [item.participant_id for item in items]


def test_going_and_waiting_are_each_in_order_of_arrival() -> None:
    live = [rsvp(3, 5, waiting=True), rsvp(1, 2), rsvp(2, 1), rsvp(4, 4, waiting=True)]
    attendance = Attendance.of(live)
    assert (people(attendance.going), people(attendance.waiting)) == ([2, 1], [4, 3])


def test_cancelled_rsvps_hold_no_place() -> None:
    attendance = Attendance.of([rsvp(1, 1, cancelled=True), rsvp(2, 2)])
    assert people(attendance.going) == [2]
    assert attendance.of_person(1) is None


def test_there_is_room_below_capacity_and_always_without_one() -> None:
    attendance = Attendance.of([rsvp(1, 1), rsvp(2, 2)])
    assert attendance.has_room(3)
    assert not attendance.has_room(2)
    assert attendance.has_room(None)


def test_waitlist_positions_count_from_one() -> None:
    attendance = Attendance.of([rsvp(1, 1), rsvp(2, 2, waiting=True), rsvp(3, 3, waiting=True)])
    second = attendance.of_person(3)
    assert second is not None
    assert attendance.position(second) == 2


def test_the_first_waiting_fill_the_free_places() -> None:
    attendance = Attendance.of([rsvp(1, 1), rsvp(2, 2, waiting=True), rsvp(3, 3, waiting=True)])
    assert people(attendance.to_promote(2)) == [2]
    assert people(attendance.to_promote(3)) == [2, 3]
    assert people(attendance.to_promote(1)) == []


def test_without_a_capacity_everyone_waiting_gets_a_place() -> None:
    attendance = Attendance.of([rsvp(2, 2, waiting=True), rsvp(3, 3, waiting=True)])
    assert people(attendance.to_promote(None)) == [2, 3]
