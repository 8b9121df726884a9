"""Code-of-conduct reports: what someone told the conduct team, and what the team did about it.

An anonymous report keeps no trace of who filed it: `reporter_id` is None, and nothing else
Hallway stores for it (the team's notice in the outbox included) names the reporter.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from bot.errors import InvalidInput

DESCRIPTION_LIMIT = 4_000
ABOUT_LIMIT = 200
NOTE_LIMIT = 2_000


class AboutKind(StrEnum):
    """What a report concerns. `about` names which one in words for now; when socials and
    mentoring sessions have ids, a report can point at one (see `ConductReport.about`)."""

    SOCIAL = "social"
    MENTORING = "mentoring"
    GENERAL = "general"

    @property
    def label(self) -> str:
        return _ABOUT_LABELS[self]


_ABOUT_LABELS = {
    AboutKind.SOCIAL: "A social",
    AboutKind.MENTORING: "A mentoring session",
    AboutKind.GENERAL: "In general",
}


class ReportStatus(StrEnum):
    OPEN = "open"
    HANDLED = "handled"


@dataclass(frozen=True)
class ConductDraft:
    """A report as the reporter wrote it, before the core has checked it."""

    about_kind: str
    description: str
    about: str | None = None
    anonymous: bool = False


@dataclass(eq=False)
class ConductReport:
    event_id: int
    about_kind: AboutKind
    description: str  # exactly as written: never escaped or trimmed inside
    anonymous: bool
    created_at: datetime
    # Free text naming the social or session ("Book club, Tuesday"). Hook: when socials and
    # mentoring sessions exist, add their ids next to it rather than parsing this text.
    about: str | None = None
    reporter_id: int | None = None  # always None when anonymous
    status: ReportStatus = ReportStatus.OPEN
    handled_by: int | None = None
    handled_at: datetime | None = None
    handling_note: str | None = None
    id: int = field(init=False)

    def __post_init__(self) -> None:
        if self.anonymous and self.reporter_id is not None:
            raise ValueError("an anonymous report cannot name its reporter")

    @property
    def is_open(self) -> bool:
        return self.status == ReportStatus.OPEN

    def mark_handled(self, by: int, at: datetime, note: str) -> None:
        self.status = ReportStatus.HANDLED
        self.handled_by, self.handled_at, self.handling_note = by, at, note


# --- the rules of a report's fields, each refused at its field ---


def read_about_kind(value: str) -> AboutKind:
    try:
        return AboutKind(value.strip().lower())
    except ValueError:
        raise InvalidInput.at(
            "about_kind",
            "Choose what the report is about: a social, a mentoring session, or in general.",
        ) from None


def read_about(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    if len(value.strip()) > ABOUT_LIMIT:
        raise InvalidInput.at(
            "about", f"Name the social or session in at most {ABOUT_LIMIT} characters."
        )
    return value.strip()


def read_description(value: str) -> str:
    """The reporter's words, kept exactly as written (only checked)."""
    if not value.strip():
        raise InvalidInput.at("description", "Please say what happened.")
    if len(value) > DESCRIPTION_LIMIT:
        raise InvalidInput.at(
            "description",
            f"What happened is {len(value):,} characters; at most {DESCRIPTION_LIMIT:,} fit. "
            "Shorten it, or file a second report for the rest.",
        )
    return value


def read_note(value: str) -> str:
    if not value.strip():
        raise InvalidInput.at("note", "Say in a few words how the report was handled.")
    if len(value.strip()) > NOTE_LIMIT:
        raise InvalidInput.at(
            "note", f"The note is {len(value.strip()):,} characters; at most {NOTE_LIMIT:,} fit."
        )
    return value.strip()
