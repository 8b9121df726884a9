"""The world the kill runs act in: an event dated around today (submissions open, the
conference weeks away), its people registered and known to the fake Slack, and what the
interactive paths need before they start — proposals for the chair to review, socials on the
programme to RSVP to, mentoring sessions to book.

Everything is written through the core's own services (or, for socials already on the
programme, the factory the service tests use), on the same database `hallway run` then serves.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from bot import bootstrap
from bot.app import Hallway
from bot.config import Settings
from bot.domain.mentoring import Sector
from bot.domain.participants import Role
from bot.domain.social_rules import SocialDraft
from bot.domain.socials import Category
from bot.interaction import Actor
from bot.ports import Registration
from bot.services.identity import identify
from bot.services.mentoring_profiles import ProfileDraft, save_mentor_profile
from bot.services.mentoring_sessions import SessionDraft, schedule_session
from bot.services.social_consent import confirm_colead
from bot.services.socials import submit_social
from tests.adapters.slack.fake_slack import FakeSlack
from tests.factories import stored_social

CHAIR = "UCHAIR"
MENTORS = ("UMENTOR0", "UMENTOR1")
CHANNELS = (("socials", False), ("socials-chairs", True), ("mentoring", False))
ZONES = ("Europe/Paris", "Asia/Tokyo", "America/New_York", "UTC")
SLOT_GAP = timedelta(minutes=150)  # longer than a social: a lead's slots never overlap


def event_toml(today: date, *, live: bool = False) -> str:
    """Submissions open for three weeks; the conference in six; nothing falls due meanwhile
    but what people's actions cause. `live`: the conference is on (submissions long closed),
    so mentors can start ad-hoc sessions."""
    first = today - timedelta(days=1) if live else today + timedelta(days=42)
    opened = today - timedelta(days=30) if live else today
    return f"""
[event]
slug = "killnine"
name = "Kill Nine Conference"
first_day = {first}
last_day = {first + timedelta(days=4)}

[socials]
deadline = {opened + timedelta(days=21)}
notification = {opened + timedelta(days=28)}
duration_minutes = 120
leads = 2

[slack]
chairs = "socials-chairs"
announcements = "socials"
mentoring = "mentoring"
conduct = "conduct-team"
"""


def user(number: int) -> str:
    return f"UP{number:04d}"


def email_of(user_id: str) -> str:
    return f"{user_id.lower()}@kill.example"


@dataclass(frozen=True)
class Sizes:
    people: int = 24  # participants, in pairs of leads
    proposals: int = 24  # submitted and confirmed, for the chair to decide
    public: int = 4  # socials on the programme, each with one slot, for RSVPs
    public_capacity: int = 3
    sessions: int = 4  # mentoring sessions to book
    session_capacity: int = 2


@dataclass
class World:
    """Ids the actions need, found once the world is seeded."""

    sizes: Sizes
    first_day: date
    people: list[str] = field(default_factory=list)  # Slack user ids of the participants
    proposals: list[int] = field(default_factory=list)  # social ids awaiting a decision
    public_slots: list[int] = field(default_factory=list)
    sessions: list[int] = field(default_factory=list)

    @property
    def pairs(self) -> int:
        return len(self.people) // 2

    def slot_start(self, number: int) -> datetime:
        """Submission `number`'s slot: pair `number % pairs`, never overlapping its others."""
        noon = datetime.combine(self.first_day, time(12), UTC)
        return noon + SLOT_GAP * (number // self.pairs)

    def submitter(self, number: int) -> tuple[str, str]:
        pair = number % self.pairs
        return self.people[2 * pair], self.people[2 * pair + 1]


def write_event(folder: Path, today: date, *, live: bool = False) -> Path:
    path = folder / "event.toml"
    path.write_text(event_toml(today, live=live))
    return path


def populate_slack(fake: FakeSlack, sizes: Sizes) -> None:
    for name, private in (*CHANNELS, ("conduct-team", True)):
        fake.add_channel(name, private=private)
    everyone = [user(n) for n in range(sizes.people)] + [CHAIR, *MENTORS]
    for number, user_id in enumerate(everyone):
        fake.add_user(user_id, email_of(user_id), f"Person {user_id}", tz=ZONES[number % 4])


async def seed(settings: Settings, sizes: Sizes) -> World:
    """Register everyone, link their Slack accounts, and prepare each path's subjects."""
    runtime = await bootstrap.start(settings)
    hw = runtime.hw
    try:
        world = World(sizes, hw.event.first_day, [user(n) for n in range(sizes.people)])
        actors = await _people(hw, world)
        world.proposals = await _proposals(hw, world, actors)
        world.public_slots = await _public(hw, world, actors)
        world.sessions = await _sessions(hw, world, actors)
    finally:
        await runtime.close()
    return world


async def _people(hw: Hallway, world: World) -> dict[str, Actor]:
    rows = [Registration(email_of(u), f"Person {u}", None, frozenset()) for u in world.people]
    rows.append(Registration(email_of(CHAIR), "The Chair", None, frozenset({Role.CHAIR})))
    rows += [
        Registration(email_of(m), f"Mentor {m}", None, frozenset({Role.MENTOR})) for m in MENTORS
    ]
    async with hw.uow() as uow:
        await uow.participants.upsert_registrations(hw.event.id, rows)
        await uow.commit()
    actors = {}
    for number, row in enumerate(rows):
        user_id = row.email.split("@")[0].upper()
        actors[user_id] = await identify(
            hw, "slack", user_id, name=row.name, email=row.email, zone=ZONES[number % 4]
        )
    return actors


async def _proposals(hw: Hallway, world: World, actors: dict[str, Actor]) -> list[int]:
    """Proposals in the chairs' queue, co-leads confirmed, each on a slot no submission in
    the stream uses (a day later than the stream's)."""
    found = []
    for number in range(world.sizes.proposals):
        lead, colead = world.submitter(number)
        start = world.slot_start(number) + timedelta(days=3)
        draft = SocialDraft(
            f"Proposal {number}",
            "To be decided while Hallway is killed.",
            Category.GATHERING,
            {"slot1": start},
            120,
            coleads=(colead,),
            conduct_acknowledged=True,
        )
        social = await submit_social(hw, actors[lead], draft)
        await confirm_colead(hw, actors[colead], social.id)
        found.append(social.id)
    return found


async def _public(hw: Hallway, world: World, actors: dict[str, Actor]) -> list[int]:
    slots = []
    for number in range(world.sizes.public):
        leads = [actors[mentor].registered(hw.event.name).id for mentor in MENTORS]
        start = world.slot_start(0) + timedelta(days=2, hours=3 * number)
        social = await stored_social(
            hw,
            f"Public social {number}",
            leads,
            [start],
            released=True,
            capacity=world.sizes.public_capacity,
        )
        slots.append(social.slots[0].id)
    return slots


async def _sessions(hw: Hallway, world: World, actors: dict[str, Actor]) -> list[int]:
    sessions = []
    for number, mentor in enumerate(MENTORS):
        profile = ProfileDraft("Kill Nine University", Sector.ACADEMIC, ["recovery"], "Mentor.")
        await save_mentor_profile(hw, actors[mentor], profile)
        for index in range(world.sizes.sessions // len(MENTORS)):
            start = world.slot_start(0) + timedelta(days=1, hours=2 * index + number)
            draft = SessionDraft(start, world.sizes.session_capacity, ["recovery"])
            session = await schedule_session(hw, actors[mentor], draft)
            sessions.append(session.id)
    return sessions
