"""The programme's commands and buttons through the router, as every platform calls them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.app import Hallway
from bot.clock import ManualClock
from bot.commands import build_router
from bot.commands.programme import programme_mine_section
from bot.errors import InvalidInput, NotFound
from bot.interaction import Reply
from bot.messages import Item, Message, plain
from tests.factories import actor, register, stored_social

MON = datetime(2021, 7, 19, tzinfo=UTC)


def shown(outcome: object) -> str:
    assert isinstance(outcome, Reply)
    return plain(outcome.message)


def test_the_programme_verbs_and_buttons_are_registered() -> None:
    router = build_router()
    assert {verb for name, verb in router.commands if name == "programme"} >= {
        "now",
        "next",
        "today",
        "day",
        "mine",
    }
    assert {verb for name, verb in router.commands if name == "social"} >= {
        "list",
        "rsvp",
        "unrsvp",
        "balance",
    }
    # `/social` alone is the submit form's
    assert [c.verb for c in router.verbs("social") if c.default] == ["submit"]
    assert {"social.rsvp", "social.cancel_rsvp"} <= set(router.actions)


async def test_a_bare_programme_shows_what_runs_now(hw: Hallway, clock: ManualClock) -> None:
    pair = [(await register(hw, f"{n}@example.org")).id for n in ("ada", "bob")]
    await stored_social(hw, "Tea", pair, [MON + timedelta(hours=15)], released=True)
    clock.set(MON + timedelta(hours=16))
    reader = await actor(hw, "ada@example.org")
    assert "Running now" in shown(await build_router().run_text(hw, reader, "programme", ""))


async def test_today_is_the_readers_date(hw: Hallway, clock: ManualClock) -> None:
    pair = [(await register(hw, f"{n}@example.org")).id for n in ("ada", "bob")]
    await stored_social(hw, "Tea", pair, [MON + timedelta(hours=20)], released=True)
    clock.set(MON + timedelta(hours=16))  # Tuesday 01:00 in Tokyo, Monday in London
    router = build_router()
    tokyo = await actor(hw, "ada@example.org", "Asia/Tokyo")
    london = await actor(hw, "bob@example.org", "Europe/London")
    assert "Programme for Tuesday 20 July" in shown(
        await router.run_text(hw, tokyo, "programme", "today")
    )
    assert "Tea" in shown(await router.run_text(hw, tokyo, "programme", "today"))
    assert "Tea" in shown(await router.run_text(hw, london, "programme", "today"))
    assert "Nothing on the programme" in shown(
        await router.run_text(hw, london, "programme", "day tomorrow")
    )


@pytest.mark.parametrize(
    ("typed", "field"),
    [
        ("next 0", "hours"),
        ("next soon", "hours"),
        ("day someday", "day"),
        ("day 2021-02-30", "day"),
    ],
)
async def test_bad_words_are_answered_at_their_field(hw: Hallway, typed: str, field: str) -> None:
    reader = await actor(hw, "nobody@example.org")
    with pytest.raises(InvalidInput) as refused:
        await build_router().run_text(hw, reader, "programme", typed)
    assert field in refused.value.errors


async def test_a_button_with_a_value_that_is_not_a_slot_does_nothing(hw: Hallway) -> None:
    reader = await actor(hw, "nobody@example.org")
    with pytest.raises(NotFound, match="That button no longer does anything"):
        await build_router().press(hw, reader, "social.rsvp", "abc")


async def test_rsvp_and_cancel_by_button_answer_with_the_other_button(hw: Hallway) -> None:
    pair = [(await register(hw, f"{n}@example.org")).id for n in ("ada", "bob")]
    made = await stored_social(hw, "Tea", pair, [MON + timedelta(hours=15)], released=True)
    await register(hw, "cy@example.org")
    cy = await actor(hw, "cy@example.org")
    router, slot = build_router(), str(made.slots[0].id)
    going = await router.press(hw, cy, "social.rsvp", slot)
    assert isinstance(going, Reply)
    assert [(b.action, b.value) for b in going.message.buttons] == [("social.cancel_rsvp", slot)]
    cancelled = await router.press(hw, cy, "social.cancel_rsvp", slot)
    assert isinstance(cancelled, Reply)
    assert [(b.action, b.value) for b in cancelled.message.buttons] == [("social.rsvp", slot)]


async def test_an_overlapping_rsvp_is_answered_with_a_warning(hw: Hallway) -> None:
    pair = [(await register(hw, f"{n}@example.org")).id for n in ("ada", "bob")]
    tea = await stored_social(hw, "Tea", pair, [MON + timedelta(hours=15)], released=True)
    quiz = await stored_social(hw, "Quiz", pair, [MON + timedelta(hours=16)], released=True)
    await register(hw, "cy@example.org")
    cy, router = await actor(hw, "cy@example.org"), build_router()
    await router.run_text(hw, cy, "social", f"rsvp {tea.slots[0].id}")
    answer = shown(await router.run_text(hw, cy, "social", f"rsvp {quiz.slots[0].id}"))
    assert (
        "Heads up: this overlaps Tea (Mon 19 Jul, 15:00 UTC), which you also RSVPed to." in answer
    )


async def test_the_mine_section_lists_my_socials_for_social_mine(hw: Hallway) -> None:
    ada, bob = [(await register(hw, f"{n}@example.org")).id for n in ("ada", "bob")]
    await stored_social(hw, "Tea", [ada, bob], [MON + timedelta(hours=15)], released=True)
    blocks = await programme_mine_section(hw, await actor(hw, "ada@example.org"))
    text = plain(Message(None, tuple(blocks)))
    assert text.startswith("On the programme:")
    assert "You lead this social." in text
    assert [type(block) for block in blocks].count(Item) == 1
    await register(hw, "cy@example.org")
    empty = await programme_mine_section(hw, await actor(hw, "cy@example.org"))
    assert "nothing yet" in plain(Message(None, tuple(empty)))
