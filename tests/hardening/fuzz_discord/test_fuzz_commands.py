"""Fuzzed slash commands through the real discord.py client on the fake gateway: every command
of the generated tree, its options given hostile text, huge or negative numbers, values of
the wrong type, missing or unknown. Each interaction must be answered (deferral, then one
follow-up), without an apology or a traceback, within Discord's limits, with no live mention;
and a command the core refused writes nothing."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from adapters.discord.commands import UNNAMED_VERB
from bot.commands import build_router
from bot.commands.registry import Command, Option
from storage import Database
from tests.adapters.discord.interactions import (
    APPLICATION_COMMAND,
    BOOLEAN,
    INTEGER,
    STRING,
    USER,
    command_data,
)
from tests.adapters.discord.world import World
from tests.hardening.fuzz_discord.gateway import (
    Cast,
    Refusals,
    cast_in,
    check_example,
    record_refusals,
    row_counts,
)
from tests.hardening.fuzz_discord.strategies import nasty_text

ROUTER = build_router()
COMMANDS = sorted(ROUTER.commands.values(), key=lambda c: (c.name, c.verb))
TYPES = {"text": STRING, "rest": STRING, "choice": STRING, "integer": INTEGER, "person": USER}
NUMBER = 10  # Discord's option type for a float
IDS = st.one_of(st.integers(-3, 5), st.integers(-(2**53), 2**53))
EXAMPLES = 120


@pytest.fixture
async def cast(world: World) -> Cast:
    return await cast_in(world)


@pytest.fixture
def refusals(world: World) -> Refusals:
    return record_refusals(world)


def well_typed(option: Option, someone: str) -> st.SearchStrategy[Any]:
    if option.kind == "integer":
        return IDS
    if option.kind == "person":
        return st.sampled_from([someone, "880000000000000999", "1"])
    if option.kind == "choice":
        return st.one_of(st.sampled_from(option.choices or ("x",)), nasty_text(100))
    return nasty_text(6000)  # Discord's longest string option


@st.composite
def given_option(draw: st.DrawFn, option: Option, someone: str) -> dict[str, Any] | None:
    """The option as Discord would send it, or of a wrong type, or absent (None)."""
    how = draw(st.sampled_from(["typed"] * 6 + ["wrong", "missing"]))
    if how == "missing":
        return None
    if how == "wrong":
        kind, value = draw(
            st.sampled_from(
                [
                    (STRING, "12"),
                    (INTEGER, 7),
                    (BOOLEAN, True),
                    (NUMBER, 1.5),
                    (STRING, ""),
                    (USER, "880000000000000999"),
                ]
            )
        )
        return {"name": option.name, "type": kind, "value": value}
    return {
        "name": option.name,
        "type": TYPES[option.kind],
        "value": draw(well_typed(option, someone)),
    }


@st.composite
def slash_data(draw: st.DrawFn, someone: str) -> tuple[Command, dict[str, Any]]:
    command = draw(st.sampled_from(COMMANDS))
    options = [draw(given_option(option, someone)) for option in command.options]
    given = [item for item in options if item is not None]
    if draw(st.integers(0, 9)) == 0:
        given.append({"name": "unheard_of", "type": STRING, "value": draw(nasty_text(50))})
    lone = [c.verb for c in ROUTER.verbs(command.name)] == [""]
    verb = None if lone else command.verb or UNNAMED_VERB
    return command, command_data(command.name, given, verb=verb)


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data(), as_chair=st.booleans())
async def test_fuzzed_slash_commands_are_answered_safely(
    world: World,
    cast: Cast,
    refusals: Refusals,
    database: Database,
    caplog: pytest.LogCaptureFixture,
    data: st.DataObject,
    as_chair: bool,
) -> None:
    caplog.set_level(logging.WARNING)
    caplog.clear()
    refusals.reset()
    command, payload = data.draw(slash_data(cast.chair.id))
    who = cast.chair.user if as_chair else cast.stranger
    before = await row_counts(database)
    since = len(world.fake.calls)
    sent = await world.fake.interact(who, APPLICATION_COMMAND, payload)
    answer = await world.fake.answer(sent, within=3, after=since)
    await check_example(world, answer, since, caplog)
    event("refused by the core" if refusals.count else "carried out")
    if refusals.count:
        assert await row_counts(database) == before, f"/{command.name} {command.verb} half-wrote"
