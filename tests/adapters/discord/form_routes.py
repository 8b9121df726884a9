"""How each registered form is reached in Discord (a command or a button, by whom, after what)
and what a valid filling is; the tests run every form through the real client from this table.
A form registered in the core without a way here fails `test_every_registered_form_has_a_way_in`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from bot.domain.conduct import ConductDraft
from bot.domain.mentoring import Sector
from bot.domain.participants import Role
from bot.interaction import Actor
from bot.services.conduct import report_conduct
from bot.services.identity import identify
from bot.services.mentoring_profiles import ProfileDraft, save_mentor_profile
from bot.services.mentoring_sessions import SessionDraft, schedule_session
from tests.adapters.discord.fake_discord import Call
from tests.adapters.discord.world import Member, World
from tests.factories import stored_social

SLOT = datetime(2021, 7, 19, 16, tzinfo=UTC)
PROFILE = {
    "affiliation": "University of Manchester",
    "sector": ["academic"],
    "topics": "careers, theory",
    "bio": "Thinks about thinking machines.",
}
Opener = Callable[[World], Awaitable[tuple[Member, Call]]]


@dataclass(frozen=True)
class Way:
    open: Opener
    pages: tuple[dict[str, Any], ...]  # typed over what the modal shows, page by page
    done: str  # in the answer to a valid submission


async def actor_of(world: World, who: Member) -> Actor:
    return await identify(world.hw, "discord", who.id, name=who.user.name)


async def proposal(world: World, title: str = "Board games") -> tuple[Member, int]:
    """A proposal led by Ada and Bob (both confirmed), waiting for the chairs."""
    ada = await world.member("Ada" if title == "Board games" else f"Ada{len(title)}")
    bob = await world.member("Bob" if title == "Board games" else f"Bob{len(title)}")
    social = await stored_social(world.hw, title, [ada.person.id, bob.person.id], [SLOT])
    return ada, social.id


def chairs_button(action: str) -> Opener:
    async def opened(world: World) -> tuple[Member, Call]:
        _ada, social_id = await proposal(world)
        await proposal(world, "Chess club")
        carol = await world.member("Carol", Role.CHAIR)
        return carol, await world.press_new(carol, f"{action}:{social_id}")

    return opened


async def submit(world: World) -> tuple[Member, Call]:
    ada = await world.member("Ada")
    await world.member("Bob")
    return ada, await world.slash(ada, "social", "submit")


async def edit(world: World) -> tuple[Member, Call]:
    ada, social_id = await proposal(world)
    return ada, await world.slash(ada, "social", "edit", id=str(social_id))


async def profile(world: World) -> tuple[Member, Call]:
    alan = await world.member("Alan")
    return alan, await world.slash(alan, "mentor", "profile")


async def mentor(world: World) -> Member:
    alan = await world.member("Alan")
    draft = ProfileDraft("Manchester", Sector.ACADEMIC, ["careers"], "Thinks.")
    await save_mentor_profile(world.hw, await actor_of(world, alan), draft)
    return alan


async def session(world: World) -> tuple[Member, Call]:
    alan = await mentor(world)
    return alan, await world.slash(alan, "mentor", "schedule")


async def book(world: World) -> tuple[Member, Call]:
    alan = await mentor(world)
    draft = SessionDraft(SLOT, 2, ["careers"], None, "", None)
    offered = await schedule_session(world.hw, await actor_of(world, alan), draft)
    ben = await world.member("Ben")
    return ben, await world.press_new(ben, f"mentoring.book:{offered.id}")


async def report(world: World) -> tuple[Member, Call]:
    eve = await world.member("Eve")
    return eve, await world.slash(eve, "conduct", "report")


async def handle(world: World) -> tuple[Member, Call]:
    eve = await world.member("Eve")
    filed = await report_conduct(
        world.hw, await actor_of(world, eve), ConductDraft("general", "It happened.")
    )
    tess = await world.member("Tess", Role.CONDUCT)
    return tess, await world.press_new(tess, f"conduct.handle:{filed.id}")


async def bob_id(world: World) -> str:
    async with world.hw.uow() as uow:
        bob = await uow.participants.by_email(world.hw.event.id, "bob@example.org")
        assert bob is not None
        account = await uow.accounts.for_participant(bob.id, "discord")
    assert account is not None
    return account.user_id


SUBMIT_PAGES = (
    {
        "title": "Board games",
        "description": "Bring a game.",
        "category": ["gathering"],
        "tags": "games",
        "coleads": "<bob>",
    },
    {"slot1": "2021-07-19 18:00"},
    {"conduct": True},
)

WAYS: dict[str, Way] = {
    "social.submit": Way(submit, SUBMIT_PAGES, "Social proposal saved"),
    "social.edit": Way(edit, ({"title": "Board games night"}, {}, {}), "Social proposal saved"),
    "social.approve": Way(chairs_button("social.approve"), ({},), "Proposal approved"),
    "social.reject": Way(
        chairs_button("social.reject"), ({"message": "Full programme."},), "Proposal rejected"
    ),
    "social.comment": Way(
        chairs_button("social.comment"), ({"comment": "Nice one."},), "Comment added"
    ),
    "social.suggest": Way(
        chairs_button("social.suggest"), ({"slot1": "2021-07-20 18:00"},), "Suggestion sent"
    ),
    "social.combine": Way(
        chairs_button("social.combine"), ({"other": "<other>"}, {}), "Combination proposed"
    ),
    "mentor.profile": Way(profile, (PROFILE,), "Mentor profile saved"),
    "mentor.session": Way(session, ({"start": "2021-07-19 17:00", "capacity": "2"}, {}), "Session"),
    "mentoring.book": Way(book, ({"note": "My first paper."},), "booked"),
    "conduct.report": Way(
        report,
        ({"about_kind": ["general"], "description": "Someone was rude.", "anonymous": ["no"]},),
        "received",
    ),
    "conduct.handle": Way(handle, ({"note": "Spoke with them."},), "marked handled"),
}


async def typed(world: World, page: dict[str, Any]) -> dict[str, Any]:
    """Placeholders filled in: <bob> is Bob's Discord id, <other> the second proposal."""
    filled = dict(page)
    if filled.get("coleads") == "<bob>":
        filled["coleads"] = [await bob_id(world)]
    if filled.get("other") == "<other>":
        async with world.hw.uow() as uow:
            socials = await uow.socials.for_event(world.hw.event.id)
        filled["other"] = str(max(social.id for social in socials))
    return filled
