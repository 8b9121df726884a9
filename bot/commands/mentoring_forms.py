"""The mentoring forms: a mentor's profile, a session (new or edited), a booking's note."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import tzinfo

from bot.domain.mentoring import (
    BIO_LIMIT,
    FORMAT_NOTE_LIMIT,
    MAX_MINUTES,
    MIN_MINUTES,
    NOTE_LIMIT,
    MentoringSession,
    MentorProfile,
    Sector,
)
from bot.event import EventConfig
from bot.forms import Choice, Field, Form, Raw

PROFILE_FORM = Form(
    "mentor.profile",
    "Your mentor profile",
    (
        Field("affiliation", "Affiliation", max_length=200, placeholder="e.g. University of Tokyo"),
        Field(
            "sector",
            "Sector",
            "choice",
            options=tuple(Choice(sector.value, sector.value.title()) for sector in Sector),
        ),
        Field(
            "topics",
            "Topics you can advise on",
            "tags",
            max_items=10,
            placeholder="e.g. reinforcement learning, careers in industry",
        ),
        Field("bio", "Short bio", "paragraph", max_length=BIO_LIMIT),
    ),
    submit_label="Save",
    intro="Mentees see this when they browse. Saving it makes you a mentor of this event.",
)

BOOK_FORM = Form(
    "mentoring.book",
    "Book a mentoring session",
    (
        Field(
            "note",
            "What would you like to discuss?",
            "paragraph",
            required=False,
            max_length=NOTE_LIMIT,
            help="only your mentor sees it",
        ),
    ),
    submit_label="Book",
)

# The largest capacity any event file allows; the event's own limit is applied per event.
_CAPACITY_CEILING = 500


def session_form(event: EventConfig | None = None) -> Form:
    """The session form, with this event's capacity limit (the registry keeps a generic one)."""
    most = event.mentoring.max_capacity if event is not None else _CAPACITY_CEILING
    default = event.mentoring.default_minutes if event is not None else 45
    return Form(
        "mentor.session",
        "A mentoring session",
        (
            Field("start", "Start", "datetime"),
            Field(
                "minutes",
                "Length in minutes",
                "integer",
                required=False,
                min_value=MIN_MINUTES,
                max_value=MAX_MINUTES,
                help=f"{MIN_MINUTES} to {MAX_MINUTES}, {default} if empty",
            ),
            Field(
                "capacity", "Seats", "integer", min_value=1, max_value=most, help="1 for one-to-one"
            ),
            Field("topics", "Topics", "tags", required=False, max_items=10),
            Field(
                "format_note",
                "Format",
                "paragraph",
                required=False,
                max_length=FORMAT_NOTE_LIMIT,
                placeholder="e.g. CV review: bring yours",
            ),
            Field(
                "video_url",
                "Your video link",
                "url",
                required=False,
                max_length=500,
                help="empty: Hallway makes one",
            ),
        ),
        submit_label="Offer it",
        intro="Mentees browse by topic and time and book a seat; a full session keeps a waitlist.",
    )


def profile_values(profile: MentorProfile | None) -> Mapping[str, Raw]:
    if profile is None:
        return {}
    return {
        "affiliation": profile.affiliation,
        "sector": profile.sector.value,
        "topics": ", ".join(profile.topics),
        "bio": profile.bio,
    }


def new_session_values(event: EventConfig, profile: MentorProfile | None) -> Mapping[str, Raw]:
    return {
        "minutes": str(event.mentoring.default_minutes),
        "capacity": "1",
        "topics": ", ".join(profile.topics) if profile else "",
    }


def session_values(session: MentoringSession, zone: tzinfo) -> Mapping[str, Raw]:
    return {
        "start": session.starts_at.astimezone(zone).strftime("%Y-%m-%d %H:%M"),
        "minutes": str(session.minutes),
        "capacity": str(session.capacity),
        "topics": ", ".join(session.topics),
        "format_note": session.format_note,
        "video_url": "" if session.video_generated else session.video_url,
    }
