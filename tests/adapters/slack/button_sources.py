"""Where each button of Hallway's command table first shows in Slack, reached the way people
reach it: a DM the dispatcher delivered, the card in the chairs' channel, a reply to a command,
the App Home. Each source returns what was shown and who sees it; a test checks that every
registered action has one."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta

from bot.services.mentoring_bookings import book_session
from bot.services.mentoring_sessions import SessionDraft, schedule_session
from tests.adapters.slack.answers import START
from tests.adapters.slack.form_cases import mentor_ready
from tests.adapters.slack.harness import SlackHarness
from tests.adapters.slack.scenes import (
    ADA,
    BOB,
    CHAIR,
    MALLORY,
    TEAM,
    TURING,
    Shown,
    card,
    confirmed,
    decide,
    fill_in,
    home_of,
    in_channel,
    in_dm,
    press,
    propose,
    replied,
    slack_actor,
)
from tests.factories import stored_social

Source = Callable[[SlackHarness], Awaitable[Shown]]
DURING = datetime(2021, 7, 19, 10, 0, tzinfo=UTC)


async def colead_ask(h: SlackHarness) -> Shown:
    await propose(h)
    await h.deliver()
    return in_dm(h, BOB, "You are named as co-lead")


async def review_card(h: SlackHarness) -> Shown:
    return card(h, (await confirmed(h)).id)


async def decided_card(h: SlackHarness) -> Shown:
    proposed = await confirmed(h)
    await decide(h, proposed.id, "approve", release_now=False)
    return card(h, proposed.id)


async def suggestion_dm(h: SlackHarness) -> Shown:
    proposed = await confirmed(h)
    opened = await press(h, card(h, proposed.id), "social.suggest")
    later = {"slot1": START + timedelta(hours=1), "slot2": None, "slot3": None}
    await fill_in(h, opened, CHAIR, "social.suggest", message="An hour later?", **later)
    await h.deliver()
    return in_dm(h, ADA, "The chairs suggest a change")


async def my_socials(h: SlackHarness) -> Shown:
    await confirmed(h)
    return replied(await h.command("/social", "mine", ADA), ADA)


async def public_social(h: SlackHarness) -> None:
    """A released social led by Ada and Bob, on the programme."""
    leads = [(await slack_actor(h, user)).participant for user in (ADA, BOB)]
    ids = [lead.id for lead in leads if lead is not None]
    await stored_social(h.hw, "Public social", ids, [START], released=True)


async def listing(h: SlackHarness) -> Shown:
    await public_social(h)
    return replied(await h.command("/social", "list", MALLORY), MALLORY)


async def listing_after_rsvp(h: SlackHarness) -> Shown:
    await press(h, await listing(h), "social.rsvp")
    return replied(await h.command("/social", "list", MALLORY), MALLORY)


async def a_session(h: SlackHarness, start: datetime = START) -> int:
    await mentor_ready(h)
    turing = await slack_actor(h, TURING)
    return (await schedule_session(h.hw, turing, SessionDraft(start, 2, ["careers"]))).id


async def mentoring_listing(h: SlackHarness) -> Shown:
    await a_session(h)
    return replied(await h.command("/mentoring", "", ADA), ADA)


async def my_bookings(h: SlackHarness) -> Shown:
    session_id = await a_session(h)
    await book_session(h.hw, await slack_actor(h, ADA), session_id, "")
    return replied(await h.command("/mentoring", "mine", ADA), ADA)


async def hosted(h: SlackHarness) -> Shown:
    await a_session(h)
    return replied(await h.command("/mentoring", "mine", TURING), TURING)


async def adhoc_now(h: SlackHarness) -> None:
    await mentor_ready(h)
    h.hw.clock.set(DURING)  # type: ignore[attr-defined]
    await h.command("/mentor", "now 30 careers", TURING)
    await h.deliver()


async def adhoc_announcement(h: SlackHarness) -> Shown:
    await adhoc_now(h)
    return in_channel(h, "mentoring", "Mentoring now", ADA)


async def hosted_running(h: SlackHarness) -> Shown:
    await adhoc_now(h)
    return replied(await h.command("/mentoring", "mine", TURING), TURING)


async def policy(h: SlackHarness) -> Shown:
    return replied(await h.command("/conduct", "policy", ADA), ADA)


async def a_report(h: SlackHarness) -> None:
    opened = await h.command("/conduct", "", ADA)
    await fill_in(h, opened, ADA, "conduct.report", anonymous="no")
    await h.deliver()


async def team_card(h: SlackHarness) -> Shown:
    await a_report(h)
    return in_channel(h, "conduct-team", "Code-of-conduct report", TEAM)


async def report_list(h: SlackHarness) -> Shown:
    await a_report(h)
    return replied(await h.command("/conduct", "list", TEAM), TEAM)


async def chairs_home(h: SlackHarness) -> Shown:
    home = {"type": "app_home_opened", "user": CHAIR, "tab": "home"}
    await h.send.event(home, f"Ev{CHAIR}")
    await h.fake.wait_for("views.publish")
    await h.settled()
    return home_of(h, CHAIR)


SOURCES: dict[str, Source] = {
    "social.confirm_lead": colead_ask,
    "social.decline_lead": colead_ask,
    "conduct.policy": colead_ask,
    "social.approve": review_card,
    "social.reject": review_card,
    "social.suggest": review_card,
    "social.combine": review_card,
    "social.comment": review_card,
    "social.release": decided_card,
    "social.accept_suggestion": suggestion_dm,
    "social.decline_suggestion": suggestion_dm,
    "social.edit": my_socials,
    "social.rsvp": listing,
    "social.cancel_rsvp": listing_after_rsvp,
    "mentoring.book": mentoring_listing,
    "mentoring.cancel_booking": my_bookings,
    "mentoring.join": adhoc_announcement,
    "mentor.edit": hosted,
    "mentor.end": hosted_running,
    "conduct.report": policy,
    "conduct.show": report_list,
    "conduct.handle": team_card,
    "social.balance": chairs_home,
}
