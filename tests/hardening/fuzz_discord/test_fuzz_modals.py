"""Fuzzed modal submissions through the real client: forms opened as a person would (a slash
command, then "Open the form"), then submitted with hostile values, values of the wrong widget,
fields dropped or unknown ones added, garbage component lists, a forged custom id, or someone
else's modal. Every submission must be answered, safely, and one the core refused (or the
page refused) writes nothing."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from storage import Database
from tests.adapters.discord.fake_discord import Call
from tests.adapters.discord.form_routes import SUBMIT_PAGES, typed
from tests.adapters.discord.helpers import custom_ids
from tests.adapters.discord.interactions import MODAL_SUBMIT, DiscordUser, modal_data
from tests.adapters.discord.world import World, shown_values
from tests.hardening.fuzz_discord.gateway import (
    Cast,
    Refusals,
    cast_in,
    check_example,
    record_refusals,
    row_counts,
)
from tests.hardening.fuzz_discord.strategies import nasty_text

EXAMPLES = 80
# (command, verb, page): the social form's second page asks for times in the person's zone
OPENERS = (
    ("social", "submit", 0),
    ("social", "submit", 1),
    ("mentor", "profile", 0),
    ("conduct", "report", 0),
)
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), nasty_text(50), st.just([]))


@pytest.fixture
async def cast(world: World) -> Cast:
    made = await cast_in(world)
    async with world.hw.uow() as uow:  # forms with dates need a zone
        stored = await uow.participants.get(made.chair.person.id)
        assert stored is not None
        stored.zone = "Europe/Paris"
        await uow.commit()
    return made


@pytest.fixture
def refusals(world: World) -> Refusals:
    return record_refusals(world)


def answer_for(kind: int, shown: Any, options: list[str]) -> st.SearchStrategy[Any]:
    """A value for one widget: what it showed, something hostile of its own shape, or a value
    of another widget's shape."""
    own: st.SearchStrategy[Any]
    if kind == 4:
        own = nasty_text(4000)
    elif kind in (3, 5):
        pool = st.one_of(st.sampled_from(options or ["x"]), nasty_text(100))
        own = st.lists(pool, max_size=4)
    else:
        own = st.booleans()
    other = st.one_of(nasty_text(200), st.lists(nasty_text(30), max_size=3), st.booleans())
    return st.one_of(st.just(shown), own, own, other)


@st.composite
def answers(draw: st.DrawFn, modal: Call) -> dict[str, Any]:
    shown = shown_values(modal)
    values: dict[str, Any] = {}
    for row in modal.body["data"]["components"]:
        inner = row.get("component", row)
        name = inner["custom_id"]
        if draw(st.integers(0, 7)) == 0:
            continue  # the field left out of the payload
        options = [option["value"] for option in inner.get("options", [])]
        values[name] = draw(answer_for(inner["type"], shown[name], options))
    if draw(st.integers(0, 5)) == 0:
        values[draw(nasty_text(100))] = draw(nasty_text(100))
    return values


GARBAGE_COMPONENT = st.recursive(
    st.fixed_dictionaries(
        {"type": st.sampled_from([1, 3, 4, 5, 18, 23, 99])},
        optional={
            "custom_id": st.one_of(nasty_text(120), st.integers()),
            "value": SCALARS,
            "values": st.one_of(st.lists(SCALARS, max_size=3), SCALARS),
        },
    ),
    lambda inner: st.fixed_dictionaries(
        {"type": st.sampled_from([1, 18])},
        optional={"components": st.lists(inner, max_size=3), "component": inner},
    ),
    max_leaves=6,
)


@st.composite
def submission(draw: st.DrawFn, modal: Call, cast: Cast) -> tuple[DiscordUser, dict[str, Any]]:
    """Who submits, and the MODAL_SUBMIT data they send."""
    custom_id = modal.body["data"]["custom_id"]
    how = draw(st.sampled_from(["answers"] * 5 + ["garbage"] * 2 + ["forged id", "someone else"]))
    event(f"modal submission: {how}")
    if how == "garbage":
        return cast.chair.user, {
            "custom_id": custom_id,
            "components": draw(st.lists(GARBAGE_COMPONENT, max_size=6)),
        }
    data = modal_data(custom_id, draw(answers(modal)))
    if how == "forged id":
        data["custom_id"] = draw(
            st.one_of(nasty_text(120), st.just(custom_id.rsplit(":", 1)[0]), st.just("~modal:x"))
        )
    return (cast.stranger if how == "someone else" else cast.chair.user), data


async def open_modal(world: World, cast: Cast, name: str, verb: str, page: int) -> Call:
    card = await world.slash(cast.chair, name, verb)
    opening = next(item for item in custom_ids(card) if item.startswith("~form:open:"))
    modal = await world.press(cast.chair, card, opening)
    for number in range(page):
        kept = await world.submit(cast.chair, modal, await typed(world, SUBMIT_PAGES[number]))
        modal = await world.press(cast.chair, kept, custom_ids(kept)[0])
    assert modal.body.get("type") == 9, modal.body
    return modal


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data(), opener=st.sampled_from(OPENERS))
async def test_fuzzed_modal_submissions_are_answered_safely(
    world: World,
    cast: Cast,
    refusals: Refusals,
    database: Database,
    caplog: pytest.LogCaptureFixture,
    data: st.DataObject,
    opener: tuple[str, str, int],
) -> None:
    caplog.set_level(logging.WARNING)
    caplog.clear()
    refusals.reset()
    modal = await open_modal(world, cast, *opener)
    who, payload = data.draw(submission(modal, cast))
    before = await row_counts(database)
    since = len(world.fake.calls)
    sent = await world.fake.interact(who, MODAL_SUBMIT, payload)
    answer = await world.fake.answer(sent, within=3, after=since)
    await check_example(world, answer, since, caplog)
    kept = "kept. Continue" in str(answer.body)
    if refusals.count or kept or answer.body.get("type") == 4:
        # refused by the core, a page kept in memory, or answered at once without work
        assert await row_counts(database) == before
