"""A small known programme for the calendar, page, export and statistics tests, and a reader
of iCalendar files (parsed back with `icalendar`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from icalendar import Calendar

from bot.app import Hallway
from bot.domain.mentoring import MentoringSession
from bot.domain.participants import Participant, Role
from bot.domain.socials import Category, Social
from bot.interaction import Actor
from bot.services.mentoring_bookings import book_session
from bot.services.rsvps import rsvp_slot
from tests.factories import actor, register, stored_social
from tests.service.mentoring_helpers import mentor, offer

MONDAY = datetime(2021, 7, 19, 15, 0, tzinfo=UTC)  # 08:00 in Los Angeles, 00:00 in Tokyo


@dataclass
class Programme:
    chair: Actor
    leads: tuple[Participant, Participant]
    tea: Social  # accepted and released, two slots
    draft: Social  # under review: never on the programme
    mentor: Actor
    session: MentoringSession
    guest: Actor  # RSVPed to tea's first slot and booked the session


async def programme(hw: Hallway) -> Programme:
    await register(hw, "chair@example.org", "Chair Person", Role.CHAIR)
    chair = await actor(hw, "chair@example.org")
    first = await register(hw, "ada@example.org", "Ada Lovelace")
    second = await register(hw, "grace@example.org", "Grace Hopper")
    tea = await stored_social(
        hw,
        "Tea & <b>talk</b>",
        [first.id, second.id],
        [MONDAY, MONDAY + timedelta(hours=12)],
        category=Category.GATHERING,
        released=True,
        tags=["tea"],
    )
    draft = await stored_social(hw, "Draft idea", [first.id, second.id], [MONDAY])
    teacher = await mentor(hw)
    session = await offer(
        hw, teacher, MONDAY + timedelta(hours=3), video_url="https://v.example/m1"
    )
    await register(hw, "guest@example.org", "Guest")
    guest = await actor(hw, "guest@example.org")
    await rsvp_slot(hw, guest, tea.slots[0].id)
    await book_session(hw, guest, session.id, "")
    return Programme(chair, (first, second), tea, draft, teacher, session, guest)


@dataclass(frozen=True)
class Read:
    uid: str
    summary: str
    start: datetime
    end: datetime
    sequence: int
    status: str
    location: str
    url: str
    description: str


def read_ics(data: bytes) -> dict[str, Read]:
    calendar = Calendar.from_ical(data)
    found = {}
    for event in calendar.walk("VEVENT"):
        item = Read(
            str(event["UID"]),
            str(event["SUMMARY"]),
            event.decoded("DTSTART"),
            event.decoded("DTEND"),
            int(event["SEQUENCE"]),
            str(event["STATUS"]),
            str(event["LOCATION"]),
            str(event["URL"]),
            str(event["DESCRIPTION"]),
        )
        found[item.uid] = item
    return found


def slot_uid(social: Social, index: int) -> str:
    return f"social-slot-{social.ordered_slots()[index].id}@icml2021.hallway"


def session_uid(session: MentoringSession) -> str:
    return f"mentoring-{session.id}@icml2021.hallway"
