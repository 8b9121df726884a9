"""The chairs' statistics on a small data set whose figures are worked out by hand below."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.domain.balance import Proposal
from bot.domain.mentoring import Booking, BookingState, MentoringSession, SessionStatus
from bot.domain.regions import Region
from bot.domain.socials import Category, Decision, QueueState, Social, SocialSlot
from bot.domain.stats import FanoutLine, FanoutTally, SocialRsvps, Utilisation, statistics
from bot.timerules import Interval

T0 = datetime(2021, 7, 19, 10, 0, tzinfo=UTC)


def social(ident: int, category: Category, **facts: object) -> Social:
    made = Social(1, f"S{ident}", "", category, 120, 1, T0)
    made.id = ident
    for name, value in facts.items():
        setattr(made, name, value)
    return made


def slot(ident: int) -> SocialSlot:
    made = SocialSlot(T0)
    made.id = ident
    return made


def session(
    ident: int, mentor: int, capacity: int, *, adhoc: bool = False, cancelled: bool = False
) -> MentoringSession:
    start = T0 + timedelta(hours=ident)
    made = MentoringSession(1, mentor, start, 30, capacity, [], "", "", True, adhoc=adhoc)
    made.id = ident
    made.status = SessionStatus.CANCELLED if cancelled else SessionStatus.SCHEDULED
    return made


def booking(ident: int, session_id: int, state: BookingState, minutes: float) -> Booking:
    start = T0 + timedelta(hours=session_id)
    made = Booking(1, session_id, 1000 + ident, "", state, start + timedelta(minutes=minutes))
    made.id = ident
    return made


SOCIALS = [
    # research: 1 accepted and released (public, slots 11 and 12), 2 rejected and released
    social(
        1, Category.RESEARCH, decision=Decision.ACCEPTED, released_at=T0, slots=[slot(11), slot(12)]
    ),
    social(2, Category.RESEARCH, decision=Decision.REJECTED, released_at=T0),
    social(3, Category.SKILLS, decision=Decision.ACCEPTED),  # decided, not released
    social(4, Category.AFFINITY),  # new
    social(5, Category.GATHERING, withdrawn_at=T0),
]
RSVPS = {11: (3, 1), 12: (2, 0), 99: (7, 7)}  # slot 99 belongs to no public social
SESSIONS = [
    session(1, 100, 4),  # 3 booked, 1 waiting
    session(2, 100, 1, cancelled=True),  # not offered
    session(3, 200, 5, adhoc=True),  # first join after 1 minute (a booking cancelled later)
    session(4, 200, 5, adhoc=True),  # nobody joined
    session(5, 200, 5, adhoc=True, cancelled=True),
]
BOOKINGS = [
    *(booking(n, 1, BookingState.BOOKED, n) for n in (1, 2, 3)),
    booking(4, 1, BookingState.WAITLISTED, 4),
    booking(5, 2, BookingState.BOOKED, 1),
    booking(6, 3, BookingState.BOOKED, 4),
    booking(7, 3, BookingState.BOOKED, 2),
    booking(8, 3, BookingState.CANCELLED, 1),
]
PROPOSALS = [  # 15:00–17:00 UTC reaches the Americas and Europe; 03:00–05:00 Asia/Pacific
    Proposal(
        1, "S1", Category.RESEARCH, True, (Interval(T0.replace(hour=15), T0.replace(hour=17)),)
    ),
    Proposal(3, "S3", Category.SKILLS, True, (Interval(T0.replace(hour=3), T0.replace(hour=5)),)),
    Proposal(
        4, "S4", Category.AFFINITY, False, (Interval(T0.replace(hour=9), T0.replace(hour=11)),)
    ),
]
LINES = [
    FanoutLine("f1", "person:1", "sent"),
    FanoutLine("f1", "person:1", "failed"),  # another platform: the person still got it
    FanoutLine("f1", "person:2", "failed"),
    FanoutLine("f1", "person:3", "skipped"),  # on purpose: not counted
    FanoutLine("f2", "person:1", "pending"),
    FanoutLine("f2", "person:2", "sent"),
]

STATS = statistics(SOCIALS, RSVPS, SESSIONS, BOOKINGS, PROPOSALS, LINES)


def test_proposals_are_counted_by_category_and_state() -> None:
    assert STATS.proposals == {
        Category.RESEARCH: {QueueState.RELEASED: 2},
        Category.SKILLS: {QueueState.DECIDED: 1},
        Category.AFFINITY: {QueueState.NEW: 1},
        Category.GATHERING: {QueueState.WITHDRAWN: 1},
    }


def test_the_acceptance_rate_is_accepted_over_decided() -> None:
    assert (STATS.accepted, STATS.rejected) == (2, 1)
    assert STATS.acceptance_rate == pytest.approx(2 / 3)


def test_rsvps_are_summed_over_the_slots_of_public_socials() -> None:
    assert STATS.rsvps == (SocialRsvps(1, "S1", 5, 1),)


def test_utilisation_is_booked_seats_over_offered_seats_of_sessions_not_cancelled() -> None:
    assert STATS.utilisation == Utilisation(5, 14)
    assert STATS.utilisation.share == pytest.approx(5 / 14)
    assert STATS.mentors == {100: Utilisation(3, 4), 200: Utilisation(2, 10)}


def test_the_adhoc_wait_runs_from_announcement_to_the_first_join() -> None:
    waits = STATS.adhoc
    assert (waits.sessions, waits.waits, waits.unjoined) == (2, (timedelta(minutes=1),), 1)
    assert waits.median == waits.longest == timedelta(minutes=1)


def test_coverage_counts_accepted_socials_per_region() -> None:
    cover = STATS.coverage
    assert cover.accepted == 2
    assert cover.reached == {Region.AMERICAS: 1, Region.EUROPE_AFRICA: 1, Region.ASIA_PACIFIC: 1}


def test_delivery_counts_people_once_and_leaves_out_those_skipped() -> None:
    assert STATS.deliveries == (FanoutTally("f1", 1, 2), FanoutTally("f2", 1, 2))


def test_no_data_gives_no_rate_rather_than_zero() -> None:
    empty = statistics([], {}, [], [], [], [])
    assert (empty.acceptance_rate, empty.utilisation.share, empty.adhoc.median) == (
        None,
        None,
        None,
    )
