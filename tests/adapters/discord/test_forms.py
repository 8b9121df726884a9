"""Forms as chained modals: every field kind, valid and invalid, and reopening filled."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

import pytest

from adapters.discord.drafts import Drafts
from bot.app import Hallway
from tests.adapters.discord.conftest import connected
from tests.adapters.discord.fake_discord import Call, FakeDiscord
from tests.adapters.discord.helpers import (
    custom_ids,
    embed_text,
    link,
    modal_fields,
    press,
    slash,
    submit_modal,
)
from tests.adapters.discord.interactions import DiscordUser, new_user
from tests.adapters.discord.router_for_tests import Recorder
from tests.adapters.discord.router_for_tests import build_test_router as build
from tests.factories import register

PAGE_ONE = {
    "title": "Board games",
    "about": "Bring a game.",
    "start": "2021-07-19 18:00",
    "link": "https://meet.example.org/x",
    "tags": "games, fun",
}
PAGE_TWO: dict[str, Any] = {"kind": ["game"], "people": [], "count": "3", "agree": True}


class Clock:
    now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


@pytest.fixture
def ticks() -> Clock:
    return Clock()


@pytest.fixture
async def started(
    fake: FakeDiscord, hw: Hallway, recorder: Recorder, ticks: Clock
) -> AsyncIterator[None]:
    async with connected(fake, hw, build(recorder), Drafts(clock=ticks)):
        yield


@pytest.fixture
async def ada(hw: Hallway) -> DiscordUser:
    """A linked member whose saved zone is Europe/Paris."""
    user = new_user("ada")
    person = await register(hw, "ada@example.org", "Ada")
    await link(hw, person, user)
    async with hw.uow() as uow:
        stored = await uow.participants.get(person.id)
        assert stored is not None
        stored.zone = "Europe/Paris"
        await uow.commit()
    return user


async def open_form(fake: FakeDiscord, user: DiscordUser) -> Call:
    card = await slash(fake, user, "survey", verb="fill")
    assert custom_ids(card) == ["~form:open:survey"]
    return await press(fake, user, card, "~form:open:survey")


async def second_page(fake: FakeDiscord, user: DiscordUser, page_one: dict[str, Any]) -> Call:
    kept = await submit_modal(fake, user, await open_form(fake, user), page_one)
    assert custom_ids(kept) == ["~form:next:survey"], embed_text(kept)
    return await press(fake, user, kept, "~form:next:survey")


async def test_a_form_with_times_asks_for_a_time_zone_first(
    fake: FakeDiscord, hw: Hallway, started: None
) -> None:
    user = new_user("bob")
    await link(hw, await register(hw, "bob@example.org", "Bob"), user)
    card = await slash(fake, user, "survey", verb="fill")
    assert "Set it with /timezone" in embed_text(card)
    assert custom_ids(card) == []


async def test_the_first_modal_holds_five_fields_read_in_the_users_zone(
    fake: FakeDiscord, ada: DiscordUser, started: None
) -> None:
    modal = await open_form(fake, ada)
    assert modal.body["type"] == 9
    assert modal.body["data"]["title"] == "Tell us about it (1/2)"
    fields = modal_fields(modal)
    assert list(fields) == ["title", "about", "start", "link", "tags"]
    assert fields["start"]["placeholder"] == "YYYY-MM-DD HH:MM"
    start_label = next(
        c for c in modal.body["data"]["components"] if c["component"]["custom_id"] == "start"
    )
    assert start_label["description"] == "YYYY-MM-DD HH:MM in Europe/Paris"


async def test_the_second_modal_holds_the_typed_fields_as_native_widgets(
    fake: FakeDiscord, ada: DiscordUser, started: None
) -> None:
    fields = modal_fields(await second_page(fake, ada, PAGE_ONE))
    assert {name: item["type"] for name, item in fields.items()} == {
        "kind": 3,
        "people": 5,
        "count": 4,
        "agree": 23,
    }
    assert [option["value"] for option in fields["kind"]["options"]] == ["talk", "game"]


async def test_a_valid_form_is_submitted_once_with_times_in_the_users_zone(
    fake: FakeDiscord, ada: DiscordUser, recorder: Recorder, started: None
) -> None:
    done = await submit_modal(fake, ada, await second_page(fake, ada, PAGE_ONE), PAGE_TWO)
    assert embed_text(done).startswith("Saved")
    [saved] = recorder.saved
    assert saved["start"] == datetime(2021, 7, 19, 16, 0, tzinfo=UTC)  # 18:00 in Paris (CEST)
    assert (saved["kind"], saved["tags"], saved["count"], saved["context"]) == (
        "game",
        ["games", "fun"],
        3,
        "ctx-1",
    )


PAGE_ONE_MISTAKES = [
    ("title", "A title far too long to fit", "**Title**: Title is 27 characters; at most 20 fit."),
    ("about", "   ", "**About**: About is required."),
    ("start", "next tuesday", "**Start**: “next tuesday” is not a date and time"),
    ("link", "javascript:alert(1)", "**Video link**: Give a full link"),
    ("tags", "a, b, c", "**Tags**: At most 2 tags"),
]
PAGE_TWO_MISTAKES = [
    ("kind", ["dance"], "**Kind**: Choose one of: Talk, Game."),
    ("people", ["880000000000000001", "880000000000000002"], "**Co-lead**: At most 1 people here."),
    ("count", "seven", "**How many**: How many must be a whole number."),
    ("count", "9", "**How many**: How many must be from 1 to 5."),
    ("agree", False, "**I follow the code of conduct**: Please tick"),
]


@pytest.mark.parametrize(("name", "typed", "problem"), PAGE_ONE_MISTAKES)
async def test_a_wrong_field_on_a_page_is_named_with_a_button_to_fix_it(
    fake: FakeDiscord,
    ada: DiscordUser,
    recorder: Recorder,
    started: None,
    name: str,
    typed: str,
    problem: str,
) -> None:
    answer = await submit_modal(fake, ada, await open_form(fake, ada), {**PAGE_ONE, name: typed})
    assert answer.body["data"]["flags"] == 64
    assert problem in embed_text(answer).replace("\\", "")
    assert custom_ids(answer) == ["~form:open:survey"]
    assert recorder.saved == []


@pytest.mark.parametrize(("name", "typed", "problem"), PAGE_TWO_MISTAKES)
async def test_a_wrong_typed_field_is_named_and_nothing_is_saved(
    fake: FakeDiscord,
    ada: DiscordUser,
    recorder: Recorder,
    started: None,
    name: str,
    typed: Any,
    problem: str,
) -> None:
    answer = await submit_modal(
        fake, ada, await second_page(fake, ada, PAGE_ONE), {**PAGE_TWO, name: typed}
    )
    assert problem in embed_text(answer).replace("\\", "")
    assert recorder.saved == []


async def test_fixing_reopens_the_page_filled_with_what_was_typed(
    fake: FakeDiscord, ada: DiscordUser, started: None
) -> None:
    refused = await submit_modal(
        fake, ada, await open_form(fake, ada), {**PAGE_ONE, "link": "ftp://x"}
    )
    reopened = modal_fields(await press(fake, ada, refused, "~form:open:survey"))
    assert {name: item.get("value") for name, item in reopened.items()} == {
        **PAGE_ONE,
        "link": "ftp://x",
    }


async def test_a_problem_found_by_the_core_reopens_the_page_of_its_field(
    fake: FakeDiscord, ada: DiscordUser, recorder: Recorder, started: None
) -> None:
    refused = await submit_modal(
        fake, ada, await second_page(fake, ada, {**PAGE_ONE, "title": "taken"}), PAGE_TWO
    )
    assert "**Title**: That title is taken" in embed_text(refused).replace("\\", "")
    reopened = await press(fake, ada, refused, "~form:open:survey")
    assert reopened.body["data"]["custom_id"] == "~modal:survey:0"
    assert modal_fields(reopened)["title"]["value"] == "taken"
    assert recorder.saved == []


async def test_a_form_left_for_fifteen_minutes_has_to_be_asked_for_again(
    fake: FakeDiscord, ada: DiscordUser, ticks: Clock, started: None
) -> None:
    card = await slash(fake, ada, "survey", verb="fill")
    ticks.now += 15 * 60 + 1
    answer = await press(fake, ada, card, "~form:open:survey")
    assert answer.body["type"] == 4
    assert "That form has expired" in embed_text(answer)


async def test_a_command_option_prefills_the_form(
    fake: FakeDiscord, ada: DiscordUser, started: None
) -> None:
    from tests.adapters.discord.interactions import option

    card = await slash(fake, ada, "survey", option("title", "Chess"), verb="fill")
    modal = await press(fake, ada, card, "~form:open:survey")
    assert modal_fields(modal)["title"]["value"] == "Chess"


async def test_a_bug_behind_a_form_is_logged_and_apologised_for(
    fake: FakeDiscord,
    ada: DiscordUser,
    recorder: Recorder,
    started: None,
    caplog: pytest.LogCaptureFixture,
) -> None:
    page_two = await second_page(fake, ada, {**PAGE_ONE, "title": "crash"})
    answer = await submit_modal(fake, ada, page_two, PAGE_TWO)
    assert "Sorry, something went wrong on our side" in embed_text(answer)
    assert "a bug in a form handler" in caplog.text
