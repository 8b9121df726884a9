"""Browsing sessions by topic and time, and "mine" for mentees and mentors."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from bot.app import Hallway
from bot.clock import ManualClock
from bot.domain.mentoring import BookingState
from bot.errors import InvalidInput, NotRegistered
from bot.interaction import Actor
from bot.services.mentoring_bookings import book_session
from bot.services.mentoring_browse import (
    BrowseFilter,
    browse_sessions,
    my_mentoring,
    read_browse_words,
)
from bot.services.mentoring_sessions import cancel_session, end_session_early
from tests.factories import actor
from tests.service.mentoring_helpers import START, mentor, offer, other_event, person


async def found(hw: Hallway, reader: Actor, words: str) -> list[int]:
    result = await browse_sessions(hw, reader, read_browse_words(words))
    return [card.listing.session.id for card in result.cards]


@pytest.mark.parametrize(
    "words",
    ["reinforcement", "REINFORCEMENT", "reinf", "rl", "turing", "thinking"],
)
async def test_topic_words_match_topics_bio_and_name_forgivingly(hw: Hallway, words: str) -> None:
    session = await offer(hw, await mentor(hw), topics=("RL / reinforcement learning",))
    await offer(hw, await mentor(hw, "hopper@example.org", "Grace Hopper", ("compilers",), "Navy."))
    reader = await actor(hw, "anyone@example.org")
    assert await found(hw, reader, words) == [session.id]


async def test_accents_do_not_matter_either_way(hw: Hallway) -> None:
    noether = await mentor(hw, "noether@example.org", "Émilie Du Châtelet", ("Réseaux",), "")
    session = await offer(hw, noether, topics=("réseaux de neurones",))
    reader = await actor(hw, "anyone@example.org")
    assert await found(hw, reader, "reseaux chatelet") == [session.id]
    assert await found(hw, reader, "Émilie") == [session.id]


async def test_every_word_must_match_somewhere(hw: Hallway) -> None:
    await offer(hw, await mentor(hw))
    reader = await actor(hw, "anyone@example.org")
    assert await found(hw, reader, "careers compilers") == []


async def test_a_word_inside_another_does_not_match(hw: Hallway) -> None:
    await offer(hw, await mentor(hw), topics=("careers",))
    assert await found(hw, await actor(hw, "anyone@example.org"), "areers") == []


async def test_sessions_come_earliest_first_and_finished_ones_go(
    hw: Hallway, clock: ManualClock
) -> None:
    who = await mentor(hw)
    late = await offer(hw, who, START + timedelta(hours=3))
    early = await offer(hw, who)
    reader = await actor(hw, "anyone@example.org")
    assert await found(hw, reader, "") == [early.id, late.id]
    clock.set(early.ends_at)
    assert await found(hw, reader, "") == [late.id]


async def test_cancelled_and_ended_sessions_are_not_listed(hw: Hallway, clock: ManualClock) -> None:
    who = await mentor(hw)
    cancelled = await offer(hw, who)
    ended = await offer(hw, who, START + timedelta(hours=1))
    await cancel_session(hw, who, cancelled.id)
    clock.set(ended.starts_at + timedelta(minutes=1))
    await end_session_early(hw, who, ended.id)
    assert await found(hw, await actor(hw, "anyone@example.org"), "") == []


async def test_now_lists_running_sessions_and_those_about_to_start(
    hw: Hallway, clock: ManualClock
) -> None:
    who = await mentor(hw)
    running = await offer(hw, who)
    soon = await offer(hw, who, START + timedelta(minutes=60))
    await offer(hw, who, START + timedelta(minutes=120))
    clock.set(START + timedelta(minutes=40))
    assert await found(hw, await actor(hw, "anyone@example.org"), "now") == [running.id, soon.id]


async def test_next_hours_lists_sessions_starting_within_them(
    hw: Hallway, clock: ManualClock
) -> None:
    who = await mentor(hw)
    clock.set(START - timedelta(hours=1))
    within = await offer(hw, who)
    await offer(hw, who, START + timedelta(minutes=90))  # 2 h 30 ahead
    reader = await actor(hw, "anyone@example.org")
    assert await found(hw, reader, "next 2") == [within.id]
    assert len(await found(hw, reader, "next")) == 2  # three hours by default


async def test_a_day_is_the_readers_own_day(hw: Hallway) -> None:
    who = await mentor(hw)
    # 19 July 15:00 UTC is the 20th in Tokyo (00:00 JST), still the 19th in UTC.
    tokyo_midnight = await offer(hw, who, datetime(2021, 7, 19, 15, tzinfo=UTC))
    before = await offer(hw, who, datetime(2021, 7, 19, 14, tzinfo=UTC))
    in_tokyo = await actor(hw, "kenji@example.org", zone="Asia/Tokyo")
    in_utc = await actor(hw, "anyone@example.org")
    assert await found(hw, in_tokyo, "2021-07-20") == [tokyo_midnight.id]
    assert await found(hw, in_utc, "2021-07-19") == [before.id, tokyo_midnight.id]


async def test_free_leaves_out_full_sessions(hw: Hallway) -> None:
    who = await mentor(hw)
    full = await offer(hw, who, capacity=1)
    open_ = await offer(hw, who, START + timedelta(hours=1), capacity=1)
    await book_session(hw, await person(hw, "ada@example.org"), full.id)
    reader = await actor(hw, "anyone@example.org")
    assert await found(hw, reader, "free careers") == [open_.id]
    assert await found(hw, reader, "careers") == [full.id, open_.id]


async def test_a_reader_sees_their_own_place(hw: Hallway) -> None:
    session = await offer(hw, await mentor(hw), capacity=1)
    await book_session(hw, await person(hw, "emmy@example.org"), session.id)
    ada = await person(hw, "ada@example.org")
    await book_session(hw, ada, session.id)
    [card] = (await browse_sessions(hw, ada, BrowseFilter())).cards
    assert (card.mine, card.position, card.listing.booked, card.listing.waitlisted) == (
        BookingState.WAITLISTED,
        1,
        1,
        1,
    )


async def test_browsing_shows_fifteen_and_counts_the_rest(hw: Hallway) -> None:
    who = await mentor(hw)
    for hour in range(20):
        await offer(hw, who, START + timedelta(hours=hour))
    result = await browse_sessions(hw, await actor(hw, "anyone@example.org"), BrowseFilter())
    assert (len(result.cards), result.total) == (15, 20)


async def test_another_events_sessions_are_not_listed(hw: Hallway) -> None:
    await offer(hw, await mentor(hw))
    elsewhere = await other_event(hw)
    assert await found(elsewhere, await actor(elsewhere, "anyone@example.org"), "") == []


def test_filter_words_come_first_then_topic_words() -> None:
    assert read_browse_words("next 6 free Deep RL") == BrowseFilter(
        when="next", hours=6, free=True, topic="Deep RL"
    )
    assert read_browse_words("2021-07-20 careers") == BrowseFilter(
        when="day", day=date(2021, 7, 20), topic="careers"
    )
    assert read_browse_words("careers now") == BrowseFilter(topic="careers now")


@pytest.mark.parametrize(
    ("words", "problem"), [("next 100", "1 to 72 hours"), ("2021-02-30", "not a date")]
)
def test_bad_filter_words_are_named(words: str, problem: str) -> None:
    with pytest.raises(InvalidInput, match=problem):
        read_browse_words(words)


async def test_mine_shows_a_mentees_places_and_a_mentors_mentees_with_their_notes(
    hw: Hallway,
) -> None:
    who = await mentor(hw)
    session = await offer(hw, who, capacity=1)
    await book_session(hw, await person(hw, "ada@example.org", name="Ada"), session.id, "My CV")
    emmy = await person(hw, "emmy@example.org", name="Emmy")
    await book_session(hw, emmy, session.id, "Postdocs?")
    as_mentee = await my_mentoring(hw, emmy)
    assert [(c.listing.session.id, c.mine, c.position) for c in as_mentee.places] == [
        (session.id, BookingState.WAITLISTED, 1)
    ]
    [hosted] = (await my_mentoring(hw, who)).hosting
    assert [(p.name, b.state.value, b.note) for b, p in hosted.people] == [
        ("Ada", "booked", "My CV"),
        ("Emmy", "waitlisted", "Postdocs?"),
    ]


async def test_mine_needs_a_registration(hw: Hallway) -> None:
    with pytest.raises(NotRegistered):
        await my_mentoring(hw, await actor(hw, "stranger@example.org"))
