"""The authorization matrix at the console: every action × every role, typed as that role
(`/as EMAIL`) — commands, and buttons pressed whether or not that person was shown them (a
forwarded or forged button). Expected outcomes come from `policy.ALLOWED`, as at the core: an
allowed action answers without a refusal; a refused one prints the core's refusal, raised as
the error `policy.refused_with` names, and changes no row of any table."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.app import Hallway
from bot.clock import ManualClock
from bot.conduct_policy import HANDLE_ACTION, SHOW_ACTION
from bot.errors import InvalidInput
from bot.views.social_card import BALANCE_ACTION
from tests.hardening.authz.console_kit import console_as
from tests.hardening.authz.policy import ACTIONS, NOT_LINKED, VIEWS, allowed, refused_with
from tests.hardening.authz.snapshot import changed_tables, every_row
from tests.hardening.authz.world import EMAILS, WORLD_TIME, World, prepare

# Who may do what is decided in the core, whose matrix (tests/hardening/authz/
# test_core_matrix.py) runs on both databases; this surface only translates, the same way on
# either, so SQLite is enough here.
BACKENDS = ("sqlite",)

# On the console an account is its e-mail: Uma typing another address of hers is an account
# not linked to her registration (she could link it with /verify).
CONSOLE_EMAILS = {**EMAILS, "unlinked": "uma.home@example.net"}


@dataclass(frozen=True)
class Script:
    """What a role types for an action; `{social}`-style names are the world's ids."""

    lines: tuple[str, ...]
    answers: tuple[tuple[str, str], ...] = ()  # form field label → what is typed


def typed(*lines: str, **answers: str) -> Script:
    return Script(lines, tuple((label.replace("_", " "), text) for label, text in answers.items()))


def answered(lines: tuple[str, ...], answers: dict[str, str]) -> Script:
    return Script(lines, tuple(answers.items()))


SUBMISSION = {
    "Title": "New",
    "Description": "A new social.",
    "Category": "research",
    "Co-lead(s)": "dana@example.org",
    "Slot 1 starts": "2021-07-23 15:00",
    "Slot 2 starts": "-",
    "Duration in minutes": "120",
    "Code of conduct": "yes",
}
SUGGESTION = {"Slot 1 starts": "2021-07-21 15:00", "Slot 2 starts": "-", "Message": "Later?"}
COMBINATION = {"The other proposal's number": "{other}", **SUGGESTION}
PROFILE = {
    "Affiliation": "Lab",
    "Sector": "industry",
    "Topics you can advise on": "ml",
    "Short bio": "Ask me.",
}
SESSION = {"Start": "2021-07-20 21:00", "Seats": "3", "Topics": "ml"}


def report(anonymous: str) -> Script:
    about = {"About": "general", "What happened": "A speaker was rude."}
    return answered(("/conduct",), {**about, "Stay anonymous": anonymous})


