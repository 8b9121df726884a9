"""Mentors, sessions and mentees for the mentoring tests, made through the services."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from bot.app import Hallway
from bot.clock import ManualClock
from bot.delivery.dispatcher import Dispatcher
from bot.delivery.outbox import SETTLE
from bot.domain.mentoring import Booking, MentoringSession, Sector
from bot.domain.participants import Role
from bot.event import load_event_file
from bot.interaction import Actor
from bot.scheduling.handlers import build_work_handlers
from bot.scheduling.runner import WorkRunner
from bot.services.mentoring_profiles import ProfileDraft, save_mentor_profile
from bot.services.mentoring_sessions import SessionDraft, schedule_session
from tests.conftest import ICML
from tests.factories import actor, register
from tests.fakes import RecordingMessenger

# Monday of ICML 2021, 15:00 UTC.
START = datetime(2021, 7, 19, 15, 0, tzinfo=UTC)
DURING = datetime(2021, 7, 19, 10, 0, tzinfo=UTC)


async def mentor(
    hw: Hallway,
    email: str = "turing@example.org",
    name: str = "Alan Turing",
    topics: tuple[str, ...] = ("rl / reinforcement learning", "careers"),
    bio: str = "Thinks about thinking machines.",
) -> Actor:
    await register(hw, email, name)
    who = await actor(hw, email)
    draft = ProfileDraft("University of Manchester", Sector.ACADEMIC, list(topics), bio)
    await save_mentor_profile(hw, who, draft)
    return who


async def person(hw: Hallway, email: str, *roles: Role, name: str | None = None) -> Actor:
    await register(hw, email, name, *roles)
    return await actor(hw, email)


async def offer(
    hw: Hallway,
    who: Actor,
    start: datetime = START,
    *,
    capacity: int = 2,
    minutes: int | None = None,
    topics: tuple[str, ...] = ("careers",),
    video_url: str | None = None,
) -> MentoringSession:
    draft = SessionDraft(start, capacity, list(topics), minutes, "Bring questions.", video_url)
    return await schedule_session(hw, who, draft)


async def stored(hw: Hallway, session_id: int) -> MentoringSession:
    async with hw.uow() as uow:
        found = await uow.mentoring.get(session_id)
    assert found is not None
    return found


async def bookings(hw: Hallway, session_id: int) -> list[Booking]:
    async with hw.uow() as uow:
        return await uow.mentoring.bookings(session_id)


async def session_count(hw: Hallway) -> int:
    async with hw.uow() as uow:
        return len(
            await uow.mentoring.starting_between(
                hw.event.id, hw.event.window.start, hw.event.window.end
            )
        )


def runner(hw: Hallway, messenger: RecordingMessenger) -> WorkRunner:
    return WorkRunner(hw, {messenger.platform: messenger}, build_work_handlers())


async def deliver(hw: Hallway, clock: ManualClock, messenger: RecordingMessenger) -> None:
    """Let change notices settle, then deliver everything due."""
    clock.advance(SETTLE + timedelta(seconds=1))
    await Dispatcher(hw, {messenger.platform: messenger}).deliver_due()


async def other_event(hw: Hallway) -> Hallway:
    """A second event in the same database, with the same dates."""
    config = replace(load_event_file(ICML), slug="other2021", name="Other 2021")
    async with hw.uow() as uow:
        event = await uow.events.save(config)
        await uow.commit()
    return replace(hw, event=event)


def draft(start: datetime, *, capacity: int = 2, topics: list[str] | None = None) -> SessionDraft:
    return SessionDraft(start, capacity, topics or ["careers"], None, "Bring questions.")
