"""Who may RSVP, cancel and see the balance: (unregistered, participant, lead, chair) × action.

Each row names what the actor gets: a result, or the error refused with; a refusal stores
nothing."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

import pytest

from bot.app import Hallway
from bot.domain.participants import Role
from bot.domain.socials import Rsvp
from bot.errors import HallwayError, NotAllowed, NotFound, NotRegistered
from bot.interaction import Actor
from bot.services.balance import programme_balance
from bot.services.rsvps import RsvpStatus, cancel_rsvp, rsvp_slot
from tests.factories import actor, register, stored_social

START = datetime(2021, 7, 19, 15, tzinfo=UTC)
EMAILS = {
    "unregistered": "stranger@example.org",
    "participant": "ada@example.org",
    "lead": "lead@example.org",
    "chair": "chair@example.org",
}
Action = Callable[[Hallway, Actor, int], Awaitable[object]]


async def rsvp(hw: Hallway, who: Actor, slot: int) -> object:
    return (await rsvp_slot(hw, who, slot)).status


async def cancel(hw: Hallway, who: Actor, slot: int) -> object:
    return (await cancel_rsvp(hw, who, slot)).was_waiting


async def balance(hw: Hallway, who: Actor, slot: int) -> object:
    return len((await programme_balance(hw, who)).reach)


CASES: list[tuple[str, str, Action, object]] = [
    ("unregistered", "rsvp", rsvp, NotRegistered),
    ("participant", "rsvp", rsvp, RsvpStatus.GOING),
    ("lead", "rsvp", rsvp, RsvpStatus.LEADING),
    ("chair", "rsvp", rsvp, RsvpStatus.GOING),
    ("unregistered", "cancel", cancel, NotRegistered),
    ("participant", "cancel", cancel, False),  # holds an RSVP: cancelled
    ("lead", "cancel", cancel, NotFound),  # leads hold no RSVP
    ("chair", "cancel", cancel, False),
    ("unregistered", "balance", balance, NotRegistered),
    ("participant", "balance", balance, NotAllowed),
    ("lead", "balance", balance, NotAllowed),
    ("chair", "balance", balance, 1),
]


@pytest.mark.parametrize(
    ("who", "action", "expected"),
    [(who, action, expected) for who, _name, action, expected in CASES],
    ids=[f"{who}-{name}" for who, name, _action, _expected in CASES],
)
async def test_who_may_do_what(hw: Hallway, who: str, action: Action, expected: object) -> None:
    await register(hw, "ada@example.org")
    await register(hw, "chair@example.org", None, Role.CHAIR)
    lead = await register(hw, "lead@example.org")
    co_lead = await register(hw, "colead@example.org")
    made = await stored_social(hw, "Tea", [lead.id, co_lead.id], [START], released=True)
    slot = made.slots[0].id
    acting = await actor(hw, EMAILS[who])
    if action is cancel and acting.participant and not made.is_lead(acting.participant.id):
        async with hw.uow() as uow:
            uow.rsvps.add(Rsvp(slot, acting.participant.id, hw.now()))
            await uow.commit()
    before = await _live(hw, slot)
    if isinstance(expected, type) and issubclass(expected, HallwayError):
        with pytest.raises(expected):
            await action(hw, acting, slot)
        assert await _live(hw, slot) == before
    else:
        assert await action(hw, acting, slot) == expected


async def _live(hw: Hallway, slot: int) -> list[int]:
    async with hw.uow() as uow:
        return [rsvp.participant_id for rsvp in await uow.rsvps.live_for_slot(slot)]
