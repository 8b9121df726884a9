"""Chat accounts as platforms need them: whom to mention for the people a message names."""

from __future__ import annotations

from collections.abc import Iterable

from bot.app import Hallway
from bot.domain.participants import normalise_email


async def platform_user_ids(
    hw: Hallway, platform: str, participant_ids: Iterable[int]
) -> dict[int, str]:
    """Participant id → user id on `platform`, for those with a linked account there."""
    wanted = sorted(set(participant_ids))
    if not wanted:
        return {}
    async with hw.uow() as uow:
        found = await uow.accounts.for_participants(wanted, platform)
    return {participant_id: account.user_id for participant_id, account in found.items()}


async def platform_user_ids_by_email(
    hw: Hallway, platform: str, emails: Iterable[str]
) -> dict[str, str]:
    """E-mail (as given) → user id on `platform`, for registrations linked to an account there:
    a form that names people by e-mail can show them as that platform's accounts."""
    found: dict[str, str] = {}
    async with hw.uow() as uow:
        for email in dict.fromkeys(emails):
            person = await uow.participants.by_email(hw.event.id, normalise_email(email))
            account = await uow.accounts.for_participant(person.id, platform) if person else None
            if account is not None:
                found[email] = account.user_id
    return found
