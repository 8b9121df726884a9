"""How each form of Hallway's command table is opened in Slack, by whom, and what a good answer
to it looks like where the form alone cannot say (the other proposal to combine with). Every
registered form has a case; a test checks that none is missing."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import timedelta

from bot.domain.mentoring import Sector
from bot.services.mentoring_profiles import ProfileDraft, save_mentor_profile
from bot.services.mentoring_sessions import SessionDraft, schedule_session
from tests.adapters.slack.answers import START, Value
from tests.adapters.slack.harness import SlackHarness, Turn
from tests.adapters.slack.scenes import (
    ADA,
    CHAIR,
    TEAM,
    TURING,
    card,
    confirmed,
    fill_in,
    in_channel,
    press,
    replied,
    slack_actor,
)

Opener = Callable[[SlackHarness], Awaitable[Turn]]


@dataclass(frozen=True)
class FormCase:
    user: str  # who opens and submits it
    open: Opener
    given: dict[str, Value] = field(default_factory=dict)  # besides `valid_values`
    saved: str = ""  # the title of the answer once saved


async def open_submit(h: SlackHarness) -> Turn:
    return await h.command("/social", "", ADA)


async def open_edit(h: SlackHarness) -> Turn:
    proposed = await confirmed(h)
    return await h.command("/social", f"edit {proposed.id}", ADA)


def on_the_card(action: str, *, second: bool = False) -> Opener:
    async def open_it(h: SlackHarness) -> Turn:
        proposed = await confirmed(h)
        if second:  # a second proposal to fold into this one, at other times
            later = {"slot1": START + timedelta(days=2), "slot2": None, "slot3": None}
            await confirmed(h, "Second reading group", **later)
        return await press(h, card(h, proposed.id), action)

    return open_it


async def open_report(h: SlackHarness) -> Turn:
    return await h.command("/conduct", "", ADA)


async def open_handle(h: SlackHarness) -> Turn:
    opened = await h.command("/conduct", "", ADA)
    await fill_in(h, opened, ADA, "conduct.report", anonymous="no")
    await h.deliver()
    report = in_channel(h, "conduct-team", "Code-of-conduct report", TEAM)
    return await press(h, report, "conduct.handle")


async def open_profile(h: SlackHarness) -> Turn:
    return await h.command("/mentor", "profile", TURING)


async def mentor_ready(h: SlackHarness) -> None:
    """Alan Turing has a mentor profile (made as the profile form would)."""
    turing = await slack_actor(h, TURING)
    draft = ProfileDraft("University of Manchester", Sector.ACADEMIC, ["careers"], "Thinks.")
    await save_mentor_profile(h.hw, turing, draft)


async def open_session(h: SlackHarness) -> Turn:
    await mentor_ready(h)
    return await h.command("/mentor", "", TURING)


async def open_booking(h: SlackHarness) -> Turn:
    await mentor_ready(h)
    turing = await slack_actor(h, TURING)
    await schedule_session(h.hw, turing, SessionDraft(START, 2, ["careers"]))
    listing = await h.command("/mentoring", "", ADA)
    return await press(h, replied(listing, ADA), "mentoring.book")


CASES: dict[str, FormCase] = {
    "social.submit": FormCase(ADA, open_submit, {"slot3": None}, "Social proposal saved"),
    "social.edit": FormCase(ADA, open_edit, {"slot3": None}, "Social proposal saved"),
    "social.approve": FormCase(CHAIR, on_the_card("social.approve"), {}, "Proposal approved"),
    "social.reject": FormCase(CHAIR, on_the_card("social.reject"), {}, "Proposal rejected"),
    "social.comment": FormCase(CHAIR, on_the_card("social.comment"), {}, "Comment added"),
    "social.suggest": FormCase(
        CHAIR,
        on_the_card("social.suggest"),
        {"slot1": START + timedelta(hours=1), "slot2": None, "slot3": None},
        "Suggestion sent",
    ),
    "social.combine": FormCase(
        CHAIR,
        on_the_card("social.combine", second=True),
        {"other": "2", "slot2": None, "slot3": None},
        "Combination proposed",
    ),
    "conduct.report": FormCase(ADA, open_report, {"anonymous": "no"}, "Report received"),
    "conduct.handle": FormCase(TEAM, open_handle, {}, "marked handled"),
    "mentor.profile": FormCase(TURING, open_profile, {}, "Mentor profile saved"),
    "mentor.session": FormCase(TURING, open_session, {"capacity": "2"}, "Session offered"),
    "mentoring.book": FormCase(ADA, open_booking, {}, "Booked"),
}
