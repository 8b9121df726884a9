"""Who is this chat account? Linking accounts to registrations, and choosing a time zone."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from bot.app import Hallway
from bot.domain.participants import Account, Participant, normalise_email
from bot.errors import HallwayError, NotAllowed
from bot.interaction import Actor
from bot.ports import UnitOfWork
from bot.timerules import zone_named


async def identify(
    hw: Hallway,
    platform: str,
    user_id: str,
    *,
    name: str = "",
    email: str | None = None,
    zone: str | None = None,
) -> Actor:
    """The actor behind a chat account. An account whose platform gives its e-mail (Slack, the
    console) is linked on first sight; nothing is stored for someone who is not registered."""
    async with hw.uow() as uow:
        person = await uow.participants.by_account(hw.event.id, platform, user_id)
        changed = False
        if person is None and email:
            person = await _link_by_email(uow, hw.event.id, platform, user_id, email)
            changed = person is not None
        if person is not None and zone and person.zone != zone and _is_zone(zone):
            person.zone, changed = zone, True
        # Every interaction passes here: commit only when something was learnt.
        if changed:
            await uow.commit()
    chosen = zone or (person.zone if person else None)
    return Actor(
        platform=platform,
        user_id=user_id,
        name=name or (person.name if person else user_id),
        participant=person,
        zone=ZoneInfo(chosen) if chosen and _is_zone(chosen) else None,
    )


async def _link_by_email(
    uow: UnitOfWork, event_id: int, platform: str, user_id: str, email: str
) -> Participant | None:
    person = await uow.participants.by_email(event_id, normalise_email(email))
    if person is None:
        return None
    if await uow.accounts.for_participant(person.id, platform) is not None:
        # The registration already speaks through another account here; this one stays unlinked.
        return None
    uow.accounts.add(Account(event_id, person.id, platform, user_id))
    return person


async def verify(hw: Hallway, actor: Actor, email: str, registration_id: str) -> Participant:
    """Link this account to a registration by its e-mail and registration id (Discord gives
    no e-mail, so people prove who they are with what the registration desk sent them)."""
    if actor.participant is not None:
        raise HallwayError(f"This account is already linked to {actor.participant.email}.")
    async with hw.uow() as uow:
        person = await uow.participants.by_email(hw.event.id, normalise_email(email))
        if person is None or (person.registration_id or "") != registration_id.strip():
            raise NotAllowed(
                f"No registration of {hw.event.name} matches that e-mail and registration id. "
                "Check both against your registration confirmation."
            )
        if await uow.accounts.for_participant(person.id, actor.platform) is not None:
            raise NotAllowed(
                f"That registration is already linked to another {actor.platform} account. "
                "If that was not you, tell the organisers."
            )
        uow.accounts.add(Account(hw.event.id, person.id, actor.platform, actor.user_id))
        await uow.commit()
    return person


async def set_timezone(hw: Hallway, actor: Actor, zone_name: str) -> ZoneInfo:
    """Remember the zone this person reads and types times in."""
    person = actor.registered(hw.event.name)
    zone = zone_named(zone_name)
    async with hw.uow() as uow:
        stored = await uow.participants.get(person.id)
        if stored is None:
            raise HallwayError("Your registration was removed; ask the organisers.")
        stored.zone = zone.key
        await uow.commit()
    return zone


def _is_zone(name: str) -> bool:
    try:
        zone_named(name)
    except HallwayError:
        return False
    return True
