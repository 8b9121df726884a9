"""The load benches' conference: participants, socials (released with RSVPs, and some still in
review), mentoring sessions with bookings, written in bulk through the storage layer.

Everything a request of the load will touch is listed in `Targets`, so the load can choose
what people do without asking the database, and each write it makes is one the core accepts:
a person RSVPs or books from a pool of their own, never twice the same thing.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlalchemy import update

from bench.bench_import import registrations_csv
from bench.bench_programme import TAGS
from bench.common import ROOT
from bot.app import Hallway
from bot.clock import ManualClock
from bot.domain.mentoring import Booking, BookingState, MentoringSession, MentorProfile, Sector
from bot.domain.participants import Account
from bot.domain.socials import Category, Consent, Decision, Rsvp, Social, SocialLead, SocialSlot
from bot.event import load_event_file
from bot.services.participants import import_participants
from storage import Database
from storage.tables import participants

# Mid-conference (ICML 2021 ran 18-24 July): some socials run now, most are still to come.
NOW = datetime(2021, 7, 20, 15, 0, tzinfo=UTC)
FIRST_DAY = datetime(2021, 7, 18, tzinfo=UTC)
ZONE = "Europe/Paris"
TOPICS = [
    "reinforcement learning", "computer vision", "careers in industry", "academic jobs",
    "optimisation", "fairness", "robotics", "causal inference", "writing papers", "theory",
]  # fmt: skip


@dataclass(frozen=True)
class Size:
    participants: int = 10_000
    socials: int = 500
    sessions: int = 2_000

    @property
    def in_review(self) -> int:
        return self.socials * 3 // 10


@dataclass
class Targets:
    """What the load may act on (participant numbers: person{n}@example.org)."""

    chairs: list[int]  # numbers of the chairs
    everyone: list[int]  # numbers who read (programme, browse, whoami)
    rsvpers: list[int]  # numbers kept for RSVPs made under load, one each
    bookers: list[int]  # numbers kept for bookings made under load, one each
    open_slots: list[int] = field(default_factory=list)  # released slots still to start
    open_sessions: list[int] = field(default_factory=list)  # sessions still to start
    in_review: list[int] = field(default_factory=list)  # proposals a chair may approve


EVENT_FILE = ROOT / "examples" / "icml2021.toml"


async def conference(database: Database) -> Hallway:
    """ICML 2021 saved in `database`, on a clock stopped at `NOW`."""
    async with database.uow() as uow:
        saved = await uow.events.save(load_event_file(EVENT_FILE))
        await uow.commit()
    return Hallway(database.uow, ManualClock(NOW), saved, ("bench",))


def discord_user_id(number: int) -> str:
    """The Discord account of participant `number` (a snowflake of its own)."""
    return str(800_000_000_000_000_000 + number)


async def seed(hw: Hallway, size: Size, *, discord_accounts: bool = False) -> Targets:
    rng = random.Random(2021)
    await import_participants(hw, registrations_csv(size.participants))
    ids = await _participant_ids(hw, size.participants)
    if discord_accounts:
        await _link_discord(hw, ids)
    # Leads, seeded RSVPs and bookings come from the first half; the second half acts under
    # load (chairs and mentors aside), so nothing it does collides with what is seeded.
    half = size.participants // 2
    readers = [n for n in range(3, half) if n % 50]
    targets = Targets(
        chairs=[1, 2],  # the CSV's chairs (person0 is a mentor)
        everyone=list(range(size.participants)),
        rsvpers=[n for n in range(half, size.participants) if n % 50 and n % 2],
        bookers=[n for n in range(half, size.participants) if n % 50 and not n % 2],
    )
    await _socials(hw, size, rng, ids, readers, targets)
    await _mentoring(hw, size, rng, ids, readers, targets)
    return targets


async def _participant_ids(hw: Hallway, count: int) -> list[int]:
    """Participant id by number (person{n} was imported n-th)."""
    async with hw.uow() as uow:
        found = await uow.participants.get_many(list(range(1, count + 1)))
    by_email = {person.email: person.id for person in found}
    return [by_email[f"person{n}@example.org"] for n in range(count)]


async def _link_discord(hw: Hallway, ids: list[int]) -> None:
    """Everyone's Discord account linked (as /verify would), in their own zone."""
    async with hw.uow() as uow:
        for number, pid in enumerate(ids):
            uow.accounts.add(Account(hw.event.id, pid, "discord", discord_user_id(number)))
        await uow.session.execute(update(participants).values(zone=ZONE))
        await uow.commit()


