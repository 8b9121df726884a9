"""The authorization matrix at the core: every action × every role, by calling the services.

The expected outcome of each case comes from `policy.ALLOWED`: an allowed action succeeds (and,
unless it is a view, leaves a trace); a refused one raises the error `policy.refused_with` names
and changes no row of any table."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

import pytest

from bot.app import Hallway
from bot.clock import ManualClock
from bot.domain.conduct import ConductDraft
from bot.domain.mentoring import Sector
from bot.domain.programme import Selection
from bot.interaction import Actor
from bot.services import (
    calendars,
    conduct,
    deliveries,
    exports,
    heatmap,
    identity,
    mentoring_bookings,
    mentoring_browse,
    mentoring_profiles,
    mentoring_sessions,
    programme,
    rsvps,
    social_combine,
    social_consent,
    social_release,
    social_review,
    socials,
    stats,
)
from bot.services.balance import programme_balance
from tests.hardening.authz.policy import ACTIONS, ROLES, VIEWS, allowed, cases, refused_with
from tests.hardening.authz.snapshot import changed_tables, every_row
from tests.hardening.authz.world import (
    COMBINED_SLOT,
    EMAILS,
    NEW_SLOT,
    RELEASE_AT,
    SESSION_START,
    WORLD_TIME,
    World,
    prepare,
)
from tests.social_cast import draft

Call = Callable[[Hallway, Actor, World], Awaitable[Any]]


def _edit(hw: Hallway, who: Actor, w: World) -> Awaitable[Any]:
    mine = who.participant.email if who.participant else ""
    others = tuple(email for email in ("ada@example.org", "bob@example.org") if email != mine)
    return socials.edit_social(hw, who, w.social, draft(others, title="Edited"))


def _report(anonymous: bool) -> Call:
    def call(hw: Hallway, who: Actor, w: World) -> Awaitable[Any]:
        text = ConductDraft("general", "A speaker was rude.", anonymous=anonymous)
        return conduct.report_conduct(hw, who, text)

    return call


PROFILE = mentoring_profiles.ProfileDraft("Lab", Sector.INDUSTRY, ["ml"], "Ask me.")
LATER_SESSION = mentoring_sessions.SessionDraft(SESSION_START + timedelta(days=1), 3, ["ml"])
SAME_TIME_FEWER_SEATS = mentoring_sessions.SessionDraft(SESSION_START, 4, ["careers"])

CALLS: dict[str, Call] = {
    # socials, for leads
    "submit": lambda hw, who, w: socials.submit_social(
        hw, who, draft(("dana@example.org",), (NEW_SLOT,), title="New")
    ),
    "edit": _edit,
    "withdraw": lambda hw, who, w: socials.withdraw_social(hw, who, w.social),
    "my_socials": lambda hw, who, w: socials.my_proposals(hw, who),
    "confirm_colead": lambda hw, who, w: social_consent.confirm_colead(hw, who, w.asked),
    "decline_colead": lambda hw, who, w: social_consent.decline_colead(hw, who, w.asked),
    "accept_suggestion": lambda hw, who, w: social_consent.answer_suggestion(
        hw, who, w.social, w.suggestion, accept=True
    ),
    "decline_suggestion": lambda hw, who, w: social_consent.answer_suggestion(
        hw, who, w.social, w.suggestion, accept=False
    ),
    # the review
    "review_queue": lambda hw, who, w: social_review.review_queue(hw, who),
    "approve": lambda hw, who, w: social_review.approve_social(hw, who, w.social),
    "reject": lambda hw, who, w: social_review.reject_social(hw, who, w.social, "No room"),
    "suggest": lambda hw, who, w: social_review.suggest_change(hw, who, w.social, {}, "Later?"),
    "combine": lambda hw, who, w: social_combine.combine_socials(
        hw, who, w.social, w.other, "Both", "Together", {"slot1": COMBINED_SLOT}
    ),
    "comment": lambda hw, who, w: social_review.comment_on_social(hw, who, w.social, "Hmm"),
    "release": lambda hw, who, w: social_release.release_decisions(hw, who, w.social),
    "schedule_release": lambda hw, who, w: social_release.schedule_release(hw, who, RELEASE_AT),
    # the programme
    "browse_programme": lambda hw, who, w: programme.browse_programme(hw, who, Selection()),
    "rsvp": lambda hw, who, w: rsvps.rsvp_slot(hw, who, w.slot),
    "cancel_rsvp": lambda hw, who, w: rsvps.cancel_rsvp(hw, who, w.slot),
    "my_calendar": lambda hw, who, w: calendars.my_calendar(hw, who),
    "renew_calendar_link": lambda hw, who, w: calendars.renew_calendar_link(hw, who),
    "set_timezone": lambda hw, who, w: identity.set_timezone(hw, who, "Asia/Tokyo"),
    # the chairs' views and reports
    "balance": lambda hw, who, w: programme_balance(hw, who),
    "heatmap": lambda hw, who, w: heatmap.chairs_heatmap(hw, who),
    "statistics": lambda hw, who, w: stats.chairs_statistics(hw, who),
    "export_csv": lambda hw, who, w: exports.chairs_export(hw, who, "csv"),
    "export_json": lambda hw, who, w: exports.chairs_export(hw, who, "json"),
    "deliveries": lambda hw, who, w: deliveries.recent_fanouts(hw, who),
    # mentoring
    "browse_mentoring": lambda hw, who, w: mentoring_browse.browse_sessions(
        hw, who, mentoring_browse.BrowseFilter()
    ),
    "mentor_profile": lambda hw, who, w: mentoring_profiles.save_mentor_profile(hw, who, PROFILE),
    "schedule": lambda hw, who, w: mentoring_sessions.schedule_session(hw, who, LATER_SESSION),
    "edit_session": lambda hw, who, w: mentoring_sessions.edit_session(
        hw, who, w.session, SAME_TIME_FEWER_SEATS
    ),
    "cancel_session": lambda hw, who, w: mentoring_sessions.cancel_session(hw, who, w.session),
    "book": lambda hw, who, w: mentoring_bookings.book_session(hw, who, w.session, "Hi"),
    "cancel_booking": lambda hw, who, w: mentoring_bookings.cancel_booking(hw, who, w.session),
    "adhoc_start": lambda hw, who, w: mentoring_sessions.start_adhoc_session(hw, who, 30, "ml"),
    "adhoc_end": lambda hw, who, w: mentoring_sessions.end_session_early(hw, who, w.adhoc),
    "suspend_mentor": lambda hw, who, w: mentoring_profiles.suspend_mentor(
        hw, who, EMAILS["mentor"]
    ),
    "reinstate_mentor": lambda hw, who, w: mentoring_profiles.reinstate_mentor(
        hw, who, EMAILS["mentor"]
    ),
    # the code of conduct
    "report_named": _report(anonymous=False),
    "report_anonymous": _report(anonymous=True),
    "conduct_list": lambda hw, who, w: conduct.list_reports(hw, who, "all"),
    "conduct_show": lambda hw, who, w: conduct.show_report(hw, who, w.report),
    "conduct_handle": lambda hw, who, w: conduct.mark_handled(hw, who, w.report, "Spoke to them"),
}


@pytest.mark.parametrize(
    ("action", "role"), cases(), ids=[f"{action}-by-{role}" for action, role in cases()]
)
async def test_who_may_do_what(
    hw: Hallway, clock: ManualClock, world: World, action: str, role: str
) -> None:
    assert clock.now() == WORLD_TIME  # the world was built at this time
    await prepare(hw, clock, world, action, role)
    before = await every_row(hw)
    if allowed(role, action):
        await CALLS[action](hw, world.person(role), world)
        touched = changed_tables(before, await every_row(hw))
        assert bool(touched) == (action not in VIEWS), touched
        return
    expected = refused_with(role, action)
    with pytest.raises(expected) as refused:
        await CALLS[action](hw, world.person(role), world)
    assert type(refused.value) is expected, refused.value
    assert changed_tables(before, await every_row(hw)) == []


def test_the_table_names_every_action_and_role() -> None:
    assert set(CALLS) == set(ACTIONS)
    assert len(ROLES) == 9
