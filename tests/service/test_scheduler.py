"""The scheduler with the real APScheduler and a manual conference clock: every kind of work."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from datetime import datetime, timedelta

import pytest

from bot.app import Hallway
from bot.clock import ManualClock
from bot.delivery.outbox import SETTLE, tell_of_change
from bot.domain.delivery import DeliveryStatus
from bot.domain.participants import Role
from bot.domain.work import Work, WorkStatus
from bot.messages import Strong
from bot.ports import DeliveryError, Messenger
from bot.scheduling.scheduler import TICK
from bot.scheduling.work import schedule_work
from bot.services.deliveries import recent_fanouts
from bot.timerules import Interval
from storage import Database
from tests.factories import actor, register
from tests.fakes import RecordingMessenger
from tests.schedule_kit import START, move_slot, on_programme, people, rows, running

DAY_BEFORE = START - timedelta(minutes=1440)
HOUR_BEFORE = START - timedelta(minutes=60)
QUARTER_BEFORE = START - timedelta(minutes=15)


def dms(messenger: RecordingMessenger, person: str) -> list[str]:
    return [sent.text for sent in messenger.to(f"U-{person}@example.org")]


async def test_leads_are_reminded_a_day_and_an_hour_before(
    hw: Hallway, clock: ManualClock, messenger: RecordingMessenger
) -> None:
    ada, bob = await people(hw, "ada", "bob")
    await on_programme(hw, [ada, bob])
    async with running(hw, {"fake": messenger}) as scheduler:
        clock.set(DAY_BEFORE - timedelta(seconds=1))
        await scheduler.run_now()
        assert messenger.sent == []
        clock.set(DAY_BEFORE)
        await scheduler.run_now()
        await scheduler.run_now()  # nothing twice
        assert len(dms(messenger, "ada")) == len(dms(messenger, "bob")) == 1
        clock.set(HOUR_BEFORE)
        await scheduler.run_now()
    assert len(dms(messenger, "ada")) == 2
    assert dms(messenger, "ada")[1].startswith("Your social starts soon\nQuiz night starts at ")


async def test_people_going_are_reminded_but_not_the_waitlist(
    hw: Hallway, clock: ManualClock, messenger: RecordingMessenger
) -> None:
    ada, bob, cat, dan = await people(hw, "ada", "bob", "cat", "dan")
    await on_programme(hw, [ada, bob], going=[cat], waitlisted=[dan])
    async with running(hw, {"fake": messenger}) as scheduler:
        clock.set(QUARTER_BEFORE)
        await scheduler.run_now()
    assert dms(messenger, "cat") == [
        "A social you are going to starts soon\n"
        "Quiz night starts at Monday 19 July 2021, 15:00 UTC."
    ]
    assert dms(messenger, "dan") == []


async def test_the_start_is_announced_in_the_announcements_channel(
    hw: Hallway, clock: ManualClock, messenger: RecordingMessenger
) -> None:
    ada, bob = await people(hw, "ada", "bob")
    await on_programme(hw, [ada, bob])
    async with running(hw, {"fake": messenger}) as scheduler:
        clock.set(START - timedelta(seconds=1))
        await scheduler.run_now()
        assert messenger.to("socials") == []
        clock.set(START)
        await scheduler.run_now()
        clock.advance(timedelta(minutes=5))
        await scheduler.run_now()
    [post] = messenger.to("socials")
    assert post.text.startswith("Starting now\nQuiz night starts now, until 17:00 UTC.")
    assert "Led by Ada, Bob — Research topics." in post.text


async def test_a_reminder_for_a_session_already_started_is_skipped_and_logged_once(
    hw: Hallway,
    clock: ManualClock,
    messenger: RecordingMessenger,
    database: Database,
    caplog: pytest.LogCaptureFixture,
) -> None:
    ada, bob, cat = await people(hw, "ada", "bob", "cat")
    await on_programme(hw, [ada, bob], going=[cat])
    clock.set(START + timedelta(minutes=10))  # Hallway was down from before the reminders
    with caplog.at_level(logging.INFO, logger="bot.scheduling.deriving"):
        async with running(hw, {"fake": messenger}) as scheduler:
            await scheduler.run_now()
            await scheduler.run_now()
    assert dms(messenger, "cat") == [] and dms(messenger, "ada") == []
    [reminder] = await rows(database, "attendee:15m>p")
    assert (reminder.status, reminder.last_error) == (
        DeliveryStatus.SKIPPED,
        "the session had already started",
    )
    logged = [r.getMessage() for r in caplog.records if "attendee:15m" in r.getMessage()]
    assert logged == [f"skipped {reminder.key}: the session had already started"]
    assert len(messenger.to("socials")) == 1  # still running: the announcement is useful


async def test_after_downtime_only_the_latest_reminder_goes_out(
    hw: Hallway, clock: ManualClock, messenger: RecordingMessenger, database: Database
) -> None:
    ada, bob = await people(hw, "ada", "bob")
    await on_programme(hw, [ada, bob])
    clock.set(START - timedelta(minutes=30))  # both the day's and the hour's reminders are due
    async with running(hw, {"fake": messenger}) as scheduler:
        await scheduler.run_now()
    assert len(dms(messenger, "ada")) == 1
    statuses = {row.key.split(":")[-1]: row.status for row in await rows(database, f">p{ada}")}
    assert statuses == {
        f"1440m>p{ada}": DeliveryStatus.SKIPPED,
        f"60m>p{ada}": DeliveryStatus.SENT,
    }


async def test_a_moved_slot_reminds_for_the_new_time_and_never_for_the_old(
    hw: Hallway, clock: ManualClock, messenger: RecordingMessenger, database: Database
) -> None:
    ada, bob, cat = await people(hw, "ada", "bob", "cat")
    _, slot = await on_programme(hw, [ada, bob], going=[cat])
    async with running(hw, {"fake": messenger}) as scheduler:
        clock.set(QUARTER_BEFORE)
        messenger.failures.extend(DeliveryError("busy", retry_after=60) for _ in range(3))
        await scheduler.run_now()  # queued, but the platform said "later"
        await move_slot(hw, slot.id, START + timedelta(hours=2))
        clock.advance(timedelta(minutes=2))
        await scheduler.run_now()
        assert dms(messenger, "cat") == []
        clock.set(START + timedelta(hours=2) - timedelta(minutes=15))
        await scheduler.run_now()
    assert dms(messenger, "cat") == [
        "A social you are going to starts soon\n"
        "Quiz night starts at Monday 19 July 2021, 17:00 UTC."
    ]
    [old] = [row for row in await rows(database, f">p{cat}") if "T150000Z" in row.key]
    assert old.status == DeliveryStatus.SKIPPED and old.last_error is not None
    assert old.last_error.startswith("no longer due")


async def test_a_withdrawn_social_sends_nothing_more(
    hw: Hallway, clock: ManualClock, messenger: RecordingMessenger
) -> None:
    ada, bob, cat = await people(hw, "ada", "bob", "cat")
    social, _ = await on_programme(hw, [ada, bob], going=[cat])
    async with running(hw, {"fake": messenger}) as scheduler:
        clock.set(DAY_BEFORE)
        await scheduler.run_now()
        async with hw.uow() as uow:
            stored = await uow.socials.get(social.id)
            assert stored is not None
            stored.withdrawn_at = hw.now()
            await uow.commit()
        for moment in (HOUR_BEFORE, QUARTER_BEFORE, START):
            clock.set(moment)
            await scheduler.run_now()
    assert len(dms(messenger, "ada")) == 1  # the day-before reminder, sent before withdrawal
    assert dms(messenger, "cat") == [] and messenger.to("socials") == []


async def test_a_burst_of_moves_is_one_change_notice_then_reminders_follow_the_new_time(
    hw: Hallway, clock: ManualClock, messenger: RecordingMessenger
) -> None:
    ada, bob, cat = await people(hw, "ada", "bob", "cat")
    _, slot = await on_programme(hw, [ada, bob], going=[cat])
    clock.set(START - timedelta(hours=3))
    async with running(hw, {"fake": messenger}) as scheduler:
        for hours in (1, 2):
            new_start = START + timedelta(hours=hours)
            await move_slot(hw, slot.id, new_start)
            await _tell_moved(hw, [cat], START + timedelta(hours=hours - 1), new_start)
            clock.advance(timedelta(seconds=20))
            await scheduler.run_now()
        clock.advance(SETTLE)
        await scheduler.run_now()
        clock.set(START + timedelta(hours=2) - timedelta(minutes=15))
        await scheduler.run_now()
    first, second = dms(messenger, "cat")
    assert first.startswith("Changed\nYour social Quiz night has changed.")
    assert "Before: Monday 19 July 2021, 15:00 UTC" in first
    assert "Now: Monday 19 July 2021, 17:00 UTC" in first
    assert second.endswith("starts at Monday 19 July 2021, 17:00 UTC.")


async def _tell_moved(hw: Hallway, who: list[int], before: datetime, after: datetime) -> None:
    async with hw.uow() as uow:
        await tell_of_change(
            hw,
            uow,
            "social:1",
            who,
            ("Your social ", Strong("Quiz night")),
            [Interval.lasting(before, 120)],
            [Interval.lasting(after, 120)],
        )
        await uow.commit()


class Recorder:
    def __init__(self) -> None:
        self.ran: list[str] = []

    async def __call__(self, hw: Hallway, messengers: Mapping[str, Messenger], work: Work) -> None:
        self.ran.append(work.key)


async def test_work_written_by_features_runs_when_due(
    hw: Hallway, clock: ManualClock, messenger: RecordingMessenger
) -> None:
    handler = Recorder()
    async with hw.uow() as uow:
        await schedule_work(
            hw, uow, "release:socials", "test.release", hw.now() + timedelta(hours=1)
        )
        await schedule_work(hw, uow, "room.open:x", "test.release", hw.now() - timedelta(hours=5))
        await uow.commit()
    async with running(hw, {"fake": messenger}, handlers={"test.release": handler}) as scheduler:
        await scheduler.run_now()  # the room fell due while Hallway was down: done on start
        assert handler.ran == ["room.open:x"]
        clock.advance(timedelta(hours=1))
        await scheduler.run_now()
        await scheduler.run_now()
    assert handler.ran == ["room.open:x", "release:socials"]
    async with hw.uow() as uow:
        done = await uow.work.by_key("release:socials")
    assert done is not None and done.status == WorkStatus.DONE


async def test_the_tick_job_runs_late_rather_than_never(
    hw: Hallway, messenger: RecordingMessenger
) -> None:
    async with running(hw, {"fake": messenger}, interval=1.0) as scheduler:
        job = scheduler.tick_job()
    assert job is not None and job.id == TICK
    assert (job.misfire_grace_time, job.coalesce, job.max_instances) == (None, True, 1)


async def test_ticks_come_by_themselves_within_two_seconds(
    hw: Hallway, clock: ManualClock, messenger: RecordingMessenger
) -> None:
    """APScheduler's own trigger (real time) does the work; the conference clock stands still."""
    ada, bob = await people(hw, "ada", "bob")
    await on_programme(hw, [ada, bob])
    clock.set(START)
    async with running(hw, {"fake": messenger}, interval=1.0):
        for _ in range(40):
            if messenger.to("socials"):
                break
            await asyncio.sleep(0.05)
    assert len(messenger.to("socials")) == 1


