"""Helpers for scheduler tests: socials on the programme, a running scheduler, outbox rows."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from bot.app import Hallway
from bot.delivery.attempts import SendPolicy
from bot.delivery.pacing import Pacer
from bot.domain.delivery import DeliveryStatus
from bot.domain.socials import Rsvp, Social, SocialSlot
from bot.ports import Messenger
from bot.scheduling.due import DueSource
from bot.scheduling.runner import WorkHandler
from bot.scheduling.scheduler import CALENDAR_SECONDS, Scheduler
from bot.scheduling.social_reminders import SocialSlotSource
from storage import Database
from storage.tables import outbox
from tests.factories import actor, register, stored_social

# Monday of ICML 2021, 15:00 UTC.
START = datetime(2021, 7, 19, 15, 0, tzinfo=UTC)


@dataclass
class Row:
    key: str
    recipient: str
    status: DeliveryStatus
    last_error: str | None
    fanout: str | None


async def people(hw: Hallway, *names: str) -> list[int]:
    """Registered participants with linked accounts on the fake platform (U-<email>)."""
    ids = []
    for name in names:
        email = f"{name}@example.org"
        person = await register(hw, email, name.title())
        await actor(hw, email)
        ids.append(person.id)
    return ids


async def on_programme(
    hw: Hallway,
    leads: Sequence[int],
    start: datetime = START,
    *,
    going: Sequence[int] = (),
    waitlisted: Sequence[int] = (),
    title: str = "Quiz night",
) -> tuple[Social, SocialSlot]:
    """A released social with one slot, and RSVPs to it."""
    social = await stored_social(hw, title, list(leads), [start], released=True)
    slot = social.slots[0]
    async with hw.uow() as uow:
        for pid in going:
            uow.rsvps.add(Rsvp(slot.id, pid, hw.now()))
        for pid in waitlisted:
            uow.rsvps.add(Rsvp(slot.id, pid, hw.now(), waitlisted=True))
        await uow.commit()
    return social, slot


async def move_slot(hw: Hallway, slot_id: int, start: datetime) -> None:
    async with hw.uow() as uow:
        slot = await uow.socials.slot(slot_id)
        assert slot is not None
        slot.start = start
        await uow.commit()


@asynccontextmanager
async def running(
    hw: Hallway,
    messengers: Mapping[str, Messenger],
    *,
    handlers: Mapping[str, WorkHandler] | None = None,
    sources: Sequence[DueSource] | None = None,
    pacers: Mapping[str, Pacer] | None = None,
    policy: SendPolicy | None = None,
    interval: float = 3600.0,
    calendars: bool = False,
) -> AsyncIterator[Scheduler]:
    """The real scheduler (real APScheduler). Its own ticks come hourly in real time, so a
    test moves the conference clock and calls `run_now()`, which ticks through APScheduler.
    The calendar job is off unless asked for: it would take the fake platform's queued failures."""
    scheduler = Scheduler(
        hw,
        messengers,
        handlers=handlers or {},
        sources=sources if sources is not None else [SocialSlotSource()],
        pacers=pacers,
        policy=policy,
        interval=interval,
        lookahead=timedelta(seconds=1),  # one production tick
        calendar_seconds=CALENDAR_SECONDS if calendars else None,
    )
    await scheduler.start()
    try:
        yield scheduler
    finally:
        await scheduler.stop()


async def rows(database: Database, key_part: str = "") -> list[Row]:
    query = select(
        outbox.c.key, outbox.c.recipient, outbox.c.status, outbox.c.last_error, outbox.c.fanout
    ).order_by(outbox.c.id)
    async with database.engine.connect() as connection:
        found = (await connection.execute(query)).all()
    return [
        Row(r.key, r.recipient, DeliveryStatus(r.status), r.last_error, r.fanout)
        for r in found
        if key_part in r.key
    ]
