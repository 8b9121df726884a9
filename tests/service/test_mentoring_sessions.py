"""Mentors offering, editing, cancelling and ending sessions; ad-hoc sessions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.app import Hallway
from bot.clock import ManualClock
from bot.domain.mentoring import SessionStatus
from bot.domain.participants import Role
from bot.domain.work import WorkStatus
from bot.errors import HallwayError, InvalidInput, NotAllowed, NotRegistered
from bot.services.mentoring_bookings import book_session
from bot.services.mentoring_sessions import (
    SessionDraft,
    cancel_session,
    edit_session,
    end_session_early,
    schedule_session,
)
from tests.factories import actor
from tests.fakes import RecordingMessenger
from tests.service.mentoring_helpers import (
    START,
    bookings,
    deliver,
    draft,
    mentor,
    offer,
    person,
    session_count,
    stored,
)


async def test_a_session_takes_the_events_default_length_and_a_generated_link(
    hw: Hallway,
) -> None:
    session = await offer(hw, await mentor(hw))
    again = await stored(hw, session.id)
    assert (again.minutes, again.ends_at) == (45, START + timedelta(minutes=45))
    assert again.video_url.startswith("https://meet.jit.si/") and again.video_generated
    assert len(again.video_url) > len("https://meet.jit.si/") + 12


async def test_a_mentor_may_give_their_own_link(hw: Hallway) -> None:
    session = await offer(hw, await mentor(hw), video_url="https://zoom.example/j/1")
    assert (session.video_url, session.video_generated) == ("https://zoom.example/j/1", False)


async def test_a_link_that_is_not_http_is_refused(hw: Hallway) -> None:
    with pytest.raises(InvalidInput) as refused:
        await offer(hw, await mentor(hw), video_url="javascript:alert(1)")
    assert "video_url" in refused.value.errors
    assert await session_count(hw) == 0


@pytest.mark.parametrize(
    "start",
    [
        datetime(2021, 7, 17, 9, 59, tzinfo=UTC),  # before 18 July began anywhere
        datetime(2021, 7, 25, 12, 0, tzinfo=UTC),  # after 24 July ended everywhere
    ],
)
async def test_a_start_outside_the_conference_is_refused_naming_the_dates(
    hw: Hallway, start: datetime
) -> None:
    with pytest.raises(InvalidInput) as refused:
        await offer(hw, await mentor(hw), start)
    assert "from 18 July 2021 to 24 July 2021" in refused.value.errors["start"]
    assert await session_count(hw) == 0


async def test_the_first_and_last_moments_of_the_window_are_accepted(hw: Hallway) -> None:
    who = await mentor(hw)
    await offer(hw, who, datetime(2021, 7, 17, 10, 0, tzinfo=UTC), minutes=15)
    await offer(hw, who, datetime(2021, 7, 25, 11, 59, tzinfo=UTC), minutes=15)
    assert await session_count(hw) == 2


async def test_a_start_in_the_past_is_refused(hw: Hallway, clock: ManualClock) -> None:
    clock.set(START + timedelta(minutes=1))
    with pytest.raises(InvalidInput, match="That time has passed"):
        await offer(hw, await mentor(hw))


@pytest.mark.parametrize("capacity", [0, 21])
async def test_a_capacity_outside_one_to_the_maximum_is_refused(hw: Hallway, capacity: int) -> None:
    with pytest.raises(InvalidInput) as refused:
        await offer(hw, await mentor(hw), capacity=capacity)
    assert refused.value.errors == {
        "capacity": "Capacity must be from 1 (one-to-one) to 20, the most this event allows."
    }
    assert await session_count(hw) == 0


@pytest.mark.parametrize("minutes", [14, 121])
async def test_a_length_outside_15_to_120_minutes_is_refused(hw: Hallway, minutes: int) -> None:
    with pytest.raises(InvalidInput) as refused:
        await offer(hw, await mentor(hw), minutes=minutes)
    assert list(refused.value.errors) == ["minutes"]


async def test_every_bad_field_is_named_at_once(hw: Hallway) -> None:
    draft = SessionDraft(datetime(2021, 8, 1, tzinfo=UTC), 0, [], 5, "", "ftp://x")
    with pytest.raises(InvalidInput) as refused:
        await schedule_session(hw, await mentor(hw), draft)
    assert set(refused.value.errors) == {"start", "minutes", "capacity", "video_url"}


async def test_a_mentor_cannot_overlap_their_own_sessions(hw: Hallway) -> None:
    who = await mentor(hw)
    first = await offer(hw, who)
    with pytest.raises(InvalidInput) as refused:
        await offer(hw, who, START + timedelta(minutes=30))
    assert f"That overlaps your session {first.id}" in refused.value.errors["start"]
    assert await session_count(hw) == 1


async def test_back_to_back_sessions_and_other_mentors_at_the_same_time_are_fine(
    hw: Hallway,
) -> None:
    who = await mentor(hw)
    await offer(hw, who)
    await offer(hw, who, START + timedelta(minutes=45))
    await offer(hw, await mentor(hw, "hopper@example.org", "Grace Hopper"))
    assert await session_count(hw) == 3


async def test_offering_a_session_needs_a_registration_and_a_profile(hw: Hallway) -> None:
    with pytest.raises(NotRegistered):
        await offer(hw, await actor(hw, "stranger@example.org"))
    with pytest.raises(HallwayError, match="save your mentor profile"):
        await offer(hw, await person(hw, "ada@example.org"))
    assert await session_count(hw) == 0


async def test_moving_a_session_tells_its_mentees_once_in_their_own_time(
    hw: Hallway, clock: ManualClock, messenger: RecordingMessenger
) -> None:
    who = await mentor(hw)
    session = await offer(hw, who)
    ada = await person(hw, "ada@example.org")
    await book_session(hw, ada, session.id)
    for hours in (1, 2):
        await edit_session(hw, who, session.id, draft(START + timedelta(hours=hours)))
    await deliver(hw, clock, messenger)
    [notice] = messenger.to("U-ada@example.org")
    assert "Your mentoring session with Alan Turing has changed." in notice.text
    assert "Before: Monday 19 July 2021, 15:00 UTC" in notice.text
    assert "Now: Monday 19 July 2021, 17:00 UTC" in notice.text


async def test_an_edit_that_keeps_the_time_tells_nobody(
    hw: Hallway, clock: ManualClock, messenger: RecordingMessenger
) -> None:
    who = await mentor(hw)
    session = await offer(hw, who)
    await book_session(hw, await person(hw, "ada@example.org"), session.id)
    await edit_session(hw, who, session.id, draft(START, topics=["theory"]))
    await deliver(hw, clock, messenger)
    assert messenger.to("U-ada@example.org") == []
    assert (await stored(hw, session.id)).topics == ["theory"]


async def test_capacity_cannot_drop_below_the_seats_taken(hw: Hallway) -> None:
    who = await mentor(hw)
    session = await offer(hw, who, capacity=2)
    for email in ("ada@example.org", "emmy@example.org"):
        await book_session(hw, await person(hw, email), session.id)
    with pytest.raises(InvalidInput, match="2 people have a seat already"):
        await edit_session(hw, who, session.id, draft(START, capacity=1))
    assert (await stored(hw, session.id)).capacity == 2


async def test_more_capacity_moves_the_waitlist_up(hw: Hallway) -> None:
    who = await mentor(hw)
    session = await offer(hw, who, capacity=1)
    for email in ("ada@example.org", "emmy@example.org"):
        await book_session(hw, await person(hw, email), session.id)
    await edit_session(hw, who, session.id, draft(START, capacity=2))
    assert [b.state.value for b in await bookings(hw, session.id)] == ["booked", "booked"]


async def test_a_cancelled_session_tells_its_mentees_and_its_room_never_opens(
    hw: Hallway, clock: ManualClock, messenger: RecordingMessenger
) -> None:
    who = await mentor(hw)
    session = await offer(hw, who)
    await book_session(hw, await person(hw, "ada@example.org"), session.id)
    await cancel_session(hw, who, session.id)
    await deliver(hw, clock, messenger)
    [notice] = messenger.to("U-ada@example.org")
    assert "Your mentoring session with Alan Turing has been cancelled." in notice.text
    async with hw.uow() as uow:
        opening = await uow.work.by_key(f"room.open:mentoring:{session.id}")
    assert opening is not None and opening.status == WorkStatus.SKIPPED
    assert (await stored(hw, session.id)).status == SessionStatus.CANCELLED


async def test_a_chair_cancelling_tells_the_mentor_too(
    hw: Hallway, clock: ManualClock, messenger: RecordingMessenger
) -> None:
    session = await offer(hw, await mentor(hw))
    await cancel_session(hw, await person(hw, "chair@example.org", Role.CHAIR), session.id)
    await deliver(hw, clock, messenger)
    assert "A chair of the event cancelled" in messenger.to("U-turing@example.org")[0].text


async def test_a_started_session_is_ended_not_cancelled_nor_edited(
    hw: Hallway, clock: ManualClock
) -> None:
    who = await mentor(hw)
    session = await offer(hw, who)
    clock.set(START + timedelta(minutes=5))
    with pytest.raises(HallwayError, match="has started; end it"):
        await cancel_session(hw, who, session.id)
    with pytest.raises(HallwayError, match="can no longer be edited"):
        await edit_session(hw, who, session.id, draft(START + timedelta(hours=1)))


@pytest.mark.parametrize(
    ("who", "verb", "allowed"),
    [
        (who, verb, who == "mentor" or (who == "chair" and verb != "edit"))
        for who in ("unregistered", "participant", "mentor", "other mentor", "chair")
        for verb in ("edit", "cancel", "end")
    ],
)
async def test_who_may_edit_cancel_and_end_a_session(
    hw: Hallway, clock: ManualClock, who: str, verb: str, allowed: bool
) -> None:
    session = await offer(hw, await mentor(hw))
    actors = {
        "unregistered": lambda: actor(hw, "stranger@example.org"),
        "participant": lambda: person(hw, "ada@example.org"),
        "mentor": lambda: actor(hw, "turing@example.org"),
        "other mentor": lambda: mentor(hw, "hopper@example.org", "Grace Hopper"),
        "chair": lambda: person(hw, "chair@example.org", Role.CHAIR),
    }
    acting = await actors[who]()
    if verb == "end":
        clock.set(START + timedelta(minutes=1))

    async def act() -> None:
        if verb == "edit":
            await edit_session(hw, acting, session.id, draft(START + timedelta(hours=2)))
        elif verb == "cancel":
            await cancel_session(hw, acting, session.id)
        else:
            await end_session_early(hw, acting, session.id)

    if allowed:
        await act()
        assert (await stored(hw, session.id)).starts_at != START or verb != "edit"
        return
    with pytest.raises(NotRegistered if who == "unregistered" else NotAllowed):
        await act()
    again = await stored(hw, session.id)
    assert (again.status, again.starts_at) == (SessionStatus.SCHEDULED, START)


async def test_once_its_room_is_open_a_session_keeps_its_start(
    hw: Hallway, clock: ManualClock
) -> None:
    who = await mentor(hw)
    session = await offer(hw, who)
    clock.set(START - timedelta(minutes=5))  # the room opened ten minutes before
    with pytest.raises(InvalidInput, match="room for this session is open already"):
        await edit_session(hw, who, session.id, draft(START + timedelta(hours=1)))
    await edit_session(hw, who, session.id, draft(START, topics=["theory"]))
    assert (await stored(hw, session.id)).topics == ["theory"]


async def test_a_removed_own_link_is_replaced_and_a_generated_one_kept(hw: Hallway) -> None:
    who = await mentor(hw)
    own = await offer(hw, who, video_url="https://zoom.example/j/1")
    edited = await edit_session(hw, who, own.id, draft(START))
    assert edited.video_generated and edited.video_url.startswith("https://meet.jit.si/")
    again = await edit_session(hw, who, own.id, draft(START))
    assert again.video_url == edited.video_url


async def test_an_edit_without_a_length_keeps_the_sessions(hw: Hallway) -> None:
    who = await mentor(hw)
    session = await offer(hw, who, minutes=90)
    edited = await edit_session(hw, who, session.id, draft(START, topics=["theory"]))
    assert edited.minutes == 90
