"""Who may do what in Hallway: the policy every surface is tested against, as one table.

`ALLOWED` maps each role to the actions it may take; everything else is refused. A refusal is
`NotRegistered` for an account not linked to a registration and `NotAllowed` for a registered
person without the role or relation, except where `REFUSED_WITH` says why another answer is
right. The matrix tests derive every expected outcome from these tables.
"""

from __future__ import annotations

from bot.errors import HallwayError, InvalidInput, NotAllowed, NotFound, NotRegistered

# The roles, as the world in `world.py` casts them.
ROLES = (
    "unlinked",  # a chat account not linked to any registration (the person may be registered)
    "unregistered",  # an account whose e-mail matches no registration
    "participant",  # registered, no relation to anything in the world
    "lead",  # submitted the proposal under review
    "colead",  # named on it by the lead and confirmed
    "colead_asked",  # named on another proposal, not yet answered
    "mentor",  # has a mentor profile and offers the session in the world
    "chair",  # a social chair
    "conduct",  # on the code-of-conduct team
)
NOT_LINKED = frozenset({"unlinked", "unregistered"})

# --- the actions, grouped by who may take them ---

# Browsing, and reaching the conduct team anonymously (a barrier before reporting harm costs
# more than the odd stray report).
EVERYONE = frozenset({"browse_programme", "browse_mentoring", "report_anonymous"})
# What any registered person may do for themselves.
REGISTERED = EVERYONE | {
    "submit",
    "my_socials",
    "rsvp",
    "cancel_rsvp",
    "my_calendar",
    "renew_calendar_link",
    "set_timezone",
    "mentor_profile",
    "book",
    "cancel_booking",
    "report_named",
}
# The proposal's confirmed leads, until the deadline.
LEADS = frozenset({"edit", "withdraw", "accept_suggestion", "decline_suggestion"})
# Someone named as co-lead and still asked.
ASKED = frozenset({"confirm_colead", "decline_colead"})
# The mentor of the session (a profile is what makes a mentor).
MENTOR = frozenset({"schedule", "edit_session", "cancel_session", "adhoc_start", "adhoc_end"})
# The social chairs: the review and its views, the chairs' reports, mentors' suspension; they
# may also call off or end any mentoring session.
CHAIRS = frozenset(
    {
        "review_queue",
        "approve",
        "reject",
        "suggest",
        "combine",
        "comment",
        "release",
        "schedule_release",
        "balance",
        "heatmap",
        "statistics",
        "export_csv",
        "export_json",
        "deliveries",
        "suspend_mentor",
        "reinstate_mentor",
        "cancel_session",
        "adhoc_end",
    }
)
# The code-of-conduct team reads and handles reports.
CONDUCT = frozenset({"conduct_list", "conduct_show", "conduct_handle"})

ALLOWED: dict[str, frozenset[str]] = {
    "unlinked": EVERYONE,
    "unregistered": EVERYONE,
    "participant": REGISTERED,
    "lead": REGISTERED | LEADS,
    "colead": REGISTERED | LEADS,
    "colead_asked": REGISTERED | ASKED,
    # A mentor cannot book (so cannot hold, so cannot give back) a seat in their own session.
    "mentor": (REGISTERED - {"book", "cancel_booking"}) | MENTOR,
    "chair": REGISTERED | CHAIRS,
    "conduct": REGISTERED | CONDUCT,
}
ACTIONS = tuple(sorted(REGISTERED | LEADS | ASKED | MENTOR | CHAIRS | CONDUCT))

# Views answer and store nothing; every other allowed action leaves a trace.
VIEWS = frozenset(
    {
        "browse_programme",
        "browse_mentoring",
        "my_socials",
        "review_queue",
        "balance",
        "heatmap",
        "statistics",
        "export_csv",
        "export_json",
        "deliveries",
        "conduct_list",
        "conduct_show",
    }
)

# Where a refusal is rightly something else than NotRegistered / NotAllowed:
UNLINKED_REFUSED_WITH: dict[str, type[HallwayError]] = {
    # The report form answers at its "anonymous" field, so the reporter keeps what they wrote
    # and can send it anonymously instead of being turned away.
    "report_named": InvalidInput,
}
REGISTERED_REFUSED_WITH: dict[str, type[HallwayError]] = {
    # Giving back a seat one does not hold: there is nothing of theirs to cancel.
    "cancel_booking": NotFound,
}


def allowed(role: str, action: str) -> bool:
    return action in ALLOWED[role]


def refused_with(role: str, action: str) -> type[HallwayError]:
    if role in NOT_LINKED:
        return UNLINKED_REFUSED_WITH.get(action, NotRegistered)
    return REGISTERED_REFUSED_WITH.get(action, NotAllowed)


def cases() -> list[tuple[str, str]]:
    return [(action, role) for action in ACTIONS for role in ROLES]
