"""THE authorization policy of Hallway's chat surfaces, as one table: role → what it may do.

Every command verb, button and form of the command table is named here once, with how the
matrix reaches it (its arguments name records of `matrix_world`). The Slack and Discord
matrices press each of them as each role and expect exactly this: allowed, or refused with a
sentence and nothing changed. `test_the_policy_names_every_command_button_and_form` keeps the
table complete as the command table grows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from tests.hardening.authz_platforms.matrix_world import UMA_REGISTRATION, Targets

ROLES = (
    "unlinked",
    "unregistered",
    "participant",
    "lead",
    "colead",
    "mentor",
    "chair",
    "conduct",
)
Kind = Literal["command", "button", "form"]
Args = Callable[[Targets], dict[str, Any]]


def no_args(t: Targets) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class Act:
    """One thing a person can do. `name` is how the policy names it."""

    kind: Kind
    name: str  # "social edit" | "social.edit" (a button or a form)
    args: Args = no_args  # command options, or {"value": …} / {"context": …, **answers}
    during: bool = False  # acted while the conference runs (ad-hoc mentoring)
    given: dict[str, Any] = field(default_factory=dict)  # form answers besides valid ones

    @property
    def id(self) -> str:
        return f"{self.kind} {self.name}"


def command(name: str, args: Args = no_args, during: bool = False) -> Act:
    return Act("command", name, args, during)


def button(name: str, value: Callable[[Targets], object], during: bool = False) -> Act:
    return Act("button", name, lambda t: {"value": str(value(t))}, during)


def form(name: str, context: Callable[[Targets], object], **given: Any) -> Act:
    return Act("form", name, lambda t: {"context": str(context(t))}, False, given)


def nothing(t: Targets) -> str:
    return ""


ACTS = [
    # --- commands (name "command verb"; the options as Discord types them) ---
    command("conduct handle", lambda t: {"id": t.report, "note": "Talked to them"}),
    command("conduct list"),
    command("conduct policy"),
    command("conduct report"),
    command("conduct show", lambda t: {"id": t.report}),
    command("hallway deliveries"),
    command("help"),
    command("mentor cancel", lambda t: {"id": t.session}),
    command("mentor edit", lambda t: {"id": t.session}),
    command("mentor end", lambda t: {"id": t.adhoc}, during=True),
    command("mentor now", lambda t: {"minutes": "30", "topic": "careers"}, during=True),
    command("mentor profile"),
    command("mentor reinstate", lambda t: {"email": "turing@example.org"}),
    command("mentor schedule"),
    command("mentor suspend", lambda t: {"email": "turing@example.org"}),
    command("mentoring book", lambda t: {"id": t.session, "note": "Hello"}),
    command("mentoring browse"),
    command("mentoring cancel", lambda t: {"id": t.session}),
    command("mentoring join", lambda t: {"id": t.adhoc}, during=True),
    command("mentoring mine"),
    command("programme day", lambda t: {"day": "2021-07-19"}),
    command("programme ics"),
    command("programme mine"),
    command("programme next"),
    command("programme now"),
    command("programme revoke-link"),
    command("programme today"),
    command("social balance"),
    command("social chairs"),
    command("social chairs approve", lambda t: {"details": f"{t.review} Lovely"}),
    command("social chairs reject", lambda t: {"details": f"{t.review} Sorry"}),
    command("social chairs suggest", lambda t: {"details": f"{t.review}"}),
    command("social chairs combine", lambda t: {"details": f"{t.review} {t.other}"}),
    command("social chairs comment", lambda t: {"details": f"{t.review} Hm"}),
    command("social chairs release", lambda t: {"details": f"{t.decided}"}),
    command("social edit", lambda t: {"id": str(t.review)}),
    command("social export"),
    command("social list"),
    command("social mine"),
    command("social rsvp", lambda t: {"slot": t.public_slot}),
    command("social stats"),
    command("social submit"),
    command("social unrsvp", lambda t: {"slot": t.public_slot}),
    command("social withdraw", lambda t: {"id": str(t.review)}),
    command("stats"),
    command("timezone", lambda t: {"zone": "Europe/Paris"}),
    command("verify", lambda t: {"email": "uma@example.org", "registration_id": UMA_REGISTRATION}),
    command("whoami"),
    # --- buttons (the value they carry where they show) ---
    button("conduct.handle", lambda t: t.report),
    button("conduct.policy", nothing),
    button("conduct.report", nothing),
    button("conduct.show", lambda t: t.report),
    button("mentor.edit", lambda t: t.session),
    button("mentor.end", lambda t: t.adhoc, during=True),
    button("mentoring.book", lambda t: t.session),
    button("mentoring.cancel_booking", lambda t: t.session),
    button("mentoring.join", lambda t: t.adhoc, during=True),
    button("social.accept_suggestion", lambda t: t.suggested),
    button("social.approve", lambda t: t.review),
    button("social.balance", nothing),
    button("social.cancel_rsvp", lambda t: t.public_slot),
    button("social.combine", lambda t: t.review),
    button("social.comment", lambda t: t.review),
    button("social.confirm_lead", lambda t: t.ask),
    button("social.decline_lead", lambda t: t.ask),
    button("social.decline_suggestion", lambda t: t.suggested),
    button("social.edit", lambda t: t.review),
    button("social.reject", lambda t: t.review),
    button("social.release", lambda t: t.decided),
    button("social.rsvp", lambda t: t.public_slot),
    button("social.suggest", lambda t: t.review),
    # --- forms, sent back with their context pointing at a record (Slack's private_metadata) ---
    form("conduct.handle", lambda t: t.report),
    form("conduct.report", nothing, anonymous="no"),
    form("mentor.profile", nothing),
    form("mentor.session", nothing, capacity="2"),
    form("mentoring.book", lambda t: t.session),
    form("social.approve", lambda t: t.review),
    form("social.combine", lambda t: t.review, other="<other>", slot2=None, slot3=None),
    form("social.comment", lambda t: t.review),
    form("social.edit", lambda t: t.review, slot3=None, coleads=["<bob>"]),
    form("social.reject", lambda t: t.review),
    form("social.submit", nothing, slot3=None, coleads=["<dana>"]),
    form("social.suggest", lambda t: t.review, slot2=None, slot3=None),
]

# --- the policy: named groups of acts, and each role's union of them ---

# Anyone with an account, registered or not: browsing, and reporting to the conduct team
# (anonymously when unregistered: a barrier before reporting harm costs more than the odd
# stray report).
BROWSING = {
    "command conduct policy",
    "command conduct report",
    "button conduct.report",
    "form conduct.report",
    "command help",
    "command mentoring browse",
    "command programme day",
    "command programme next",
    "command programme now",
    "command programme today",
    "command social list",
    "command verify",
    "command whoami",
    "button conduct.policy",
}
# Registered participants. Volunteering as a mentor is open to all of them (`/mentor
# schedule` opens the profile form first); a profile is what makes a mentor, so offering a
# session without one (`/mentor now`, the session form) is refused: "save your profile first".
TAKING_PART = {
    "command mentor profile",
    "command mentor schedule",
    "form mentor.profile",
    "command mentoring book",
    "command mentoring cancel",
    "command mentoring join",
    "command mentoring mine",
    "command programme ics",
    "command programme mine",
    "command programme revoke-link",
    "command social mine",
    "command social rsvp",
    "command social submit",
    "command social unrsvp",
    "command timezone",
    "button mentoring.book",
    "button mentoring.cancel_booking",
    "button mentoring.join",
    "button social.cancel_rsvp",
    "button social.rsvp",
    "form mentoring.book",
    "form social.submit",
}
LEADING = {
    "command social edit",
    "command social withdraw",
    "button social.accept_suggestion",
    "button social.decline_suggestion",
    "button social.edit",
    "form social.edit",
}
ASKED_TO_LEAD = {"button social.confirm_lead", "button social.decline_lead"}
# The mentor of the world's sessions. Chairs may also call a session off or end it early.
HOSTING = {
    "command mentor cancel",
    "command mentor end",
    "button mentor.end",
}
MENTORING = HOSTING | {
    "command mentor edit",
    "button mentor.edit",
    "command mentor now",
    "form mentor.session",
}
CHAIRING = HOSTING | {
    "command hallway deliveries",
    "command mentor reinstate",
    "command mentor suspend",
    "command social balance",
    "command social chairs",
    "command social chairs approve",
    "command social chairs combine",
    "command social chairs comment",
    "command social chairs reject",
    "command social chairs release",
    "command social chairs suggest",
    "command social export",
    "command social stats",
    "command stats",
    "button social.approve",
    "button social.balance",
    "button social.combine",
    "button social.comment",
    "button social.reject",
    "button social.release",
    "button social.suggest",
    "form social.approve",
    "form social.combine",
    "form social.comment",
    "form social.reject",
    "form social.suggest",
}
CONDUCT_TEAM = {
    "command conduct handle",
    "command conduct list",
    "command conduct show",
    "button conduct.handle",
    "button conduct.show",
    "form conduct.handle",
}

JOINING = {
    "command mentoring join",
    "button mentoring.join",
    "command mentoring book",
    "form mentoring.book",
}

POLICY: dict[str, set[str]] = {
    "unlinked": BROWSING,
    "unregistered": BROWSING,
    "participant": BROWSING | TAKING_PART,
    "lead": BROWSING | TAKING_PART | LEADING,
    "colead": BROWSING | TAKING_PART | LEADING | ASKED_TO_LEAD,
    # The world's sessions are the mentor's own, and no one takes a seat in their own.
    "mentor": (BROWSING | TAKING_PART | MENTORING) - JOINING,
    "chair": BROWSING | TAKING_PART | CHAIRING,
    "conduct": BROWSING | TAKING_PART | CONDUCT_TEAM,
}


def allowed(role: str, act: Act) -> bool:
    return act.id in POLICY[role]
