"""Building people and actors for tests, through the same paths the product uses."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from bot.app import Hallway
from bot.domain.participants import Participant, Role
from bot.interaction import Actor
from bot.ports import Registration
from bot.services.identity import identify


async def register(
    hw: Hallway,
    email: str,
    name: str | None = None,
    *roles: Role,
    registration_id: str | None = None,
) -> Participant:
    """A registered participant, as a participants import would create them."""
    row = Registration(
        email, name or email.split("@")[0].title(), registration_id, frozenset(roles)
    )
    async with hw.uow() as uow:
        await uow.participants.upsert_registrations(hw.event.id, [row])
        await uow.commit()
    async with hw.uow() as uow:
        person = await uow.participants.by_email(hw.event.id, email)
    assert person is not None
    return person


async def actor(hw: Hallway, email: str, zone: str | None = None, platform: str = "fake") -> Actor:
    """The actor a chat account with this e-mail would be (linked on first sight)."""
    found = await identify(hw, platform, f"U-{email}", name=email, email=email, zone=zone)
    return found if zone is None else Actor(**{**found.__dict__, "zone": ZoneInfo(zone)})
