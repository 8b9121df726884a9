"""Bugs the Discord, participants-file and event-file fuzzing found, each pinned by the input
that found it."""

from __future__ import annotations

import pytest

from bot.app import Hallway
from bot.commands import build_router
from bot.errors import InvalidInput
from tests.adapters.discord.interactions import APPLICATION_COMMAND, command_data
from tests.adapters.discord.world import World, text_of
from tests.factories import actor

ROUTER = build_router()


async def test_a_command_missing_a_required_option_is_answered_without_an_apology(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    """Found: `/social rsvp` without its `slot` (Discord's copy of the commands out of date)
    raised CommandSignatureMismatch in discord.py; the person got "something went wrong"."""
    ada = await world.member("Ada")
    data = command_data("social", [], verb="rsvp")
    answer = await world.fake.answer(await world.fake.interact(ada.user, APPLICATION_COMMAND, data))
    assert "That command has changed" in text_of(answer)
    assert "went wrong" not in text_of(answer)
    assert not [r for r in caplog.records if r.levelname == "ERROR"]


async def test_an_integer_option_sent_as_text_is_refused_at_its_option(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    """Found: `/conduct show id:""` (a string where the command declares an integer) reached
    the handler untyped and raised there."""
    ada = await world.member("Ada")
    data = command_data("conduct", [{"name": "id", "type": 3, "value": ""}], verb="show")
    answer = await world.fake.answer(await world.fake.interact(ada.user, APPLICATION_COMMAND, data))
    assert "id must be a whole number" in text_of(answer)
    assert not [r for r in caplog.records if r.levelname == "ERROR"]


@pytest.mark.parametrize(
    ("args", "problem"),
    [
        ({"slot": ""}, "slot must be a whole number."),
        ({"slot": True}, "slot must be a whole number."),
        ({"slot": 2**53}, "slot is too large a number."),
        ({"slot": "99999999999999999999"}, "slot is too large a number."),
        ({}, "slot is missing. Usage: /social rsvp <slot>"),
    ],
)
async def test_structured_options_are_checked_against_their_kind(
    hw: Hallway, args: dict[str, object], problem: str
) -> None:
    someone = await actor(hw, "ada@example.org")
    with pytest.raises(InvalidInput) as raised:
        await ROUTER.run(hw, someone, "social", "rsvp", args)
    assert raised.value.errors == {"slot": problem}


async def test_a_choice_option_outside_its_choices_is_refused(hw: Hallway) -> None:
    someone = await actor(hw, "ada@example.org")
    with pytest.raises(InvalidInput) as raised:
        await ROUTER.run(hw, someone, "social", "export", {"format": "xlsx"})
    assert raised.value.errors == {"format": "format must be one of: csv, json."}
