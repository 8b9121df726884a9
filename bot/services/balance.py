"""The programme's balance, for the social chairs only (DESIGN §1, "Review")."""

from __future__ import annotations

from bot.app import Hallway
from bot.domain.balance import Balance, balance
from bot.domain.participants import Role
from bot.interaction import Actor


async def programme_balance(hw: Hallway, actor: Actor) -> Balance:
    """Every standing proposal (accepted or still under review): busy hours, clashes within a
    category, regions reached and the best times for another slot, and the coverage of the
    accepted programme."""
    actor.require_role(Role.CHAIR, hw.event.name, "see the programme's balance")
    async with hw.uow() as uow:
        proposals = await uow.programme.standing_proposals(hw.event.id)
    return balance(proposals, hw.event.window)