# Each action, as typed and (where a button does it) as pressed.
SCRIPTS: dict[str, dict[str, Script]] = {
    "submit": {"typed": answered(("/social",), SUBMISSION)},
    "edit": {
        "typed": answered(("/social edit {social}",), {"Title": "Edited"}),
        "button": answered(("press social.edit {social}",), {"Title": "Edited"}),
    },
    "withdraw": {"typed": typed("/social withdraw {social}")},
    "my_socials": {"typed": typed("/social mine")},
    "confirm_colead": {"button": typed("press social.confirm_lead {asked}")},
    "decline_colead": {"button": typed("press social.decline_lead {asked}")},
    "accept_suggestion": {"button": typed("press social.accept_suggestion {social}:{suggestion}")},
    "decline_suggestion": {
        "button": typed("press social.decline_suggestion {social}:{suggestion}")
    },
    "review_queue": {"typed": typed("/social chairs")},
    "approve": {
        "typed": typed("/social chairs approve {social}"),
        "button": typed("press social.approve {social}"),
    },
    "reject": {
        "typed": typed("/social chairs reject {social} No room"),
        "button": answered(("press social.reject {social}",), {"Message": "No room"}),
    },
    "suggest": {
        "typed": answered(("/social chairs suggest {social}",), SUGGESTION),
        "button": answered(("press social.suggest {social}",), SUGGESTION),
    },
    "combine": {
        "typed": answered(("/social chairs combine {social} {other}",), SUGGESTION),
        "button": answered(("press social.combine {social}",), COMBINATION),
    },
    "comment": {
        "typed": typed("/social chairs comment {social} Hmm"),
        "button": answered(("press social.comment {social}",), {"Comment": "Hmm"}),
    },
    "release": {
        "typed": typed("/social chairs release {social}"),
        "button": typed("press social.release {social}"),
    },
    "schedule_release": {"typed": typed("/social chairs release at 2021-06-29 12:00")},
    "browse_programme": {"typed": typed("/social list")},
    "rsvp": {
        "typed": typed("/social rsvp {slot}"),
        "button": typed("press social.rsvp {slot}"),
    },
    "cancel_rsvp": {
        "typed": typed("/social unrsvp {slot}"),
        "button": typed("press social.cancel_rsvp {slot}"),
    },
    "my_calendar": {"typed": typed("/programme ics")},
    "renew_calendar_link": {"typed": typed("/programme revoke-link")},
    "set_timezone": {"typed": typed("/timezone Asia/Tokyo")},
    "balance": {"typed": typed("/social balance")},
    "heatmap": {"button": typed(f"press {BALANCE_ACTION}")},
    "statistics": {"typed": typed("/stats")},
    "export_csv": {"typed": typed("/social export csv")},
    "export_json": {"typed": typed("/social export json")},
    "deliveries": {"typed": typed("/hallway deliveries")},
    "browse_mentoring": {"typed": typed("/mentoring")},
    "mentor_profile": {"typed": answered(("/mentor profile",), PROFILE)},
    "schedule": {"typed": answered(("/mentor",), SESSION)},
    "edit_session": {
        "typed": typed("/mentor edit {session}", Seats="4"),
        "button": typed("press mentor.edit {session}", Seats="4"),
    },
    "cancel_session": {"typed": typed("/mentor cancel {session}")},
    "book": {
        "typed": typed("/mentoring book {session} Hi"),
        "button": typed("press mentoring.book {session}"),
        "join": typed("press mentoring.join {session}"),
    },
    "cancel_booking": {
        "typed": typed("/mentoring cancel {session}"),
        "button": typed("press mentoring.cancel_booking {session}"),
    },
    "adhoc_start": {"typed": typed("/mentor now 30 ml")},
    "adhoc_end": {
        "typed": typed("/mentor end {adhoc}"),
        "button": typed("press mentor.end {adhoc}"),
    },
    "suspend_mentor": {"typed": typed("/mentor suspend maria@example.org")},
    "reinstate_mentor": {"typed": typed("/mentor reinstate maria@example.org")},
    "report_named": {"typed": report("no")},
    "report_anonymous": {"typed": report("yes")},
    "conduct_list": {"typed": typed("/conduct list all")},
    "conduct_show": {
        "typed": typed("/conduct show {report}"),
        "button": typed(f"press {SHOW_ACTION} {{report}}"),
    },
    "conduct_handle": {
        "typed": typed("/conduct handle {report} Spoke to them"),
        "button": answered((f"press {HANDLE_ACTION} {{report}}",), {"What was done": "Spoke."}),
    },
}
# On the console, `/mentor` walks someone registered who is not yet a mentor into the profile
# form first (volunteering is open to all): the session form is never reached, nothing stored.
VOLUNTEER_FIRST = {"schedule": "== Your mentor profile =="}

CASES = [
    (action, how, role) for action in ACTIONS for how in SCRIPTS[action] for role in CONSOLE_EMAILS
]


@pytest.mark.parametrize(
    ("action", "how", "role"), CASES, ids=[f"{a}-{h}-by-{r}" for a, h, r in CASES]
)
async def test_who_may_do_what_at_the_console(
    hw: Hallway,
    clock: ManualClock,
    world: World,
    tmp_path: Path,
    action: str,
    how: str,
    role: str,
) -> None:
    assert clock.now() == WORLD_TIME
    await prepare(hw, clock, world, action, role)
    script = SCRIPTS[action][how]
    ids = vars(world)
    answers = {label: text.format(**ids) for label, text in script.answers}
    console = await console_as(hw, CONSOLE_EMAILS[role], answers, tmp_path)
    shown_before = len(console.io.output)
    before = await every_row(hw)
    for line in script.lines:
        await console.type(line.format(**ids))
    shown = "\n".join(console.io.output[shown_before:])
    touched = changed_tables(before, await every_row(hw))
    assert "Traceback" not in shown and "something went wrong" not in shown, shown
    if allowed(role, action):
        assert console.raised == [], shown
        assert "\n! " not in f"\n{shown}", shown
        assert bool(touched) == (action not in VIEWS), (touched, shown)
        return
    assert touched == [], (touched, shown)
    if action in VOLUNTEER_FIRST and role not in NOT_LINKED:
        assert VOLUNTEER_FIRST[action] in shown and "Cancelled; nothing was saved." in shown
        return
    assert console.raised, shown
    refusal = console.raised[0]
    assert type(refusal) is refused_with(role, action), (refusal, shown)
    printed = refusal.errors.values() if isinstance(refusal, InvalidInput) else [refusal.message]
    assert all(f"! {text}" in shown for text in printed), shown


def test_every_action_has_a_console_script() -> None:
    assert set(SCRIPTS) == set(ACTIONS)
    assert set(CONSOLE_EMAILS) == set(EMAILS)
