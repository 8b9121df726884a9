"""Who may do what to a social proposal, as one table: (person) × (action).

A refused action raises `NotAllowed` (`NotRegistered` for someone unregistered) and changes
nothing at all: no proposal, audit entry, message or scheduled work.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from bot.app import Hallway
from bot.domain.participants import Role
from bot.domain.socials import Decision, Suggestion
from bot.errors import NotAllowed
from bot.interaction import Actor
from bot.services import social_combine, social_consent, social_release, social_review, socials
from storage.tables import audit_log, outbox, work
from tests.factories import actor, register
from tests.social_cast import LATER, START, draft

PERSONAS = ("unregistered", "participant", "lead", "colead_pending", "colead_confirmed", "chair")
LEADS = {"lead", "colead_confirmed"}
CHAIR = {"chair"}
ALLOWED: dict[str, set[str]] = {
    "submit": set(PERSONAS) - {"unregistered"},
    "edit": LEADS,
    "withdraw": LEADS,
    "confirm": {"colead_pending"},
    "decline": {"colead_pending"},
    "accept_suggestion": LEADS,
    "decline_suggestion": LEADS,
    "approve": CHAIR,
    "reject": CHAIR,
    "suggest": CHAIR,
    "combine": CHAIR,
    "comment": CHAIR,
    "release": CHAIR,
    "queue": CHAIR,
}
OTHER_TIME = START + timedelta(days=2)
EMAILS = {
    "participant": "carl@example.org",
    "lead": "ada@example.org",
    "colead_pending": "pat@example.org",
    "colead_confirmed": "bob@example.org",
    "chair": "chair@example.org",
}


@dataclass
class World:
    actors: dict[str, Actor]
    social: int  # led by Ada and Bob (and Pat, still asked, when that persona acts)
    other: int  # another proposal, ready for review, for a combination
    lead_emails: list[str]
    suggestion: int = 0


async def build_world(hw: Hallway, *, with_pending: bool) -> World:
    for email in (*EMAILS.values(), "dana@example.org", "erin@example.org"):
        roles = (Role.CHAIR,) if email.startswith("chair") else ()
        await register(hw, email, email.split("@")[0].title(), *roles)
    actors = {persona: await actor(hw, email) for persona, email in EMAILS.items()}
    actors["unregistered"] = await actor(hw, "stranger@example.org")
    lead_emails = ["ada@example.org", "bob@example.org"]
    if with_pending:
        lead_emails.append("pat@example.org")
    social = await socials.submit_social(hw, actors["lead"], draft(tuple(lead_emails[1:])))
    await social_consent.confirm_colead(hw, actors["colead_confirmed"], social.id)
    dana, erin = await actor(hw, "dana@example.org"), await actor(hw, "erin@example.org")
    other = await socials.submit_social(
        hw, dana, draft(("erin@example.org",), (OTHER_TIME,), title="Other")
    )
    await social_consent.confirm_colead(hw, erin, other.id)
    return World(actors, social.id, other.id, lead_emails)


async def with_suggestion(hw: Hallway, world: World) -> None:
    chair = world.actors["chair"].participant
    assert chair is not None
    async with hw.uow() as uow:
        social = await uow.socials.get(world.social)
        assert social is not None
        social.suggestions.append(Suggestion(chair.id, "Later?", [LATER], hw.now()))
        await uow.commit()
    world.suggestion = social.suggestions[-1].id


async def with_decision(hw: Hallway, world: World) -> None:
    async with hw.uow() as uow:
        social = await uow.socials.get(world.social)
        assert social is not None
        social.decision = Decision.ACCEPTED
        await uow.commit()


Call = Callable[[Hallway, Actor, World], Awaitable[Any]]


def _edit(hw: Hallway, who: Actor, world: World) -> Awaitable[Any]:
    mine = who.participant.email if who.participant else ""
    others = tuple(email for email in world.lead_emails if email != mine)
    return socials.edit_social(hw, who, world.social, draft(others, title="Edited"))


CALLS: dict[str, Call] = {
    "submit": lambda hw, who, w: socials.submit_social(
        hw, who, draft(("dana@example.org",), (START + timedelta(days=4),), title="New")
    ),
    "edit": _edit,
    "withdraw": lambda hw, who, w: socials.withdraw_social(hw, who, w.social),
    "confirm": lambda hw, who, w: social_consent.confirm_colead(hw, who, w.social),
    "decline": lambda hw, who, w: social_consent.decline_colead(hw, who, w.social),
    "accept_suggestion": lambda hw, who, w: social_consent.answer_suggestion(
        hw, who, w.social, w.suggestion, accept=True
    ),
    "decline_suggestion": lambda hw, who, w: social_consent.answer_suggestion(
        hw, who, w.social, w.suggestion, accept=False
    ),
    "approve": lambda hw, who, w: social_review.approve_social(hw, who, w.social),
    "reject": lambda hw, who, w: social_review.reject_social(hw, who, w.social, "No room"),
    "suggest": lambda hw, who, w: social_review.suggest_change(hw, who, w.social, {}, "Later?"),
    "combine": lambda hw, who, w: social_combine.combine_socials(
        hw, who, w.social, w.other, "Both", "Together", {"slot1": START + timedelta(days=3)}
    ),
    "comment": lambda hw, who, w: social_review.comment_on_social(hw, who, w.social, "Hmm"),
    "release": lambda hw, who, w: social_release.release_decisions(hw, who, w.social),
    "queue": lambda hw, who, w: social_review.review_queue(hw, who),
}
PREPARE: dict[str, Callable[[Hallway, World], Awaitable[None]]] = {
    "accept_suggestion": with_suggestion,
    "decline_suggestion": with_suggestion,
    "release": with_decision,
}


async def everything(hw: Hallway) -> tuple[Any, ...]:
    """All a refused action might have touched."""
    async with hw.uow() as uow:
        proposals = [
            (
                s.id,
                s.title,
                s.state,
                s.decision,
                s.released_at,
                s.combined_into,
                [(lead.participant_id, lead.consent) for lead in s.leads],
                [slot.start for slot in s.slots],
                [item.accepted for item in s.suggestions],
            )
            for s in await uow.socials.for_event(hw.event.id)
        ]
        session = uow.session  # type: ignore[attr-defined]
        counts = [
            await session.scalar(select(func.count()).select_from(table))
            for table in (audit_log, outbox, work)
        ]
    return (proposals, counts)


@pytest.mark.parametrize(
    ("action", "persona"),
    [(action, persona) for action in ALLOWED for persona in PERSONAS],
    ids=[f"{action}-by-{persona}" for action in ALLOWED for persona in PERSONAS],
)
async def test_who_may_do_what(hw: Hallway, action: str, persona: str) -> None:
    world = await build_world(hw, with_pending=persona == "colead_pending")
    if action in PREPARE:
        await PREPARE[action](hw, world)
    who = world.actors[persona]
    before = await everything(hw)
    if persona in ALLOWED[action]:
        await CALLS[action](hw, who, world)
        if action != "queue":
            assert await everything(hw) != before
        return
    with pytest.raises(NotAllowed):
        await CALLS[action](hw, who, world)
    assert await everything(hw) == before


def test_the_table_covers_every_action_and_every_person() -> None:
    assert set(CALLS) == set(ALLOWED)
    assert all(allowed <= set(PERSONAS) for allowed in ALLOWED.values())
