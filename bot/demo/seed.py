"""Demo data: the people of the demo event (one chair, one mentor, a few participants), the
demo mentor's profile with two sessions on the conference's first day, to book at once, and a
few social proposals in different states."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from bot.app import Hallway
from bot.demo import demo_participants_csv
from bot.demo.socials import seed_socials
from bot.domain.mentoring import Sector
from bot.domain.participants import Participant
from bot.interaction import Actor
from bot.services.mentoring_profiles import ProfileDraft, save_mentor_profile
from bot.services.mentoring_sessions import SessionDraft, schedule_session
from bot.services.participants import import_participants

DEMO_MENTOR = "mentor@demo.hallway.test"
MENTOR_PROFILE = ProfileDraft(
    "University of Manchester",
    Sector.ACADEMIC,
    ["machine learning theory", "careers in research", "reinforcement learning"],
    "Mentors students on their first papers and on choosing between academia and industry.",
)
# (UTC hour on the first day, seats, topics, format)
MENTOR_SESSIONS = (
    (14, 1, ["careers in research"], "One-to-one: bring your questions about a PhD or postdoc."),
    (16, 4, ["reinforcement learning"], "Small group: share what you are working on."),
)


async def seed_demo(hw: Hallway, *, socials: bool = True) -> None:
    """Idempotent: running it again changes nothing."""
    await import_participants(hw, demo_participants_csv())
    await _seed_mentoring(hw)
    if socials:
        await seed_socials(hw)


async def _seed_mentoring(hw: Hallway) -> None:
    first_day = datetime.combine(hw.event.first_day, time(0), UTC)
    async with hw.uow() as uow:
        mentor = await uow.participants.by_email(hw.event.id, DEMO_MENTOR)
        if mentor is None:
            return
        profile = await uow.mentors.for_participant(hw.event.id, mentor.id)
        planned = await uow.mentoring.starting_between(
            hw.event.id, first_day, first_day + timedelta(days=1)
        )
    if (profile is not None and profile.suspended) or any(
        session.mentor_id == mentor.id for session in planned
    ):
        return  # seeded already (the demo event moves to tomorrow at each start)
    who = _console_actor(mentor)
    if profile is None:
        await save_mentor_profile(hw, who, MENTOR_PROFILE)
    for hour, seats, topics, note in MENTOR_SESSIONS:
        start = first_day + timedelta(hours=hour)
        await schedule_session(hw, who, SessionDraft(start, seats, topics, None, note))


def _console_actor(person: Participant) -> Actor:
    return Actor(platform="console", user_id=person.email, name=person.name, participant=person)