async def test_a_withdrawn_rsvp_loses_its_queued_reminder(
    hw: Hallway, clock: ManualClock, messenger: RecordingMessenger, database: Database
) -> None:
    ada, bob, cat = await people(hw, "ada", "bob", "cat")
    _, slot = await on_programme(hw, [ada, bob], going=[cat])
    async with running(hw, {"fake": messenger}) as scheduler:
        clock.set(QUARTER_BEFORE)
        messenger.failures.extend(DeliveryError("busy", retry_after=30) for _ in range(3))
        await scheduler.run_now()
        async with hw.uow() as uow:
            [rsvp] = await uow.rsvps.live_for_slot(slot.id)
            rsvp.cancelled_at = hw.now()
            await uow.commit()
        clock.advance(timedelta(minutes=1))
        await scheduler.run_now()
    assert dms(messenger, "cat") == []
    [reminder] = await rows(database, f"attendee:15m>p{cat}")
    assert reminder.status == DeliveryStatus.SKIPPED


async def test_a_fresh_scheduler_sends_nothing_twice(
    hw: Hallway, clock: ManualClock, messenger: RecordingMessenger
) -> None:
    """Nothing is remembered in memory: a new process derives the same keys and finds them
    already in the outbox."""
    ada, bob, cat = await people(hw, "ada", "bob", "cat")
    await on_programme(hw, [ada, bob], going=[cat])
    clock.set(START + timedelta(minutes=1))
    for _ in range(2):
        async with running(hw, {"fake": messenger}) as scheduler:
            await scheduler.run_now()
    assert len(messenger.to("socials")) == 1
    assert len(dms(messenger, "ada")) == 0  # started: the hour's reminder was skipped


async def test_chairs_see_a_reminder_wave_as_one_fanout(
    hw: Hallway, clock: ManualClock, messenger: RecordingMessenger
) -> None:
    ada, bob, *crowd = await people(hw, "ada", "bob", "cat", "dan", "eve")
    await on_programme(hw, [ada, bob], going=crowd)
    async with running(hw, {"fake": messenger}) as scheduler:
        clock.set(QUARTER_BEFORE)
        await scheduler.run_now()
    await register(hw, "chair@example.org", "Chair", Role.CHAIR)
    statuses = await recent_fanouts(hw, await actor(hw, "chair@example.org"))
    wave = next(s for s in statuses if s.fanout.endswith(":attendee:15m"))
    assert wave.title == "A social you are going to starts soon"
    assert (wave.delivered, wave.meant_for) == (3, 3)
