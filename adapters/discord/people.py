"""Which Hallway participants have a Discord account, for mentions Hallway makes on purpose."""

from __future__ import annotations

from collections.abc import Sequence

from bot.app import Hallway

PLATFORM = "discord"


async def discord_accounts(hw: Hallway, participant_ids: Sequence[int]) -> dict[int, str]:
    async with hw.uow() as uow:
        accounts = await uow.accounts.for_participants(list(participant_ids), PLATFORM)
    return {pid: account.user_id for pid, account in accounts.items()}
