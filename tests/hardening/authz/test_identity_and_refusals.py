"""Regression tests for what the matrix found, and the unlinked account's way in."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.app import Hallway
from bot.errors import NotAllowed, NotFound, NotRegistered
from bot.services import mentoring_bookings, mentoring_sessions, rsvps
from bot.services.identity import identify, verify
from tests.hardening.authz.console_kit import console_as
from tests.hardening.authz.snapshot import changed_tables, every_row
from tests.hardening.authz.world import SESSION_START, UMA_REGISTRATION, World

LATER = mentoring_sessions.SessionDraft(SESSION_START.replace(day=21), 2, ["ml"])


async def test_the_same_email_in_other_capitals_is_the_same_console_account(
    hw: Hallway, world: World, tmp_path: Path
) -> None:
    await (await console_as(hw, "ada@example.org", {}, tmp_path)).type("/whoami")
    again = await console_as(hw, "ADA@Example.org", {}, tmp_path)
    await again.type(f"/social rsvp {world.slot}")
    assert "You are Ada at ICML 2021." in again.io.text
    assert again.raised == [], again.io.text


async def test_an_unlinked_console_account_is_refused_until_it_verifies(
    hw: Hallway, world: World, tmp_path: Path
) -> None:
    console = await console_as(hw, "uma.home@example.net", {}, tmp_path)
    await console.type(f"/social rsvp {world.slot}")
    assert [type(error) for error in console.raised] == [NotRegistered]
    await console.type(f"/verify uma@example.org {UMA_REGISTRATION}")
    await console.type(f"/social rsvp {world.slot}")
    assert len(console.raised) == 1, console.io.text
    assert "Welcome, Uma: this account now speaks for your registration" in console.io.text


async def test_an_unlinked_platform_account_is_refused_until_it_verifies(
    hw: Hallway, world: World
) -> None:
    unlinked = world.person("unlinked")
    with pytest.raises(NotRegistered):
        await rsvps.rsvp_slot(hw, unlinked, world.slot)
    await verify(hw, unlinked, "uma@example.org", UMA_REGISTRATION)
    linked = await identify(hw, unlinked.platform, unlinked.user_id)
    assert (await rsvps.rsvp_slot(hw, linked, world.slot)).status == rsvps.RsvpStatus.GOING


async def test_offering_a_session_without_a_mentor_profile_is_not_allowed(
    hw: Hallway, world: World
) -> None:
    before = await every_row(hw)
    with pytest.raises(NotAllowed, match="save your mentor profile"):
        await mentoring_sessions.schedule_session(hw, world.person("participant"), LATER)
    assert changed_tables(before, await every_row(hw)) == []


async def test_a_mentor_booking_their_own_session_is_not_allowed(hw: Hallway, world: World) -> None:
    with pytest.raises(NotAllowed, match="mentors cannot book their own"):
        await mentoring_bookings.book_session(hw, world.person("mentor"), world.session)


async def test_giving_back_a_seat_one_does_not_hold_is_not_found(hw: Hallway, world: World) -> None:
    with pytest.raises(NotFound, match="no booking in session"):
        await mentoring_bookings.cancel_booking(hw, world.person("participant"), world.session)
