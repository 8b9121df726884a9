"""Where each registered button shows up for real (a delivered message, a listing, a card) and
what pressing it answers; the tests press every one from this table through the real client.
An action registered in the core without a way here fails `test_every_action_has_a_way_in`."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.domain.conduct import ConductDraft
from bot.domain.participants import Role
from bot.domain.social_rules import SocialDraft
from bot.domain.socials import Category
from bot.services.conduct import report_conduct
from bot.services.mentoring_bookings import book_session
from bot.services.mentoring_sessions import SessionDraft, schedule_session, start_adhoc_session
from bot.services.social_consent import confirm_colead
from bot.services.social_review import approve_social, suggest_change
from bot.services.socials import submit_social
from tests.adapters.discord.fake_discord import Call
from tests.adapters.discord.form_routes import SLOT, actor_of, mentor
from tests.adapters.discord.world import Member, World, buttons_of
from tests.factories import stored_social

DURING = datetime(2021, 7, 19, 10, tzinfo=UTC)
Posted = Call | dict[str, Any]
Finder = Callable[[World], Awaitable[tuple[Member, Posted]]]


@dataclass(frozen=True)
class Press:
    find: Finder  # who sees the button, and the message it is on
    answer: str  # in what pressing it answers


async def submitted(world: World) -> tuple[Member, Member, int]:
    """Ada's proposal naming Bob, delivered: Bob has the ask in his direct messages."""
    ada, bob = await world.member("Ada"), await world.member("Bob")
    draft = SocialDraft(
        "Board games",
        "Bring a game.",
        Category.GATHERING,
        {"slot1": SLOT},
        120,
        (bob.id,),
        conduct_acknowledged=True,
    )
    social = await submit_social(world.hw, await actor_of(world, ada), draft)
    await world.deliver()
    return ada, bob, social.id


async def bobs_ask(world: World) -> tuple[Member, Posted]:
    _ada, bob, _id = await submitted(world)
    return bob, world.dms(bob)[-1]


async def card(world: World, *, decided: bool = False) -> tuple[Member, Posted]:
    """The chairs' card of a confirmed proposal (approved, not released, if `decided`)."""
    _ada, bob, social_id = await submitted(world)
    await confirm_colead(world.hw, await actor_of(world, bob), social_id)
    await stored_social(world.hw, "Chess club", [_ada.person.id, bob.person.id], [SLOT])
    carol = await world.member("Carol", Role.CHAIR)
    if decided:
        await approve_social(world.hw, await actor_of(world, carol), social_id)
    await world.deliver()
    return carol, world.posts("socials-chairs")[0]


async def decided_card(world: World) -> tuple[Member, Posted]:
    return await card(world, decided=True)


async def suggestion(world: World) -> tuple[Member, Posted]:
    carol, _card = await card(world)
    async with world.hw.uow() as uow:
        [social] = [
            s for s in await uow.socials.for_event(world.hw.event.id) if s.title == "Board games"
        ]
    later = {"slot1": SLOT + timedelta(days=1)}
    await suggest_change(world.hw, await actor_of(world, carol), social.id, later, "Tuesday?")
    await world.deliver()
    ada = await world.member_named("Ada")
    return ada, world.dms(ada)[-1]


async def my_proposals(world: World) -> tuple[Member, Posted]:
    ada, _bob, _id = await submitted(world)
    return ada, await world.slash(ada, "social", "mine")


async def programme(world: World) -> tuple[Member, Posted]:
    ada, bob, eve = await world.member("Ada"), await world.member("Bob"), await world.member("Eve")
    await stored_social(
        world.hw, "Board games", [ada.person.id, bob.person.id], [SLOT], released=True
    )
    return eve, await world.slash(eve, "social", "list")


async def my_rsvps(world: World) -> tuple[Member, Posted]:
    eve, listing = await programme(world)
    rsvp = next(item for item in buttons_of(listing) if item.startswith("social.rsvp:"))
    await world.press(eve, listing, rsvp)
    return eve, await world.slash(eve, "programme", "mine")


async def browse(world: World) -> tuple[Member, Posted]:
    alan = await mentor(world)
    draft = SessionDraft(SLOT, 2, ["careers"], None, "", None)
    await schedule_session(world.hw, await actor_of(world, alan), draft)
    ben = await world.member("Ben")
    return ben, await world.slash(ben, "mentoring", "browse")


async def adhoc_announcement(world: World) -> tuple[Member, Posted]:
    world.clock.set(DURING)
    alan = await mentor(world)
    await start_adhoc_session(world.hw, await actor_of(world, alan), 30, "careers")
    await world.deliver()
    ben = await world.member("Ben")
    return ben, world.posts("mentoring")[-1]


async def my_booking(world: World) -> tuple[Member, Posted]:
    ben, listing = await browse(world)
    session_id = int(
        next(i for i in buttons_of(listing) if i.startswith("mentoring.book:")).split(":")[1]
    )
    await book_session(world.hw, await actor_of(world, ben), session_id, "")
    return ben, await world.slash(ben, "mentoring", "mine")


async def my_sessions(world: World, *, running: bool = False) -> tuple[Member, Posted]:
    alan = await mentor(world)
    if running:
        world.clock.set(DURING)
        await start_adhoc_session(world.hw, await actor_of(world, alan), 30, "careers")
    else:
        draft = SessionDraft(SLOT, 2, ["careers"], None, "", None)
        await schedule_session(world.hw, await actor_of(world, alan), draft)
    return alan, await world.slash(alan, "mentoring", "mine")


async def running_session(world: World) -> tuple[Member, Posted]:
    return await my_sessions(world, running=True)


async def policy(world: World) -> tuple[Member, Posted]:
    eve = await world.member("Eve")
    return eve, await world.slash(eve, "conduct", "policy")


async def reports(world: World) -> tuple[Member, Posted]:
    eve = await world.member("Eve")
    await report_conduct(world.hw, await actor_of(world, eve), ConductDraft("general", "Rude."))
    tess = await world.member("Tess", Role.CONDUCT)
    return tess, await world.slash(tess, "conduct", "list")


PRESSES: dict[str, Press] = {
    "social.confirm_lead": Press(bobs_ask, "You are now a lead"),
    "social.decline_lead": Press(bobs_ask, "You will not be named"),
    "conduct.policy": Press(bobs_ask, "Code of conduct"),
    "social.edit": Press(my_proposals, "Edit your social"),
    "social.approve": Press(card, "Approve a social"),
    "social.reject": Press(card, "Reject a social"),
    "social.suggest": Press(card, "Suggest a change"),
    "social.combine": Press(card, "Combine two proposals"),
    "social.comment": Press(card, "Comment"),
    "social.release": Press(decided_card, "Decision released"),
    "social.accept_suggestion": Press(suggestion, "Suggestion accepted"),
    "social.decline_suggestion": Press(suggestion, "Suggestion declined"),
    "social.rsvp": Press(programme, "Board games"),
    "social.cancel_rsvp": Press(my_rsvps, "Board games"),
    "mentoring.book": Press(browse, "Book a mentoring session"),
    "mentoring.join": Press(adhoc_announcement, "seat"),
    "mentoring.cancel_booking": Press(my_booking, "cancel"),
    "mentor.edit": Press(my_sessions, "A mentoring session"),
    "mentor.end": Press(running_session, "Session ended"),
    "conduct.report": Press(policy, "Report to the code-of-conduct team"),
    "conduct.show": Press(reports, "Rude."),
    "conduct.handle": Press(reports, "Mark the report handled"),
}
