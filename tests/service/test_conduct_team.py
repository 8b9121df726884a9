"""The conduct team: listing reports and marking them handled, and who may do it."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import timedelta

import pytest

from bot.app import Hallway
from bot.clock import ManualClock
from bot.delivery.dispatcher import Dispatcher
from bot.domain.conduct import ReportStatus
from bot.domain.participants import Role
from bot.errors import HallwayError, InvalidInput, NotAllowed, NotFound, NotRegistered
from bot.interaction import Actor
from bot.services import conduct
from bot.services.identity import identify
from storage import Database
from tests.factories import actor, register
from tests.fakes import RecordingMessenger
from tests.service.conduct_helpers import file, stored_reports

TeamAction = Callable[[Hallway, Actor, int], Awaitable[object]]

TEAM_ACTIONS: dict[str, TeamAction] = {
    "list": lambda hw, who, report_id: conduct.list_reports(hw, who, "all"),
    "show": conduct.show_report,
    "start handling": conduct.report_to_handle,
    "mark handled": lambda hw, who, report_id: conduct.mark_handled(hw, who, report_id, "Done."),
}


async def team_member(hw: Hallway) -> Actor:
    await register(hw, "grace@example.org", "Grace Hopper", Role.CONDUCT)
    return await actor(hw, "grace@example.org")


async def participant(hw: Hallway) -> Actor:
    await register(hw, "ada@example.org", "Ada Lovelace")
    return await actor(hw, "ada@example.org")


async def outsider(hw: Hallway, kind: str) -> Actor:
    if kind == "participant":
        return await participant(hw)
    if kind == "chair without the conduct role":
        await register(hw, "chair@example.org", "Charles Chair", Role.CHAIR, Role.MENTOR)
        return await actor(hw, "chair@example.org")
    return await identify(hw, "fake", "U-stranger", email="stranger@example.org")


@pytest.mark.parametrize("action", list(TEAM_ACTIONS))
@pytest.mark.parametrize("kind", ["participant", "chair without the conduct role", "unregistered"])
async def test_only_conduct_team_members_can_read_or_handle_reports(
    hw: Hallway, database: Database, action: str, kind: str
) -> None:
    report = await file(hw, await participant(hw))
    who = await outsider(hw, kind)
    expected = NotRegistered if kind == "unregistered" else NotAllowed
    with pytest.raises(expected, match="Only"):
        await TEAM_ACTIONS[action](hw, who, report.id)
    [row] = await stored_reports(database)
    assert row["status"] == ReportStatus.OPEN and row["handled_by"] is None


@pytest.mark.parametrize("action", list(TEAM_ACTIONS))
async def test_a_conduct_team_member_can_read_and_handle_reports(hw: Hallway, action: str) -> None:
    report = await file(hw, await participant(hw))
    assert await TEAM_ACTIONS[action](hw, await team_member(hw), report.id)


async def test_the_list_shows_open_reports_newest_first_with_their_reporters(
    hw: Hallway, clock: ManualClock
) -> None:
    ada, grace = await participant(hw), await team_member(hw)
    first = await file(hw, ada, "first")
    clock.advance(timedelta(minutes=5))
    second = await file(hw, ada, "second", anonymous=True)
    views = await conduct.list_reports(hw, grace)
    assert [view.report.id for view in views] == [second.id, first.id]
    assert [view.reporter.name if view.reporter else None for view in views] == [
        None,
        "Ada Lovelace",
    ]


async def test_the_list_filters_by_status(hw: Hallway) -> None:
    ada, grace = await participant(hw), await team_member(hw)
    done = await file(hw, ada, "done")
    waiting = await file(hw, ada, "waiting")
    await conduct.mark_handled(hw, grace, done.id, "Spoke to both.")
    ids = {
        status: [view.report.id for view in await conduct.list_reports(hw, grace, status)]
        for status in ("open", "handled", "all")
    }
    assert ids == {"open": [waiting.id], "handled": [done.id], "all": [waiting.id, done.id]}


async def test_an_unknown_status_is_refused_at_its_field(hw: Hallway) -> None:
    with pytest.raises(InvalidInput) as refused:
        await conduct.list_reports(hw, await team_member(hw), "closed")
    assert "open, handled or all" in refused.value.errors["status"]


async def test_marking_handled_records_who_when_and_the_note(
    hw: Hallway, database: Database, clock: ManualClock
) -> None:
    report = await file(hw, await participant(hw))
    grace = await team_member(hw)
    clock.advance(timedelta(hours=2))
    view = await conduct.mark_handled(hw, grace, report.id, "  Talked to the lead.  ")
    [row] = await stored_reports(database)
    assert grace.participant is not None
    assert (row["status"], row["handled_by"], row["handled_at"], row["handling_note"]) == (
        ReportStatus.HANDLED,
        grace.participant.id,
        clock.now(),
        "Talked to the lead.",
    )
    assert view.handler is not None and view.handler.name == "Grace Hopper"


async def test_marking_handled_twice_is_refused_and_changes_nothing(
    hw: Hallway, database: Database
) -> None:
    report = await file(hw, await participant(hw))
    grace = await team_member(hw)
    await conduct.mark_handled(hw, grace, report.id, "First note.")
    with pytest.raises(HallwayError, match=r"already marked handled by Grace Hopper"):
        await conduct.mark_handled(hw, grace, report.id, "Second note.")
    with pytest.raises(HallwayError, match=r"already marked handled"):
        await conduct.report_to_handle(hw, grace, report.id)
    [row] = await stored_reports(database)
    assert row["handling_note"] == "First note."


async def test_two_members_handling_at_once_cannot_both_succeed(
    hw: Hallway, database: Database
) -> None:
    report = await file(hw, await participant(hw))
    grace = await team_member(hw)
    await register(hw, "ida@example.org", "Ida Wells", Role.CONDUCT)
    ida = await actor(hw, "ida@example.org")
    outcomes = await asyncio.gather(
        conduct.mark_handled(hw, grace, report.id, "Grace's note."),
        conduct.mark_handled(hw, ida, report.id, "Ida's note."),
        return_exceptions=True,
    )
    refused = [outcome for outcome in outcomes if isinstance(outcome, HallwayError)]
    assert len(refused) == 1
    [row] = await stored_reports(database)
    assert row["handling_note"] in ("Grace's note.", "Ida's note.")


async def test_an_empty_note_is_refused_at_its_field(hw: Hallway, database: Database) -> None:
    report = await file(hw, await participant(hw))
    with pytest.raises(InvalidInput) as refused:
        await conduct.mark_handled(hw, await team_member(hw), report.id, "   ")
    assert list(refused.value.errors) == ["note"]
    [row] = await stored_reports(database)
    assert row["status"] == ReportStatus.OPEN


async def test_an_unknown_report_is_not_found(hw: Hallway) -> None:
    with pytest.raises(NotFound, match="no conduct report #99"):
        await conduct.mark_handled(hw, await team_member(hw), 99, "Done.")


async def test_the_team_card_is_revised_in_place_once_handled(
    hw: Hallway, clock: ManualClock, messenger: RecordingMessenger
) -> None:
    dispatcher = Dispatcher(hw, {"fake": messenger})
    report = await file(hw, await participant(hw))
    await dispatcher.deliver_due()
    clock.advance(timedelta(minutes=1))
    await conduct.mark_handled(hw, await team_member(hw), report.id, "Talked to both.")
    await dispatcher.deliver_due()
    posted, edited = messenger.to("conduct-team")[0], messenger.sent[-1]
    assert edited.kind == "update" and posted.message is not None and edited.message is not None
    assert [b.label for b in posted.message.buttons] == ["Mark handled"]
    assert edited.message.buttons == ()
    assert "Handled by Grace Hopper" in edited.text and "Talked to both." in edited.text
