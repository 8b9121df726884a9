"""Every form the core registers, through the real client: it opens (pages of at most five
inputs, chained by Continue), a valid filling is accepted, and each wrong field is named in
the answer with a button that reopens its page filled with what was typed."""

from __future__ import annotations

from typing import Any

import pytest

from bot.commands import build_router
from bot.forms import Field
from tests.adapters.discord.fake_discord import Call
from tests.adapters.discord.form_routes import WAYS, typed
from tests.adapters.discord.world import World, buttons_of, text_of

ROUTER = build_router()
FORM_IDS = sorted(ROUTER.forms)


def bad_value(item: Field, widget: int) -> Any:
    """Something a person could send that this field must refuse, or None if nothing can be."""
    many = [str(880_000_000_000_100_000 + n) for n in range((item.max_items or 1) + 1)]
    if item.kind == "people":
        emails = ", ".join(f"p{n}@example.org" for n in range(len(many)))
        return many if widget == 5 else emails
    by_kind: dict[str, Any] = {
        "datetime": "next tuesday",
        "url": "ftp://example.org/x",
        "integer": "seven",
        "choice": ["no-such-choice"],
        "confirm": False if item.required else None,
        "tags": ", ".join(f"tag{n}" for n in range((item.max_items or 0) + 1))
        if item.max_items
        else None,
    }
    if item.kind in by_kind:
        return by_kind[item.kind]
    if item.max_length is not None:
        return "x" * (item.max_length + 1)
    return "" if item.required else None


def widget_of(modal: Call, name: str) -> int:
    for row in modal.body["data"]["components"]:
        inner = row.get("component", row)
        if inner["custom_id"] == name:
            return int(inner["type"])
    raise KeyError(name)


CASES = [
    (form_id, item.name)
    for form_id in FORM_IDS
    for item in ROUTER.get_form(form_id).fields
    if bad_value(item, 5) is not None
]


def test_every_registered_form_has_a_way_in() -> None:
    assert sorted(WAYS) == FORM_IDS


@pytest.mark.parametrize("form_id", FORM_IDS)
async def test_a_form_opens_and_a_valid_filling_is_accepted(world: World, form_id: str) -> None:
    way = WAYS[form_id]
    who, card = await way.open(world)
    assert buttons_of(card) == [f"~form:open:{form_id}"], text_of(card)
    pages = [await typed(world, page) for page in way.pages]
    answer = await world.fill(who, card, pages)
    assert way.done.lower() in text_of(answer).lower(), text_of(answer)
    assert "Please check" not in text_of(answer)


@pytest.mark.parametrize(("form_id", "name"), CASES)
async def test_a_wrong_field_is_named_with_a_button_that_reopens_it_filled(
    world: World, form_id: str, name: str
) -> None:
    form, way = ROUTER.get_form(form_id), WAYS[form_id]
    target = [item.name for item in form.fields].index(name) // 5
    who, card = await way.open(world)
    modal = await world.press(who, card, f"~form:open:{form_id}")
    for number in range(target + 1):
        page = await typed(world, way.pages[number])
        if number == target:
            page[name] = wrong = bad_value(form.field(name), widget_of(modal, name))
            answer = await world.submit(who, modal, page)
        else:
            kept = await world.submit(who, modal, page)
            modal = await world.press(who, kept, f"~form:next:{form_id}")
    label = form.field(name).label
    assert f"{label}:" in text_of(answer), text_of(answer)
    assert buttons_of(answer) == [f"~form:open:{form_id}"]
    reopened = await world.press(who, answer, f"~form:open:{form_id}")
    assert reopened.body["data"]["custom_id"] == f"~modal:{form_id}:{target}"
    if isinstance(wrong, str) and widget_of(reopened, name) == 4:
        shown = next(
            row["component"]
            for row in reopened.body["data"]["components"]
            if row["component"]["custom_id"] == name
        )
        assert (shown.get("value") or "") == wrong[:4000]
