"""The scheduler: APScheduler 3 in the bot's asyncio loop, kept disposable.

APScheduler holds one job in memory, `hallway.tick`, every second. Each tick queues the
reminders and announcements due now (derived from the database), runs the work due now, and
wakes the platform senders, which drain the outbox at the pace each platform allows. Nothing
is remembered between ticks, so a fresh process — after a crash, or a standby taking over —
picks up exactly where the database says things stand.

The tick's job is set with `misfire_grace_time=None` and `coalesce=True`. APScheduler's default
grace is one second: a tick that starts later than that (a busy loop, a long garbage
collection, a suspended laptop) would be dropped with a log line. Here a late tick runs late,
and many missed ticks run once — harmless, because a tick is a pure function of the database
and the conference clock. `max_instances=1`: a slow tick is never overlapped by the next one.

All decisions read the conference clock (`hw.now()`, which tests control and rehearsals
simulate); APScheduler itself only decides *when to look*, on real time.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from collections.abc import Mapping, Sequence
from datetime import UTC, timedelta
from typing import Any

from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_EXECUTED, JobExecutionEvent
from apscheduler.job import Job
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger

from bot.app import Hallway
from bot.clock import Clock, SystemClock
from bot.delivery.attempts import SendPolicy
from bot.delivery.dispatcher import Dispatcher
from bot.delivery.pacing import Pacer
from bot.ports import Messenger
from bot.scheduling.deriving import DueWork
from bot.scheduling.due import DueSource
from bot.scheduling.publish_calendar import sync_published_events
from bot.scheduling.runner import WorkHandler, WorkRunner

log = logging.getLogger(__name__)

TICK = "hallway.tick"
CALENDARS = "hallway.calendars"
# Platform calendars change rarely and their APIs are slow; once a minute keeps them in step.
CALENDAR_SECONDS = 60.0
STOP_WITHIN = 15.0  # seconds a stopping tick or sender may take to finish what it does


async def _finish(task: asyncio.Future[Any] | None, within: float) -> None:
    if task is None or task.done():
        return
    try:
        await asyncio.wait_for(asyncio.shield(task), within)
    except TimeoutError:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
    except asyncio.CancelledError:
        task.cancel()
        raise
    except Exception:
        log.exception("the scheduler stopped with an error")


class Scheduler:
    def __init__(
        self,
        hw: Hallway,
        messengers: Mapping[str, Messenger],
        *,
        handlers: Mapping[str, WorkHandler],
        sources: Sequence[DueSource],
        pacers: Mapping[str, Pacer] | None = None,
        policy: SendPolicy | None = None,
        interval: float = 1.0,
        lookahead: timedelta | None = None,
        wall: Clock | None = None,
        rng: random.Random | None = None,
        calendar_seconds: float | None = CALENDAR_SECONDS,
    ) -> None:
        self.hw = hw
        self.interval = interval
        self.calendar_seconds = calendar_seconds  # None: no calendar job (tests of other work)
        # One tick of conference time (more in a fast rehearsal: the caller says how much).
        ahead = lookahead if lookahead is not None else timedelta(seconds=interval)
        self.due = DueWork(hw, sources, min(ahead, timedelta(seconds=60)))
        self.runner = WorkRunner(hw, messengers, handlers)
        self.dispatcher = Dispatcher(
            hw, messengers, pacers=pacers, guard=self.due.stale, policy=policy, wall=wall, rng=rng
        )
        self._real = SystemClock()  # APScheduler's own frame: always real time
        self._aps: AsyncIOScheduler | None = None
        self._senders: asyncio.Task[None] | None = None
        self._started = self._finished = 0  # ticks begun and ended, in order
        self._current: asyncio.Future[None] | None = None
        self._calendars: asyncio.Future[int] | None = None
        self._waiters: list[tuple[int, asyncio.Future[None]]] = []

    @property
    def running(self) -> bool:
        return self._aps is not None

    def tick_job(self) -> Job | None:
        """The APScheduler job behind the ticks (for operators' logs and tests)."""
        return self._aps.get_job(TICK) if self._aps is not None else None

    async def start(self) -> None:
        aps = AsyncIOScheduler(timezone=UTC)
        aps.start()
        aps.add_job(
            self._tick_job,
            IntervalTrigger(seconds=self.interval, timezone=UTC),
            id=TICK,
            name="derive due work, run it, wake the senders",
            next_run_time=self._real.now(),  # at once: catch up on what fell due while down
            coalesce=True,
            max_instances=1,
            misfire_grace_time=None,
        )
        if self.calendar_seconds is not None:
            self._add_calendar_job(aps, self.calendar_seconds)
        aps.add_listener(self._after_tick, EVENT_JOB_EXECUTED | EVENT_JOB_ERROR)
        self._aps = aps
        self._senders = asyncio.create_task(self.dispatcher.run(poll_seconds=self.interval))

    def _add_calendar_job(self, aps: AsyncIOScheduler, seconds: float) -> None:
        aps.add_job(
            self._calendar_job,
            IntervalTrigger(seconds=seconds, timezone=UTC),
            id=CALENDARS,
            name="keep the platforms' calendars in step",
            next_run_time=self._real.now(),
            coalesce=True,
            max_instances=1,
            misfire_grace_time=None,
        )

    async def stop(self) -> None:
        """Stop ticking; let a tick under way and each sender's current message finish (a
        database call cut in half leaves its driver thread talking to a closed loop)."""
        aps, senders = self._aps, self._senders
        self._aps = self._senders = None
        if aps is not None:
            aps.shutdown(wait=False)
            await asyncio.sleep(0)  # the shutdown runs on the loop's next turn
        self.dispatcher.stop()
        for task in (self._current, self._calendars, senders):
            await _finish(task, STOP_WITHIN)
        for _, waiter in self._waiters:
            waiter.cancel()
        self._waiters.clear()

    async def tick(self) -> None:
        """One round: queue what is due, run due work, wake the senders. A failing step is
        logged and does not hold up the other (a broken source must not keep rooms shut)."""
        for step in (self.due.queue_due, self.runner.run_due):
            try:
                await step()
            except Exception:
                log.exception("scheduler tick: %s failed; the next tick tries again", step)
        self.dispatcher.wake()

    async def _calendar_job(self) -> None:
        # Tracked like the tick, so stopping waits for a sync under way to finish.
        self._calendars = asyncio.ensure_future(self.sync_calendars())
        await asyncio.shield(self._calendars)

    async def sync_calendars(self) -> int:
        """Publish, move or withdraw the platforms' calendar events (Discord's Guild Scheduled
        Events) to match the programme; returns how many changes the platforms took."""
        try:
            return await sync_published_events(self.hw, self.runner.messengers)
        except Exception:
            log.exception("calendar sync failed; the next run tries again")
            return 0

    async def run_now(self) -> None:
        """Tick at once through APScheduler, then deliver what is due, before returning: the
        console after each command (so answers and notices print in order), a process that
        just wrote work due now, and tests (which move the conference clock, then call this)."""
        if self._aps is None:
            raise RuntimeError("the scheduler is not running")
        waiter = asyncio.get_running_loop().create_future()
        self._waiters.append((self._started + 1, waiter))
        if self._started == self._finished:
            self._force()  # else the tick under way forces the next one as it ends
        await waiter
        await self.dispatcher.deliver_due()

    async def _tick_job(self) -> None:
        self._started += 1
        number = self._started
        # Shielded: APScheduler's shutdown cancels its job, the tick itself ends its step.
        self._current = asyncio.ensure_future(self.tick())
        try:
            await asyncio.shield(self._current)
        finally:
            self._finished = number
            self._release(number)

    def _release(self, finished: int) -> None:
        still: list[tuple[int, asyncio.Future[None]]] = []
        for wanted, waiter in self._waiters:
            if wanted <= finished:
                if not waiter.done():
                    waiter.set_result(None)
            else:
                still.append((wanted, waiter))
        self._waiters = still

    def _after_tick(self, event: JobExecutionEvent) -> None:
        # APScheduler has counted the tick as ended (max_instances), so one can be forced now.
        if event.job_id == TICK and self._waiters:
            self._force()

    def _force(self) -> None:
        if self._aps is not None:
            self._aps.modify_job(TICK, next_run_time=self._real.now())
            self._aps.wakeup()
