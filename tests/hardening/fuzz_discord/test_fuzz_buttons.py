"""Fuzzed button presses through the real client: custom ids of every shared action with
hostile values, Hallway's form buttons naming real and unknown forms, and plain garbage
(too long, newlines, unicode). Every press must be answered, safely, and a press the core
refused writes nothing."""

from __future__ import annotations

import logging

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from bot.commands import build_router
from storage import Database
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
ACTIONS = sorted(ROUTER.actions)
FORMS = sorted(ROUTER.forms)
EXAMPLES = 100

CUSTOM_IDS = st.one_of(
    st.builds(
        lambda action, value: f"{action}:{value}",
        st.sampled_from(ACTIONS),
        st.one_of(st.integers(-3, 2**40).map(str), nasty_text(120)),
    ),
    st.builds(
        lambda step, form: f"~form:{step}:{form}",
        st.sampled_from(["open", "next", "close"]),
        st.one_of(st.sampled_from(FORMS), st.from_regex(r"[a-z0-9_.]{1,120}", fullmatch=True)),
    ),
    st.from_regex(r"[a-z][a-z0-9_]*(\.[a-z0-9_]+)+:[^\n]{0,130}", fullmatch=True),
    nasty_text(150).filter(bool),
)


@pytest.fixture
async def cast(world: World) -> Cast:
    return await cast_in(world)


@pytest.fixture
def refusals(world: World) -> Refusals:
    return record_refusals(world)


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(custom_id=CUSTOM_IDS, as_chair=st.booleans())
async def test_fuzzed_button_presses_are_answered_safely(
    world: World,
    cast: Cast,
    refusals: Refusals,
    database: Database,
    caplog: pytest.LogCaptureFixture,
    custom_id: str,
    as_chair: bool,
) -> None:
    caplog.set_level(logging.WARNING)
    caplog.clear()
    refusals.reset()
    who = cast.chair.user if as_chair else cast.stranger
    before = await row_counts(database)
    since = len(world.fake.calls)
    answer = await world.press_new(who, custom_id)
    await check_example(world, answer, since, caplog)
    event("refused by the core" if refusals.count else "not refused by the core")
    if refusals.count:
        assert await row_counts(database) == before, f"{custom_id!r} half-wrote"
