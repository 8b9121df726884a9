"""Volunteering as a mentor, and the chairs' power to suspend one.

Any registered participant may volunteer: saving a profile makes them a mentor of this event.
Suspending a mentor cancels their sessions that have not ended (mentees are told at once, and
rooms do not open): a suspension is a safety measure, and a mentee left booked on a session
that must not happen would wait in an empty room. Lifting it lets them schedule again; what was
cancelled stays cancelled, so nobody is surprised by a session coming back.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.app import Hallway
from bot.domain.mentoring import MentorProfile, Sector
from bot.domain.participants import Participant, Role, normalise_email
from bot.errors import HallwayError, InvalidInput, NotAllowed, NotFound
from bot.interaction import Actor
from bot.ports import UnitOfWork
from bot.services.mentoring_effects import close_session_room, revise_announcement, tell_holders

AFFILIATION_LIMIT = 200


@dataclass(frozen=True)
class ProfileDraft:
    affiliation: str
    sector: Sector
    topics: list[str]
    bio: str


@dataclass(frozen=True)
class Suspension:
    mentor: Participant
    cancelled: int  # sessions cancelled by the suspension


async def mentor_profile(hw: Hallway, actor: Actor) -> MentorProfile | None:
    person = actor.registered(hw.event.name)
    async with hw.uow() as uow:
        return await uow.mentors.for_participant(hw.event.id, person.id)


async def save_mentor_profile(hw: Hallway, actor: Actor, draft: ProfileDraft) -> MentorProfile:
    person = actor.registered(hw.event.name)
    affiliation = " ".join(draft.affiliation.split())
    if len(affiliation) > AFFILIATION_LIMIT:
        raise InvalidInput.at(
            "affiliation", f"Keep the affiliation under {AFFILIATION_LIMIT} characters."
        )
    async with hw.uow() as uow:
        profile = await uow.mentors.for_participant(hw.event.id, person.id)
        if profile is None:
            profile = MentorProfile(hw.event.id, person.id, "", Sector.OTHER, [], "")
            profile.describe(
                person.name, affiliation, draft.sector, draft.topics, draft.bio.strip()
            )
            uow.mentors.add(profile)
        else:
            profile.describe(
                person.name, affiliation, draft.sector, draft.topics, draft.bio.strip()
            )
        await uow.commit()
    return profile


async def active_profile(hw: Hallway, uow: UnitOfWork, person: Participant) -> MentorProfile:
    """The profile a mentor needs before offering sessions."""
    profile = await uow.mentors.for_participant(hw.event.id, person.id)
    if profile is None:
        # Offering sessions is what mentors do; a profile is what makes someone a mentor.
        raise NotAllowed(
            "Tell mentees who you are first: save your mentor profile with /mentor profile."
        )
    if profile.suspended:
        raise NotAllowed(
            f"Your mentor profile at {hw.event.name} is suspended, so you cannot offer sessions. "
            "Ask the chairs if you do not know why."
        )
    return profile


async def suspend_mentor(hw: Hallway, actor: Actor, email: str) -> Suspension:
    actor.require_role(Role.CHAIR, hw.event.name, "suspend mentors")
    async with hw.uow() as uow:
        mentor, profile = await _mentor_by_email(hw, uow, email)
        if profile.suspended:
            raise HallwayError(f"{mentor.name} is already suspended.")
        profile.suspended = True
        cancelled = 0
        for session in await uow.mentoring.mentor_sessions(hw.event.id, mentor.id, hw.now()):
            await uow.mentoring.lock(session.id)
            before = session.planned
            session.cancel()
            await close_session_room(hw, uow, session, hw.now())
            await tell_holders(hw, uow, session, before, None)
            await revise_announcement(hw, uow, session)
            cancelled += 1
        await uow.commit()
    return Suspension(mentor, cancelled)


async def reinstate_mentor(hw: Hallway, actor: Actor, email: str) -> Participant:
    actor.require_role(Role.CHAIR, hw.event.name, "reinstate mentors")
    async with hw.uow() as uow:
        mentor, profile = await _mentor_by_email(hw, uow, email)
        if not profile.suspended:
            raise HallwayError(f"{mentor.name} is not suspended.")
        profile.suspended = False
        await uow.commit()
    return mentor


async def _mentor_by_email(
    hw: Hallway, uow: UnitOfWork, email: str
) -> tuple[Participant, MentorProfile]:
    person = await uow.participants.by_email(hw.event.id, normalise_email(email))
    profile = None if person is None else await uow.mentors.for_participant(hw.event.id, person.id)
    if person is None or profile is None:
        raise NotFound(f"No mentor of {hw.event.name} has the e-mail {email.strip()}.")
    return person, profile
