"""Mentoring through the real scheduler: reminders to the mentor and the seated mentees, the
start announced in the mentoring channel, rooms opened and closed on time — and moves,
cancellations and downtime handled like socials'."""

from __future__ import annotations

from datetime import timedelta

from bot.app import Hallway
from bot.clock import ManualClock
from bot.scheduling.handlers import build_work_handlers
from bot.scheduling.mentoring_reminders import MentoringSessionSource
from bot.services.mentoring_bookings import book_session
from bot.services.mentoring_sessions import cancel_session, edit_session
from tests.fakes import RecordingMessenger
from tests.schedule_kit import running
from tests.service.mentoring_helpers import START, draft, mentor, offer, person

QUARTER_BEFORE = START - timedelta(minutes=15)


def texts(messenger: RecordingMessenger, who: str) -> list[str]:
    return [sent.text for sent in messenger.to(f"U-{who}@example.org")]


async def test_the_mentor_and_seated_mentees_are_reminded_not_the_waitlist(
    hw: Hallway, clock: ManualClock, messenger: RecordingMessenger
) -> None:
    session = await offer(hw, await mentor(hw), capacity=1)
    await book_session(hw, await person(hw, "ada@example.org"), session.id)
    await book_session(hw, await person(hw, "emmy@example.org"), session.id)  # waitlisted
    async with running(hw, {"fake": messenger}, sources=[MentoringSessionSource()]) as scheduler:
        clock.set(QUARTER_BEFORE)
        await scheduler.run_now()
        await scheduler.run_now()
    [to_mentor] = texts(messenger, "turing")
    assert to_mentor.startswith("Your mentoring session starts soon\nSession ")
    [to_ada] = texts(messenger, "ada")
    assert to_ada.startswith("A mentoring session you booked starts soon")
    assert texts(messenger, "emmy") == []


async def test_a_scheduled_session_is_announced_as_it_starts(
    hw: Hallway, clock: ManualClock, messenger: RecordingMessenger
) -> None:
    await offer(hw, await mentor(hw))
    async with running(hw, {"fake": messenger}, sources=[MentoringSessionSource()]) as scheduler:
        clock.set(START - timedelta(seconds=2))
        await scheduler.run_now()
        assert messenger.to("mentoring") == []
        clock.set(START)
        await scheduler.run_now()
    [post] = messenger.to("mentoring")
    assert post.text.startswith("Mentoring now with Alan Turing")


async def test_a_moved_session_reminds_for_its_new_time_only(
    hw: Hallway, clock: ManualClock, messenger: RecordingMessenger
) -> None:
    turing = await mentor(hw)
    session = await offer(hw, turing)
    later = START + timedelta(hours=3)
    await edit_session(hw, turing, session.id, draft(later))
    async with running(hw, {"fake": messenger}, sources=[MentoringSessionSource()]) as scheduler:
        for moment in (START - timedelta(minutes=60), QUARTER_BEFORE, later - timedelta(hours=1)):
            clock.set(moment)
            await scheduler.run_now()
    reminders = [t for t in texts(messenger, "turing") if "starts soon" in t]
    assert len(reminders) == 2  # the day's (late, on the first tick) and the hour's
    assert all("18:00 UTC – 18:45 UTC" in text for text in reminders)


async def test_a_cancelled_session_sends_no_reminder_and_opens_no_room(
    hw: Hallway, clock: ManualClock, messenger: RecordingMessenger
) -> None:
    turing = await mentor(hw)
    session = await offer(hw, turing)
    await book_session(hw, await person(hw, "ada@example.org"), session.id)
    await cancel_session(hw, turing, session.id)
    handlers = build_work_handlers()
    async with running(
        hw, {"fake": messenger}, handlers=handlers, sources=[MentoringSessionSource()]
    ) as scheduler:
        for moment in (QUARTER_BEFORE, START):
            clock.set(moment)
            await scheduler.run_now()
    assert [t for t in texts(messenger, "ada") if "starts soon" in t] == []
    assert [sent for sent in messenger.sent if sent.kind == "open_room"] == []


async def test_after_downtime_a_running_session_gets_its_room_but_no_stale_reminder(
    hw: Hallway, clock: ManualClock, messenger: RecordingMessenger
) -> None:
    session = await offer(hw, await mentor(hw))
    await book_session(hw, await person(hw, "ada@example.org"), session.id)
    clock.set(START + timedelta(minutes=10))  # Hallway was down from the day before
    async with running(
        hw,
        {"fake": messenger},
        handlers=build_work_handlers(),
        sources=[MentoringSessionSource()],
    ) as scheduler:
        await scheduler.run_now()
    assert [sent.address for sent in messenger.sent if sent.kind == "open_room"] == [
        f"mentoring:{session.id}"
    ]
    assert [t for t in texts(messenger, "ada") if "starts soon" in t] == []
    assert len(messenger.to("mentoring")) == 1  # still running: the announcement is useful
