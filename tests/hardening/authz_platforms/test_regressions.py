"""Holes the platform matrices found in the core, each pinned by the behaviour it broke."""

from __future__ import annotations

import pytest

from bot.app import Hallway
from bot.commands import build_router
from bot.errors import NotRegistered
from tests.factories import actor


async def test_the_booking_button_refuses_an_unregistered_account_before_its_form(
    hw: Hallway,
) -> None:
    """It used to open the booking form for anyone and refuse only once the note was typed."""
    stranger = await actor(hw, "stranger@elsewhere.example")
    with pytest.raises(NotRegistered):
        await build_router().press(hw, stranger, "mentoring.book", "1")
