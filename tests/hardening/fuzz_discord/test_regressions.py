"""Bugs the Discord, participants-file and event-file fuzzing found, each pinned by the input
that found it."""

from __future__ import annotations

import pytest

from bot.app import Hallway
from bot.commands import build_router
from bot.errors import InvalidInput
from bot.services.participants import import_participants, read_registrations
from tests.adapters.discord.form_routes import SUBMIT_PAGES
from tests.adapters.discord.interactions import (
    APPLICATION_COMMAND,
    MODAL_SUBMIT,
    command_data,
    modal_data,
)
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


async def test_a_press_of_a_button_hallway_never_made_is_answered(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    """Found: a custom id matching none of Hallway's buttons was dropped by discord.py, so
    the person saw "This interaction failed"."""
    ada = await world.member("Ada")
    answer = await world.press_new(ada, "@everyone" * 10)
    assert "That button does nothing" in text_of(answer)
    assert not [r for r in caplog.records if r.levelname == "ERROR"]


async def test_a_modal_hallway_no_longer_shows_is_answered_as_expired(world: World) -> None:
    """Found: a submission of a modal shown before a restart (or timed out, or forged) was
    dropped unanswered."""
    ada = await world.member("Ada")
    data = modal_data("~modal:social.submit:0", {"title": "Board games"})
    answer = await world.fake.answer(await world.fake.interact(ada.user, MODAL_SUBMIT, data))
    assert "That form has expired" in text_of(answer)


async def test_two_people_filling_the_same_form_page_keep_their_own_answers(
    world: World,
) -> None:
    """Found: discord.py keeps modals by custom id alone, and both people's first page had
    the same one: the first to submit wrote into the other's draft, and the other's
    submission was then dropped unanswered. Each submission is now read into its sender's
    own draft."""
    ada, bob, carol = [await world.member(name) for name in ("Ada", "Bob", "Carol")]
    modals = {}
    for who in (ada, bob):
        card = await world.slash(who, "social", "submit")
        modals[who.id] = await world.press(who, card, "~form:open:social.submit")
    coleads = {ada.id: [carol.id], bob.id: [carol.id]}
    for who, title in ((ada, "Ada's games"), (bob, "Bob's chess")):
        page = {**SUBMIT_PAGES[0], "title": title, "coleads": coleads[who.id]}
        kept = await world.submit(who, modals[who.id], page)
        assert "kept" in text_of(kept), text_of(kept)
        slot = {"slot1": "2021-07-19 18:00" if who is ada else "2021-07-20 18:00"}
        answer = await world.fill(who, kept, [slot, SUBMIT_PAGES[2]])
        assert "Social proposal saved" in text_of(answer), text_of(answer)
    async with world.hw.uow() as uow:
        socials = await uow.socials.for_event(world.hw.event.id)
    leads = {social.title: social.submitted_by for social in socials}
    assert leads == {"Ada's games": ada.person.id, "Bob's chess": bob.person.id}


async def test_a_modal_payload_of_a_shape_discord_never_sends_is_read_as_empty_fields(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    """Found: an action row without `components` made discord.py raise KeyError while
    reading the submission; the person got the apology."""
    ada = await world.member("Ada")
    card = await world.slash(ada, "social", "submit")
    modal = await world.press(ada, card, "~form:open:social.submit")
    data = {"custom_id": modal.body["data"]["custom_id"], "components": [{"type": 1}]}
    answer = await world.fake.answer(await world.fake.interact(ada.user, MODAL_SUBMIT, data))
    assert "Please check what you typed" in text_of(answer)
    assert not [r for r in caplog.records if r.levelname == "ERROR"]


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
async def test_a_day_at_the_calendars_ends_is_refused_by_social_list(hw: Hallway, day: str) -> None:
    """Found by the command fuzzing: `/social list 0001-01-01` overflowed computing the day's
    bounds in the reader's zone, and the person got the apology."""
    someone = await actor(hw, "ada@example.org", zone="Europe/Paris")
    with pytest.raises(InvalidInput) as raised:
        await ROUTER.run(hw, someone, "social", "list", {"filters": day})
    assert raised.value.errors == {"day": f"“{day}” is too far in the past or future."}


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ("\x00ada@example.org,Ada", "email contains a NUL character"),
        ("ada@example.org,Ad\x00a", "name contains a NUL character"),
        ("ada@example.org," + "A" * 201, "name is longer than 200 characters"),
        ("ada@example.org,Ada,R" + "1" * 100, "registration id is longer than 100 characters"),
    ],
)
async def test_a_row_the_database_cannot_hold_is_refused_and_the_good_rows_land(
    hw: Hallway, row: str, reason: str
) -> None:
    """Found by the participants fuzzing on PostgreSQL: a NUL (or a value longer than its
    column) failed the whole transaction with a driver error, so no good row landed either."""
    report = await import_participants(
        hw, f"email,name,registration_id\nbob@example.org,Bob,R2\n{row}\n"
    )
    assert [(refused.line, refused.reason) for refused in report.refused] == [(3, reason)]
    assert report.added == 1


@pytest.mark.parametrize(
    ("text", "refused"),
    [
        ("email,name\n" + "ada@example.org," + "N" * 200_000 + "\nbob@example.org,Bob\n", 2),
        ('email,name\rada@example.org,Ada\r\x00"\rbob@example.org,Bob\r', 3),
    ],
)
def test_a_row_the_csv_module_cannot_read_is_refused_at_its_line(text: str, refused: int) -> None:
    """Found by the participants fuzzing: a field past the csv module's size limit, or a lone
    carriage return, raised csv.Error out of the import (a traceback from the CLI)."""
    report = read_registrations(text)
    assert [row.line for row in report.refused] == [refused]
    assert "bob@example.org" in [row.email for row in report.accepted]
