"""Chat accounts as platforms need them: whom to mention for the people a message names."""

from __future__ import annotations

from collections.abc import Iterable

from bot.app import Hallway


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
