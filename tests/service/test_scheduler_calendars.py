"""The scheduler keeps the platforms' calendars in step, once a minute, through APScheduler."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from bot.app import Hallway
from bot.scheduling import scheduler as scheduler_module
from bot.scheduling.scheduler import CALENDAR_SECONDS, CALENDARS
from tests.fakes import RecordingMessenger
from tests.schedule_kit import START, on_programme, people, running


async def test_the_calendar_job_runs_every_minute_and_never_drops_a_run(
    hw: Hallway, messenger: RecordingMessenger
) -> None:
    async with running(hw, {"fake": messenger}, calendars=True) as scheduler:
        job = scheduler._aps.get_job(CALENDARS) if scheduler._aps else None
    assert job is not None
    assert job.trigger.interval == timedelta(seconds=CALENDAR_SECONDS)
    assert (job.misfire_grace_time, job.coalesce, job.max_instances) == (None, True, 1)


async def test_a_social_on_the_programme_is_published_when_the_scheduler_starts(
    hw: Hallway, messenger: RecordingMessenger
) -> None:
    ada, bob = await people(hw, "ada", "bob")
    await on_programme(hw, [ada, bob], START)
    async with running(hw, {"fake": messenger}, calendars=True):
        # APScheduler runs the job at once on start (real time); wait for it, briefly.
        for _ in range(60):
            if any(sent.kind == "publish_event" for sent in messenger.sent):
                break
            await asyncio.sleep(0.05)
    [published] = [sent for sent in messenger.sent if sent.kind == "publish_event"]
    assert published.entry is not None and published.entry.start == START


async def test_a_failing_sync_is_logged_and_the_scheduler_keeps_going(
    hw: Hallway,
    messenger: RecordingMessenger,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    async def broken(hw: Hallway, messengers: object) -> int:
        raise RuntimeError("calendar API changed")

    monkeypatch.setattr(scheduler_module, "sync_published_events", broken)
    async with running(hw, {"fake": messenger}) as scheduler:
        assert await scheduler.sync_calendars() == 0
        assert scheduler.running
    assert "calendar sync failed" in caplog.text
