"""One world every cell of the authorization matrix acts in, built with the core's own services
(the request under test is the only thing that goes through a platform): a proposal under
review, one awaiting its co-lead, one with a chairs' suggestion, one decided, one on the
programme; a mentor's session (booked) and an ad-hoc one running; a conduct report."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from bot.app import Hallway
from bot.clock import ManualClock
from bot.domain.conduct import ConductDraft
from bot.domain.mentoring import Sector
from bot.domain.participants import Role
from bot.services.conduct import report_conduct
from bot.services.mentoring_bookings import book_session
from bot.services.mentoring_profiles import ProfileDraft, save_mentor_profile
from bot.services.mentoring_sessions import SessionDraft, schedule_session, start_adhoc_session
from bot.services.social_consent import confirm_colead
from bot.services.social_review import approve_social, suggest_change
from bot.services.socials import submit_social
from tests.factories import actor, register, stored_social
from tests.hardening.authz_platforms.world_times import DURING, SLOT, SLOT_EARLY, SLOT_LATER
from tests.social_cast import draft

# Who acts, by role: e-mail, name, roles. "unlinked" is registered (with a registration id)
# but its chat account is not linked; "unregistered" is not registered at all.
ACTING = {
    "unlinked": ("uma@example.org", "Uma Unlinked", ()),
    "participant": ("mallory@example.org", "Mallory Malice", ()),
    "lead": ("ada@example.org", "Ada Lovelace", ()),
    "colead": ("bob@example.org", "Bob Babbage", ()),
    "mentor": ("turing@example.org", "Alan Turing", (Role.MENTOR,)),
    "chair": ("chair@example.org", "Grace Hopper", (Role.CHAIR,)),
    "conduct": ("team@example.org", "Mary Seacole", (Role.CONDUCT,)),
}
UNREGISTERED_EMAIL = "stranger@elsewhere.example"
UMA_REGISTRATION = "REG-UMA-1"
# People who never act: leads of the other proposal, a co-lead picked in forms, a mentee.
OTHERS = {
    "dana": ("dana@example.org", "Dana Scott"),
    "erin": ("erin@example.org", "Erin Noether"),
    "ben": ("ben@example.org", "Ben Mentee"),
}
AFTER_START = DURING + timedelta(minutes=10)


@dataclass(frozen=True)
class Targets:
    review: int  # Ada and Bob's proposal, waiting for the chairs
    other: int  # Dana and Erin's, to combine with
    ask: int  # Ada's, naming Bob, who has not answered yet
    suggested: int  # Ada and Bob's, with a chairs' suggestion open
    decided: int  # approved, not released
    public: int  # released, on the programme
    public_slot: int
    session: int  # Alan's, booked by Ben
    adhoc: int  # Alan's ad-hoc session, running at AFTER_START
    report: int  # Ben's conduct report


async def build_world(hw: Hallway, clock: ManualClock) -> Targets:
    for role, (email, name, roles) in ACTING.items():
        reg = UMA_REGISTRATION if role == "unlinked" else None
        await register(hw, email, name, *roles, registration_id=reg)
    for email, name in OTHERS.values():
        await register(hw, email, name)
    ada, bob = await actor(hw, "ada@example.org"), await actor(hw, "bob@example.org")
    chair, ben = await actor(hw, "chair@example.org"), await actor(hw, "ben@example.org")
    dana, erin = await actor(hw, "dana@example.org"), await actor(hw, "erin@example.org")
    turing = await actor(hw, "turing@example.org")

    async def proposal(title: str, at: object) -> int:
        made = await submit_social(hw, ada, draft(starts=(at,), title=title))  # type: ignore[arg-type]
        await confirm_colead(hw, bob, made.id)
        return made.id

    review = await proposal("Reading group", SLOT)
    other = await submit_social(
        hw, dana, draft(("erin@example.org",), (SLOT_LATER,), title="Other group")
    )
    await confirm_colead(hw, erin, other.id)
    ask = (await submit_social(hw, ada, draft(starts=(SLOT_EARLY,), title="Asking"))).id
    suggested = await proposal("Suggested", SLOT + timedelta(days=3))
    await suggest_change(hw, chair, suggested, {"slot1": SLOT + timedelta(days=3, hours=2)}, "?")
    decided = await proposal("Decided", SLOT + timedelta(days=4))
    await approve_social(hw, chair, decided)
    ids = [p.id for p in (ada.participant, bob.participant) if p is not None]
    public = await stored_social(
        hw, "Public social", ids, [SLOT + timedelta(days=5)], released=True
    )
    profile = ProfileDraft("Manchester", Sector.ACADEMIC, ["careers"], "Thinks.")
    await save_mentor_profile(hw, turing, profile)
    session = await schedule_session(hw, turing, SessionDraft(SLOT, 3, ["careers"]))
    await book_session(hw, ben, session.id, "")
    report = await report_conduct(hw, ben, ConductDraft("general", "Someone was rude."))
    then = clock.now()
    clock.set(DURING)
    adhoc = await start_adhoc_session(hw, turing, 60, "careers")
    clock.set(then)
    return Targets(
        review,
        other.id,
        ask,
        suggested,
        decided,
        public.id,
        public.slots[0].id,
        session.id,
        adhoc.id,
        report.id,
    )
