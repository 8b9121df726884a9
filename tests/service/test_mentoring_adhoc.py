"""Ad-hoc sessions: started "now" during the conference, announced, ended early."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.app import Hallway
from bot.clock import ManualClock
from bot.delivery.dispatcher import Dispatcher
from bot.domain.mentoring import SessionStatus
from bot.errors import HallwayError, InvalidInput
from bot.services.mentoring_bookings import join_session
from bot.services.mentoring_sessions import end_session_early, start_adhoc_session
from tests.fakes import RecordingMessenger
from tests.service.mentoring_helpers import DURING, START, mentor, offer, person, stored


async def test_a_session_that_has_not_started_cannot_be_ended(hw: Hallway) -> None:
    who = await mentor(hw)
    session = await offer(hw, who)
    with pytest.raises(HallwayError, match="has not started yet"):
        await end_session_early(hw, who, session.id)


async def test_ending_early_records_when(hw: Hallway, clock: ManualClock) -> None:
    who = await mentor(hw)
    session = await offer(hw, who)
    clock.set(START + timedelta(minutes=20))
    await end_session_early(hw, who, session.id)
    again = await stored(hw, session.id)
    assert (again.status, again.ended_at) == (SessionStatus.ENDED, clock.now())
    assert again.finishes_at == START + timedelta(minutes=20)


async def test_an_ad_hoc_session_outside_the_conference_says_when_it_is(hw: Hallway) -> None:
    with pytest.raises(HallwayError) as refused:
        await start_adhoc_session(hw, await mentor(hw))
    assert refused.value.message == (
        "Ad-hoc sessions run only during ICML 2021, from 18 July 2021 to 24 July 2021 "
        "(on one of those dates somewhere on Earth)."
    )


async def test_an_ad_hoc_session_starts_now_small_and_is_announced_with_a_join_button(
    hw: Hallway, clock: ManualClock, messenger: RecordingMessenger
) -> None:
    clock.set(DURING)
    session = await start_adhoc_session(hw, await mentor(hw), topic="Job talks")
    assert (session.starts_at, session.minutes, session.capacity) == (DURING, 30, 5)
    assert session.topics == ["job talks"] and session.adhoc
    await Dispatcher(hw, {"fake": messenger}).deliver_due()
    [post] = messenger.to("mentoring")
    assert post.text.startswith("Mentoring now with Alan Turing")
    assert [(b.action, b.value) for b in post.message.buttons] == [  # type: ignore[union-attr]
        ("mentoring.join", str(session.id))
    ]


async def test_an_ad_hoc_session_without_a_topic_takes_the_profiles(
    hw: Hallway, clock: ManualClock
) -> None:
    clock.set(DURING)
    session = await start_adhoc_session(hw, await mentor(hw), 45)
    assert session.topics == ["rl / reinforcement learning", "careers"]
    assert session.minutes == 45


async def test_an_ad_hoc_session_cannot_overlap_the_mentors_own(
    hw: Hallway, clock: ManualClock
) -> None:
    who = await mentor(hw)
    await offer(hw, who, DURING + timedelta(minutes=20))
    clock.set(DURING)
    with pytest.raises(InvalidInput, match="That overlaps your session"):
        await start_adhoc_session(hw, who)


async def test_the_announcement_says_full_once_the_last_seat_is_taken(
    hw: Hallway, clock: ManualClock, messenger: RecordingMessenger
) -> None:
    clock.set(DURING)
    session = await start_adhoc_session(hw, await mentor(hw))
    dispatcher = Dispatcher(hw, {"fake": messenger})
    await dispatcher.deliver_due()
    for n in range(5):
        await join_session(hw, await person(hw, f"p{n}@example.org"), session.id)
    clock.advance(timedelta(seconds=1))
    await dispatcher.deliver_due()
    assert [s.kind for s in messenger.sent] == ["post", "update"]  # five joins, one edit
    assert "Full" in messenger.sent[-1].text
    assert [b.label for b in messenger.sent[-1].message.buttons] == ["Join the waitlist"]  # type: ignore[union-attr]