async def _socials(
    hw: Hallway,
    size: Size,
    rng: random.Random,
    ids: list[int],
    readers: list[int],
    targets: Targets,
) -> None:
    made: list[Social] = []
    async with hw.uow() as uow:
        for n in range(size.socials):
            leads = [ids[number] for number in rng.sample(readers, 2)]
            social = _social(hw, rng, leads, n, released=n >= size.in_review)
            uow.socials.add(social)
            made.append(social)
        await uow.commit()
    async with hw.uow() as uow:
        for social in made:
            if social.released_at is None:
                targets.in_review.append(social.id)
                continue
            for slot in social.slots:
                if slot.start > NOW + timedelta(hours=1):
                    targets.open_slots.append(slot.id)
                for number in rng.sample(readers, 6):  # a few RSVPs each
                    if not social.is_lead(ids[number]):
                        uow.rsvps.add(Rsvp(slot.id, ids[number], hw.now(), False))
        await uow.commit()


def _social(hw: Hallway, rng: random.Random, leads: list[int], n: int, *, released: bool) -> Social:
    hour = rng.choice([1, 8, 9, 12, 13, 14, 15, 16, 17, 18, 21])
    first = FIRST_DAY + timedelta(days=rng.randrange(7), hours=hour, minutes=rng.choice([0, 30]))
    starts = [first, first + timedelta(hours=12)] if n % 3 else [first]
    return Social(
        event_id=hw.event.id,
        title=f"Social {n}",
        description="A social of the load bench",
        category=rng.choice(list(Category)),
        duration_minutes=rng.choice([60, 90, 120]),
        submitted_by=leads[0],
        submitted_at=hw.now(),
        tags=rng.sample(TAGS, rng.randint(1, 3)),
        capacity=rng.choice([None, None, 20, 50]),
        conduct_acknowledged=True,
        leads=[
            SocialLead(pid, Consent.CONFIRMED, is_submitter=i == 0) for i, pid in enumerate(leads)
        ],
        slots=[SocialSlot(start, position) for position, start in enumerate(starts)],
        decision=Decision.ACCEPTED if released else None,
        released_at=hw.now() if released else None,
    )


async def _mentoring(
    hw: Hallway,
    size: Size,
    rng: random.Random,
    ids: list[int],
    readers: list[int],
    targets: Targets,
) -> None:
    mentors = [n for n in range(size.participants) if n % 50 == 0]  # the CSV's mentors
    async with hw.uow() as uow:
        for number in mentors:
            profile = MentorProfile(hw.event.id, ids[number], "", Sector.OTHER, [], "")
            profile.describe(f"Person {number}", "Somewhere", Sector.ACADEMIC, TOPICS[:3], "Bio.")
            uow.session.add(profile)
        sessions = [
            _session(hw, ids[mentors[n % len(mentors)]], n, len(mentors), rng)
            for n in range(size.sessions)
        ]
        uow.session.add_all(sessions)
        await uow.session.flush()
        for session in sessions:
            for seat, number in enumerate(rng.sample(readers, rng.randint(0, session.capacity))):
                state = BookingState.BOOKED if seat < session.capacity else BookingState.WAITLISTED
                uow.session.add(Booking(hw.event.id, session.id, ids[number], "", state, NOW))
            if session.starts_at > NOW + timedelta(hours=2):
                targets.open_sessions.append(session.id)
        await uow.commit()


def _session(
    hw: Hallway, mentor_id: int, number: int, mentors: int, rng: random.Random
) -> MentoringSession:
    # Each mentor's sessions 14 hours apart across the week, at varied half hours.
    offset = timedelta(hours=14 * (number // mentors), minutes=30 * rng.randrange(0, 26))
    capacity = rng.randint(2, 6)
    return MentoringSession(
        hw.event.id,
        mentor_id,
        FIRST_DAY + offset,
        45,
        capacity,
        rng.sample(TOPICS, 2),
        "",
        "https://meet.example.org/x",
        True,
    )
