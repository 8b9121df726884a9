"""The world every matrix case starts from, with one person per role, and the few steps some
actions need first (a suggestion to answer, a decision to release, a seat to give back).

Built through the services, as people would have built it: a proposal under review led by Ada
and Bob, another one for a combination, one where Pat is asked to co-lead, a social on the
programme, a mentor's session, and an anonymous conduct report."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from bot.app import Hallway
from bot.clock import ManualClock
from bot.domain.conduct import ConductDraft
from bot.domain.mentoring import Sector
from bot.domain.participants import Role
from bot.interaction import Actor
from bot.services import (
    conduct,
    mentoring_bookings,
    mentoring_profiles,
    mentoring_sessions,
    rsvps,
    social_consent,
    social_review,
    socials,
)
from bot.services.identity import identify
from tests.factories import actor, register, stored_social
from tests.hardening.authz.policy import allowed
from tests.social_cast import START, draft

# Who plays each role (the unlinked account is Uma's, seen on a platform without her e-mail).
EMAILS = {
    "unlinked": "uma@example.org",
    "unregistered": "stranger@example.org",
    "participant": "carl@example.org",
    "lead": "ada@example.org",
    "colead": "bob@example.org",
    "colead_asked": "pat@example.org",
    "mentor": "maria@example.org",
    "chair": "chair@example.org",
    "conduct": "conduct@example.org",
}
ROLE_OF_EMAIL = {
    "maria@example.org": (Role.MENTOR,),
    "chair@example.org": (Role.CHAIR,),
    "conduct@example.org": (Role.CONDUCT,),
}
OTHERS = ("dana@example.org", "erin@example.org", "paul@example.org", "quinn@example.org")
UMA_REGISTRATION = "R-UMA-7"
SESSION_START = START + timedelta(hours=6)
DURING_CONFERENCE = datetime(2021, 7, 20, 10, tzinfo=UTC)
WORLD_TIME = datetime(2021, 6, 11, 9, 0, tzinfo=UTC)  # the `clock` fixture's start
NEW_SLOT = START + timedelta(days=4)
COMBINED_SLOT = START + timedelta(days=3)
RELEASE_AT = datetime(2021, 6, 29, 12, tzinfo=UTC)


@dataclass
class World:
    actors: dict[str, Actor]
    social: int  # under review, led by Ada (submitter) and Bob (confirmed)
    other: int  # another proposal under review, for a combination
    asked: int  # Dana's proposal, Pat asked to co-lead it
    slot: int  # a slot of the social on the programme
    session: int  # Maria's mentoring session
    report: int  # an anonymous conduct report
    suggestion: int = 0
    adhoc: int = 0

    def person(self, role: str) -> Actor:
        return self.actors[role]


async def build_world(hw: Hallway) -> World:
    for email in (*EMAILS.values(), *OTHERS):
        if email == EMAILS["unregistered"]:
            continue
        ident = UMA_REGISTRATION if email == EMAILS["unlinked"] else None
        await register(hw, email, None, *ROLE_OF_EMAIL.get(email, ()), registration_id=ident)
    actors = {
        role: await actor(hw, email)
        for role, email in EMAILS.items()
        if role not in ("unlinked", "colead_asked")
    }
    # No e-mail from the platform: the account stays unlinked until /verify.
    actors["unlinked"] = await identify(hw, "fake", "U-uma-unlinked", name="Uma")
    actors["colead_asked"] = await actor(hw, EMAILS["colead_asked"])
    dana, erin = await actor(hw, OTHERS[0]), await actor(hw, OTHERS[1])
    social = await socials.submit_social(hw, actors["lead"], draft(("bob@example.org",)))
    await social_consent.confirm_colead(hw, actors["colead"], social.id)
    other = await socials.submit_social(
        hw, dana, draft((OTHERS[1],), (START + timedelta(days=2),), title="Other")
    )
    await social_consent.confirm_colead(hw, erin, other.id)
    asked = await socials.submit_social(
        hw, dana, draft((EMAILS["colead_asked"],), (START + timedelta(days=1),), title="Asked")
    )
    paul, quinn = await register(hw, OTHERS[2]), await register(hw, OTHERS[3])
    public = await stored_social(
        hw, "On the programme", [paul.id, quinn.id], [START], released=True
    )
    session = await _mentors_session(hw, actors["mentor"])
    report = await conduct.report_conduct(
        hw, actors["unregistered"], ConductDraft("general", "Someone was rude.", anonymous=True)
    )
    return World(actors, social.id, other.id, asked.id, public.slots[0].id, session, report.id)


async def _mentors_session(hw: Hallway, mentor: Actor) -> int:
    profile = mentoring_profiles.ProfileDraft("Uni", Sector.ACADEMIC, ["careers"], "Hello.")
    await mentoring_profiles.save_mentor_profile(hw, mentor, profile)
    draft_ = mentoring_sessions.SessionDraft(SESSION_START, 5, ["careers"])
    return (await mentoring_sessions.schedule_session(hw, mentor, draft_)).id


# --- what some actions need first; `role` is who will act ---

Prepare = Callable[[Hallway, ManualClock, World, str], Awaitable[None]]


async def with_suggestion(hw: Hallway, clock: ManualClock, world: World, role: str) -> None:
    social = await social_review.suggest_change(hw, world.person("chair"), world.social, {}, "?")
    world.suggestion = social.suggestions[-1].id


async def with_decision(hw: Hallway, clock: ManualClock, world: World, role: str) -> None:
    await social_review.approve_social(hw, world.person("chair"), world.social)


async def holding_rsvp(hw: Hallway, clock: ManualClock, world: World, role: str) -> None:
    """Whoever may RSVP holds one, so that cancelling it is theirs to do."""
    if allowed(role, "rsvp"):
        await rsvps.rsvp_slot(hw, world.person(role), world.slot)


async def holding_seat(hw: Hallway, clock: ManualClock, world: World, role: str) -> None:
    if allowed(role, "book"):
        await mentoring_bookings.book_session(hw, world.person(role), world.session)


async def during_conference(hw: Hallway, clock: ManualClock, world: World, role: str) -> None:
    clock.set(DURING_CONFERENCE)


async def mentoring_now(hw: Hallway, clock: ManualClock, world: World, role: str) -> None:
    clock.set(DURING_CONFERENCE)
    session = await mentoring_sessions.start_adhoc_session(hw, world.person("mentor"), 30)
    world.adhoc = session.id


async def mentor_suspended(hw: Hallway, clock: ManualClock, world: World, role: str) -> None:
    await mentoring_profiles.suspend_mentor(hw, world.person("chair"), EMAILS["mentor"])


PREPARE: dict[str, Prepare] = {
    "accept_suggestion": with_suggestion,
    "decline_suggestion": with_suggestion,
    "release": with_decision,
    "cancel_rsvp": holding_rsvp,
    "cancel_booking": holding_seat,
    "adhoc_start": during_conference,
    "adhoc_end": mentoring_now,
    "reinstate_mentor": mentor_suspended,
}


async def prepare(hw: Hallway, clock: ManualClock, world: World, action: str, role: str) -> None:
    step = PREPARE.get(action)
    if step is not None:
        await step(hw, clock, world, role)
