"""/conduct through the router every platform shares: forms, buttons and their answers."""

from __future__ import annotations

import pytest

from bot.app import Hallway
from bot.commands import build_router
from bot.commands.conduct_forms import HANDLE_FORM, REPORT_FORM
from bot.conduct_policy import POLICY_ACTION, policy_button, report_button
from bot.domain.conduct import DESCRIPTION_LIMIT
from bot.domain.participants import Role
from bot.errors import HallwayError, InvalidInput, NotAllowed
from bot.interaction import Actor, Reply, ShowForm
from bot.messages import plain
from bot.services.identity import identify
from storage import Database
from tests.factories import actor, register
from tests.service.conduct_helpers import file, stored_outbox, stored_reports

ROUTER = build_router()
ANSWERS = {"about_kind": "A social", "about": "Quiz night", "description": "It happened."}


async def ada(hw: Hallway) -> Actor:
    await register(hw, "ada@example.org", "Ada Lovelace")
    return await actor(hw, "ada@example.org")


async def grace(hw: Hallway) -> Actor:
    await register(hw, "grace@example.org", "Grace Hopper", Role.CONDUCT)
    return await actor(hw, "grace@example.org")


async def test_a_bare_conduct_opens_the_report_form(hw: Hallway) -> None:
    outcome = await ROUTER.run_text(hw, await ada(hw), "conduct", "")
    assert isinstance(outcome, ShowForm) and outcome.form is REPORT_FORM
    assert dict(outcome.values) == {"about_kind": "general", "about": ""}


async def test_staying_anonymous_is_optional_in_the_form() -> None:
    assert REPORT_FORM.field("anonymous").required is False


async def test_an_unlinked_account_finds_the_form_set_to_anonymous(hw: Hallway) -> None:
    stranger = await identify(hw, "fake", "U-stranger")
    outcome = await ROUTER.run_text(hw, stranger, "conduct", "")
    assert isinstance(outcome, ShowForm) and outcome.values["anonymous"] == "yes"


async def test_a_report_button_opens_the_form_about_its_social(hw: Hallway) -> None:
    button = report_button("social", "Quiz night: Tuesday")
    outcome = await ROUTER.press(hw, await ada(hw), button.action, button.value)
    assert isinstance(outcome, ShowForm)
    assert (outcome.values["about_kind"], outcome.values["about"]) == (
        "social",
        "Quiz night: Tuesday",
    )


async def test_submitting_the_form_answers_with_a_receipt(hw: Hallway) -> None:
    outcome = await ROUTER.submit(hw, await ada(hw), REPORT_FORM.id, ANSWERS, "")
    assert isinstance(outcome, Reply)
    shown = plain(outcome.message)
    assert "has your report #1" in shown and "It happened." in shown
    assert "A copy of this receipt comes to you as a direct message" in shown


async def test_an_anonymous_receipt_is_the_reply_alone(hw: Hallway, database: Database) -> None:
    answers = {**ANSWERS, "anonymous": "Yes"}
    outcome = await ROUTER.submit(hw, await ada(hw), REPORT_FORM.id, answers, "")
    assert isinstance(outcome, Reply)
    assert "You filed it anonymously" in plain(outcome.message)
    assert [row["recipient"] for row in await stored_outbox(database)] == ["channel:conduct"]


async def test_a_long_text_in_the_form_is_refused_at_its_field_and_nothing_is_stored(
    hw: Hallway, database: Database
) -> None:
    answers = {**ANSWERS, "description": "y" * (DESCRIPTION_LIMIT + 1)}
    with pytest.raises(InvalidInput) as refused:
        await ROUTER.submit(hw, await ada(hw), REPORT_FORM.id, answers, "")
    assert list(refused.value.errors) == ["description"]
    assert await stored_reports(database) == [] and await stored_outbox(database) == []


async def test_the_policy_button_answers_anyone(hw: Hallway) -> None:
    stranger = await identify(hw, "fake", "U-stranger")
    button = policy_button()
    assert button.action == POLICY_ACTION
    outcome = await ROUTER.press(hw, stranger, button.action, button.value)
    assert isinstance(outcome, Reply)
    shown = plain(outcome.message)
    assert "subject to the conference's code of conduct" in shown
    assert "Leads moderate their socials" in shown and "/conduct" in shown


async def test_conduct_policy_is_the_same_statement(hw: Hallway) -> None:
    typed = await ROUTER.run_text(hw, await ada(hw), "conduct", "policy")
    pressed = await ROUTER.press(hw, await ada(hw), POLICY_ACTION, "")
    assert typed == pressed


async def test_mark_handled_button_opens_the_note_form_for_the_team(hw: Hallway) -> None:
    report = await file(hw, await ada(hw))
    outcome = await ROUTER.press(hw, await grace(hw), "conduct.handle", str(report.id))
    assert isinstance(outcome, ShowForm) and outcome.form is HANDLE_FORM
    assert outcome.context == str(report.id)


async def test_mark_handled_button_is_refused_to_a_participant(hw: Hallway) -> None:
    report = await file(hw, await ada(hw))
    with pytest.raises(NotAllowed, match="code-of-conduct team"):
        await ROUTER.press(hw, await ada(hw), "conduct.handle", str(report.id))


async def test_the_note_form_marks_the_report_handled(hw: Hallway, database: Database) -> None:
    report = await file(hw, await ada(hw))
    member = await grace(hw)
    outcome = await ROUTER.submit(
        hw, member, HANDLE_FORM.id, {"note": "Spoke to both."}, str(report.id)
    )
    assert isinstance(outcome, Reply) and f"Report #{report.id} marked handled" in plain(
        outcome.message
    )
    with pytest.raises(HallwayError, match="already marked handled"):
        await ROUTER.press(hw, member, "conduct.handle", str(report.id))
    [row] = await stored_reports(database)
    assert row["handling_note"] == "Spoke to both."


async def test_conduct_handle_takes_the_rest_of_the_line_as_the_note(
    hw: Hallway, database: Database
) -> None:
    report = await file(hw, await ada(hw))
    await ROUTER.run_text(hw, await grace(hw), "conduct", f"handle {report.id} Spoke to both.")
    [row] = await stored_reports(database)
    assert row["handling_note"] == "Spoke to both."


async def test_conduct_list_shows_excerpts_and_buttons(hw: Hallway) -> None:
    await file(hw, await ada(hw), "word " * 100)
    outcome = await ROUTER.run_text(hw, await grace(hw), "conduct", "list")
    assert isinstance(outcome, Reply)
    shown = plain(outcome.message)
    assert "Conduct reports — open (1)" in shown and "…" in shown
    assert [b.label for b in outcome.message.buttons] == ["Show", "Mark handled"]
