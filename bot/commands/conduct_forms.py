"""The forms of /conduct: a report, and the team's note when it marks one handled."""

from __future__ import annotations

from bot.domain.conduct import ABOUT_LIMIT, DESCRIPTION_LIMIT, NOTE_LIMIT, AboutKind
from bot.forms import Choice, Field, Form

REPORT_FORM = Form(
    "conduct.report",
    "Report to the code-of-conduct team",
    (
        Field(
            "about_kind",
            "About",
            "choice",
            options=tuple(Choice(kind.value, kind.label) for kind in AboutKind),
        ),
        Field(
            "about",
            "Which one",
            required=False,
            help="the social's or session's title, and when",
            max_length=ABOUT_LIMIT,
        ),
        Field("description", "What happened", "paragraph", max_length=DESCRIPTION_LIMIT),
        Field(
            "anonymous",
            "Stay anonymous",
            "choice",
            required=False,
            help="yes: Hallway keeps no record of who you are, and the team cannot reply",
            options=(Choice("yes", "Yes"), Choice("no", "No")),
        ),
    ),
    submit_label="Send report",
    intro="Only the conduct team reads this, in its private channel. You get a receipt at once.",
)

HANDLE_FORM = Form(
    "conduct.handle",
    "Mark the report handled",
    (
        Field(
            "note",
            "What was done",
            "paragraph",
            help="kept with the report for the team",
            max_length=NOTE_LIMIT,
        ),
    ),
    submit_label="Mark handled",
)
