"""What a calendar holds: one entry per social slot and per mentoring session, built from the
facts storage reads (pure). An entry is what every calendar format shows of a session: its
stable UID, its times as UTC instants, where it happens and who holds it.

The video link is kept apart (`video_url`): personal calendars carry it, the public programme
(an open web page and feed) does not, so a room with a capacity is not opened to the internet.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from bot.domain.programme import LeadName
from bot.domain.socials import Category
from bot.timefmt import iso_utc
from bot.timerules import Interval

MENTORING = "mentoring"  # the category of mentoring sessions, beside the socials' categories


class Kind(StrEnum):
    SOCIAL = "social"
    MENTORING = "mentoring"


@dataclass(frozen=True)
class SocialSlotFacts:
    """A slot of a social that was accepted and released; `cancelled`: withdrawn or combined
    into another since (it was public once, so calendars keep showing it as cancelled)."""

    slot_id: int
    social_id: int
    title: str
    description: str
    category: Category
    tags: tuple[str, ...]
    span: Interval
    video_url: str | None
    capacity: int | None
    going: int
    leads: tuple[LeadName, ...]
    cancelled: bool = False


@dataclass(frozen=True)
class SessionFacts:
    """A mentoring session; `span` ends when it ended (early, or as planned)."""

    session_id: int
    mentor_id: int
    mentor_name: str
    affiliation: str
    topics: tuple[str, ...]
    format_note: str
    span: Interval
    video_url: str
    adhoc: bool
    capacity: int
    booked: int
    cancelled: bool = False

    @property
    def free(self) -> int:
        return max(self.capacity - self.booked, 0)


@dataclass(frozen=True)
class Entry:
    uid: str
    subject: str  # what it belongs to: "social:42" or "mentoring:7"
    kind: Kind
    title: str
    category: str  # a Category value, or MENTORING
    span: Interval
    room: str  # where it happens when no link is shown
    description: str
    video_url: str | None = None
    cancelled: bool = False

    @property
    def subject_id(self) -> int:
        return int(self.subject.split(":", 1)[1])

    @property
    def category_label(self) -> str:
        return "Mentoring" if self.category == MENTORING else Category(self.category).label

    def content(self) -> dict[str, Any]:
        """Everything a calendar shows of it, as JSON: compared to see whether it changed,
        and kept to serve it as cancelled once it is gone."""
        return {
            "uid": self.uid,
            "subject": self.subject,
            "kind": self.kind.value,
            "title": self.title,
            "category": self.category,
            "start": iso_utc(self.span.start),
            "end": iso_utc(self.span.end),
            "room": self.room,
            "description": self.description,
            "video_url": self.video_url,
            "cancelled": self.cancelled,
        }

    def fingerprint(self) -> str:
        text = json.dumps(self.content(), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(text.encode()).hexdigest()


def anchor(uid: str) -> str:
    """The entry's id on the programme page: its UID before the @."""
    return uid.split("@", 1)[0]


def social_uid(slot_id: int, event_slug: str) -> str:
    return f"social-slot-{slot_id}@{event_slug}.hallway"


def session_uid(session_id: int, event_slug: str) -> str:
    return f"mentoring-{session_id}@{event_slug}.hallway"


def social_entry(facts: SocialSlotFacts, event_slug: str, rooms_open: int) -> Entry:
    leads = _names([lead.name for lead in facts.leads])
    parts = [facts.description.strip(), f"Led by {leads}." if leads else ""]
    if facts.tags:
        parts.append("Tags: " + ", ".join(f"#{tag}" for tag in facts.tags))
    return Entry(
        uid=social_uid(facts.slot_id, event_slug),
        subject=f"social:{facts.social_id}",
        kind=Kind.SOCIAL,
        title=facts.title,
        category=facts.category.value,
        span=facts.span,
        room=f"A Hallway room on the conference's Slack and Discord, open {rooms_open} "
        "minutes before the start",
        description="\n\n".join(part for part in parts if part),
        video_url=facts.video_url,
        cancelled=facts.cancelled,
    )


def session_entry(facts: SessionFacts, event_slug: str) -> Entry:
    mentor = facts.mentor_name + (f" ({facts.affiliation})" if facts.affiliation else "")
    topics = ", ".join(facts.topics)
    parts = [f"Mentoring with {mentor}.", f"Topics: {topics}." if topics else ""]
    parts.append(facts.format_note.strip())
    kind = "Ad-hoc mentoring" if facts.adhoc else "Mentoring"
    return Entry(
        uid=session_uid(facts.session_id, event_slug),
        subject=f"mentoring:{facts.session_id}",
        kind=Kind.MENTORING,
        title=f"{kind}: {topics or facts.mentor_name}",
        category=MENTORING,
        span=facts.span,
        room="The session's video room in Hallway (book a seat to get the link)",
        description="\n\n".join(part for part in parts if part),
        video_url=facts.video_url,
        cancelled=facts.cancelled,
    )


def _names(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]
