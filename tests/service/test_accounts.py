"""Whom to mention: the platform accounts linked to the people a message names."""

from __future__ import annotations

from bot.app import Hallway
from bot.services.accounts import platform_user_ids
from tests.factories import actor, register


async def test_only_people_with_an_account_on_the_platform_are_found(hw: Hallway) -> None:
    ada = await register(hw, "ada@example.org")
    bob = await register(hw, "bob@example.org")
    await actor(hw, "ada@example.org", platform="slack")
    await actor(hw, "bob@example.org", platform="discord")
    assert await platform_user_ids(hw, "slack", [ada.id, bob.id]) == {ada.id: "U-ada@example.org"}
    assert await platform_user_ids(hw, "slack", []) == {}
