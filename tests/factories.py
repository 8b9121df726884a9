"""Building people and actors for tests, through the same paths the product uses."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.app import Hallway
from bot.domain.participants import Participant, Role
from bot.domain.socials import Category, Consent, Decision, Social, SocialLead, SocialSlot
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


async def stored_social(
    hw: Hallway,
    title: str,
    lead_ids: list[int],
    starts: list[datetime],
    *,
    category: Category = Category.RESEARCH,
    accepted: bool = False,
    released: bool = False,
    capacity: int | None = None,
    tags: list[str] | None = None,
) -> Social:
    """A social written straight to storage (all leads confirmed), for tests of what comes
    after submission: the programme, RSVPs, the balance view."""
    social = Social(
        event_id=hw.event.id,
        title=title,
        description=f"About {title}",
        category=category,
        duration_minutes=hw.event.socials.duration_minutes,
        submitted_by=lead_ids[0],
        submitted_at=hw.now(),
        tags=list(tags or []),
        capacity=capacity,
        conduct_acknowledged=True,
        leads=[
            SocialLead(pid, Consent.CONFIRMED, is_submitter=index == 0)
            for index, pid in enumerate(lead_ids)
        ],
        slots=[SocialSlot(start, position) for position, start in enumerate(starts)],
        decision=Decision.ACCEPTED if accepted or released else None,
        released_at=hw.now() if released else None,
    )
    async with hw.uow() as uow:
        uow.socials.add(social)
        await uow.commit()
    return social
