"""The socials' forms, defined once for every platform, and reading their answers."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, tzinfo
from typing import Any

from bot.domain.participants import Participant
from bot.domain.social_rules import SLOT_FIELDS, SocialDraft
from bot.domain.socials import Category, Consent, Social
from bot.errors import InvalidInput
from bot.forms import Choice, Field, Form, Raw
from bot.timerules import AmbiguousLocalTime, parse_local

DOUBLE_SESSION = (
    "Optional. A double session — the same social again 12 hours after the first — lets people "
    "in other time zones join"
)


def slot_fields(first_required: bool, *, suggest_double: bool = False) -> tuple[Field, ...]:
    """`suggest_double`: slot 2 proposes the double session. Only a new proposal does: every
    other form shows a social's own slots, where an empty slot 2 must stay empty (a suggestion
    there is saved by whoever just presses Enter or Save)."""
    return (
        Field(
            "slot1",
            "Slot 1 starts",
            "datetime",
            required=first_required,
            help="When the social starts, in your time zone",
        ),
        Field(
            "slot2",
            "Slot 2 starts",
            "datetime",
            required=False,
            help=DOUBLE_SESSION + ("; Hallway suggests that time" if suggest_double else ""),
            suggest_after=("slot1", 720) if suggest_double else None,
        ),
        Field("slot3", "Slot 3 starts", "datetime", required=False, help="A third run"),
    )


TITLE = Field(
    "title", "Title", max_length=100, placeholder="e.g. Reinforcement learning reading group"
)
DESCRIPTION = Field(
    "description", "Description", "paragraph", max_length=2000, help="What happens, and for whom"
)
ABOUT_FIELDS = (
    TITLE,
    DESCRIPTION,
    Field(
        "category",
        "Category",
        "choice",
        options=tuple(Choice(category.value, category.label) for category in Category),
    ),
    Field("tags", "Tags", "tags", required=False, max_items=10, help="Free words, e.g. rl, theory"),
    Field(
        "coleads",
        "Co-lead(s)",
        "people",
        max_items=5,
        help="Registered participants who will lead it with you, each asked to confirm",
    ),
)
RUNNING_FIELDS = (
    Field(
        "duration",
        "Duration in minutes",
        "integer",
        min_value=30,
        max_value=240,
        help="How long each slot runs",
    ),
    Field(
        "video_url",
        "Video link",
        "url",
        required=False,
        max_length=500,
        help="Your own meeting link (https://…), or none and Hallway makes a room",
    ),
    Field(
        "capacity",
        "Capacity",
        "integer",
        required=False,
        min_value=2,
        max_value=10000,
        help="The most people per slot, or none for no limit",
    ),
    Field("notes", "Notes to the chairs", "paragraph", required=False, max_length=2000),
    Field(
        "conduct",
        "Code of conduct",
        "confirm",
        help="I have read the code of conduct and will keep the social to it",
    ),
)


def proposal_fields(*, suggest_double: bool) -> tuple[Field, ...]:
    """The submission's and the edit's fields; see `slot_fields` for `suggest_double`."""
    return (*ABOUT_FIELDS, *slot_fields(True, suggest_double=suggest_double), *RUNNING_FIELDS)


SUBMIT_FORM = Form(
    "social.submit",
    "Propose a virtual social",
    proposal_fields(suggest_double=True),
    intro=(
        "A social is led by at least two registered participants who agree to it. Socials "
        "typically run for 2 hours; a double session lets other time zones join."
    ),
)
EDIT_FORM = Form(
    "social.edit", "Edit your social", proposal_fields(suggest_double=False), submit_label="Save"
)

MESSAGE = Field("message", "Message to the leads", "paragraph", required=False, max_length=2000)
RELEASE_NOW = Field(
    "release_now",
    "Release now",
    "confirm",
    required=False,
    help="Send the decision to the leads at once, not with the next release",
)
APPROVE_FORM = Form("social.approve", "Approve a social", (MESSAGE, RELEASE_NOW), "Approve")
REJECT_FORM = Form(
    "social.reject",
    "Reject a social",
    (Field("message", "Message to the leads", "paragraph", max_length=2000), RELEASE_NOW),
    "Reject",
)
SUGGEST_FORM = Form(
    "social.suggest",
    "Suggest a change",
    (*slot_fields(False), MESSAGE),
    "Send to the leads",
    intro="New slot times and/or a message; any one lead accepts or declines.",
)
COMBINE_FORM = Form(
    "social.combine",
    "Combine two proposals",
    (
        Field("other", "The other proposal's number", "integer", min_value=1),
        TITLE,
        DESCRIPTION,
        *slot_fields(True),
    ),
    "Ask the leads",
    intro="This proposal is kept; the other is folded into it. Every lead of both is asked.",
)
COMMENT_FORM = Form(
    "social.comment", "Comment", (Field("comment", "Comment", "paragraph", max_length=2000),)
)


def draft_from(values: Mapping[str, Any]) -> SocialDraft:
    """Parsed answers of the submission (or edit) form."""
    return SocialDraft(
        title=values["title"],
        description=values["description"],
        category=Category(values["category"]),
        slots=slots_from(values),
        duration_minutes=values["duration"],
        coleads=tuple(values["coleads"]),
        tags=tuple(values["tags"]),
        video_url=values["video_url"],
        capacity=values["capacity"],
        notes_to_chairs=values["notes"] or "",
        conduct_acknowledged=bool(values["conduct"]),
    )


def slots_from(values: Mapping[str, Any]) -> dict[str, datetime]:
    return {name: values[name] for name in SLOT_FIELDS if values.get(name) is not None}


def submit_defaults(duration_minutes: int) -> dict[str, Raw]:
    return {"duration": str(duration_minutes)}


def edit_values(
    social: Social, people: Mapping[int, Participant], editor: int, zone: tzinfo
) -> dict[str, Raw]:
    """The form as the proposal stands. Co-leads are given by e-mail, which every platform
    accepts; a co-lead who declined is left out, so the lead can name someone else."""
    coleads = [
        people[lead.participant_id].email
        for lead in social.leads
        if lead.participant_id != editor
        and lead.consent != Consent.DECLINED
        and lead.participant_id in people
    ]
    return {
        "title": social.title,
        "description": social.description,
        "category": social.category.label,
        "tags": ", ".join(social.tags),
        "coleads": ", ".join(coleads),
        **slot_values(social, zone),
        "duration": str(social.duration_minutes),
        "video_url": social.video_url or "",
        "capacity": str(social.capacity) if social.capacity else "",
        "notes": social.notes_to_chairs,
        "conduct": "yes",
    }


def slot_values(social: Social, zone: tzinfo) -> dict[str, Raw]:
    starts = [slot.start for slot in social.ordered_slots()]
    return {
        name: typed_local(start, zone) for name, start in zip(SLOT_FIELDS, starts, strict=False)
    }


def typed_local(instant: datetime, zone: tzinfo) -> str:
    """An instant as someone in `zone` would type it, read back to the same instant (a time
    that happens twice says which)."""
    local = instant.astimezone(zone)
    typed = local.strftime("%Y-%m-%d %H:%M")
    try:
        parse_local(typed, zone)
    except AmbiguousLocalTime:
        return f"{typed} {'later' if local.fold else 'earlier'}"
    return typed


def proposal_id(value: str) -> int:
    """A proposal number from a button value or a form's context. Something that is not a
    number (a forged value) becomes 0, which no proposal has: the use case then checks who is
    acting first, and finds nothing."""
    cleaned = value.strip().lstrip("#")
    return int(cleaned) if cleaned.isdigit() else 0


def typed_id(word: str) -> int:
    """A proposal number typed after a command, e.g. `/social edit 12`."""
    cleaned = word.strip().lstrip("#")
    if not cleaned.isdigit():
        raise InvalidInput.at("id", f"“{word}” is not a proposal number; type it like 12.")
    return int(cleaned)
