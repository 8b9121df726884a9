"""Filing a code-of-conduct report: where it goes, what the reporter gets, what is refused."""

from __future__ import annotations

import logging

import pytest

from bot.app import Hallway
from bot.delivery.dispatcher import Dispatcher
from bot.domain.conduct import DESCRIPTION_LIMIT
from bot.errors import InvalidInput
from bot.interaction import Actor
from bot.messages import Paragraph
from bot.services.identity import identify
from storage import Database
from tests.factories import actor, register
from tests.fakes import RecordingMessenger
from tests.service.conduct_helpers import WHAT_HAPPENED, file, stored_outbox, stored_reports

REPORTER = "zelda@example.org"
REPORTER_NAME = "Zelda Quixote"


async def reporter_actor(hw: Hallway) -> Actor:
    await register(hw, REPORTER, REPORTER_NAME)
    return await actor(hw, REPORTER)


async def test_a_report_reaches_the_conduct_channel_with_its_text(
    hw: Hallway, messenger: RecordingMessenger
) -> None:
    report = await file(hw, await reporter_actor(hw))
    await Dispatcher(hw, {"fake": messenger}).deliver_due()
    [notice] = messenger.to("conduct-team")
    assert notice.kind == "post"
    assert f"Code-of-conduct report #{report.id}" in notice.text
    assert WHAT_HAPPENED in notice.text
    assert "About: A social — Quiz night, Tuesday" in notice.text


async def test_a_named_report_names_its_reporter_to_the_team(
    hw: Hallway, database: Database, messenger: RecordingMessenger
) -> None:
    zelda = await reporter_actor(hw)
    report = await file(hw, zelda)
    [row] = await stored_reports(database)
    assert zelda.participant is not None
    assert (row["reporter_id"], row["anonymous"]) == (zelda.participant.id, False)
    await Dispatcher(hw, {"fake": messenger}).deliver_due()
    [notice] = messenger.to("conduct-team")
    assert f"Filed by {REPORTER_NAME} ({REPORTER})" in notice.text
    assert report.reporter_id == zelda.participant.id


async def test_a_named_reporter_gets_a_direct_message_copy_of_the_receipt(
    hw: Hallway, messenger: RecordingMessenger
) -> None:
    report = await file(hw, await reporter_actor(hw))
    await Dispatcher(hw, {"fake": messenger}).deliver_due()
    [copy] = messenger.to(f"U-{REPORTER}")
    assert copy.kind == "direct"
    assert f"has your report #{report.id}" in copy.text
    assert WHAT_HAPPENED in copy.text


async def test_an_anonymous_report_stores_no_reporter(hw: Hallway, database: Database) -> None:
    await file(hw, await reporter_actor(hw), anonymous=True)
    [row] = await stored_reports(database)
    assert (row["reporter_id"], row["anonymous"]) == (None, True)
    assert REPORTER not in str(row) and REPORTER_NAME not in str(row)


async def test_an_anonymous_report_leaves_no_trace_of_its_reporter_in_the_outbox(
    hw: Hallway, database: Database
) -> None:
    zelda = await reporter_actor(hw)
    assert zelda.participant is not None
    await file(hw, zelda, anonymous=True)
    rows = await stored_outbox(database)
    assert [row["recipient"] for row in rows] == ["channel:conduct"]  # no receipt DM
    stored = str(rows)
    for trace in (REPORTER, REPORTER_NAME, zelda.user_id, f"person:{zelda.participant.id}"):
        assert trace not in stored
    assert f">p{zelda.participant.id}" not in stored
    assert '"person"' not in stored  # no Person part at all in the notice


async def test_an_anonymous_report_logs_nothing_about_its_reporter(
    hw: Hallway, caplog: pytest.LogCaptureFixture, messenger: RecordingMessenger
) -> None:
    zelda = await reporter_actor(hw)
    with caplog.at_level(logging.DEBUG):
        await file(hw, zelda, anonymous=True)
        await Dispatcher(hw, {"fake": messenger}).deliver_due()
    logged = "\n".join(record.getMessage() for record in caplog.records)
    for trace in (REPORTER, REPORTER_NAME, zelda.user_id):
        assert trace not in logged


async def test_an_unlinked_account_can_report_anonymously(hw: Hallway, database: Database) -> None:
    stranger = await identify(hw, "fake", "U-stranger", email="stranger@example.org")
    report = await file(hw, stranger, anonymous=True)
    assert report.anonymous and report.reporter_id is None
    assert len(await stored_reports(database)) == 1


async def test_an_unlinked_account_cannot_report_under_a_name(
    hw: Hallway, database: Database
) -> None:
    stranger = await identify(hw, "fake", "U-stranger", email="stranger@example.org")
    with pytest.raises(InvalidInput) as refused:
        await file(hw, stranger, anonymous=False)
    assert "can only report anonymously" in refused.value.errors["anonymous"]
    assert await stored_reports(database) == [] and await stored_outbox(database) == []


async def test_text_longer_than_the_limit_is_refused_at_its_field_and_nothing_is_stored(
    hw: Hallway, database: Database
) -> None:
    with pytest.raises(InvalidInput) as refused:
        await file(hw, await reporter_actor(hw), "x" * (DESCRIPTION_LIMIT + 1))
    assert "4,001 characters; at most 4,000 fit" in refused.value.errors["description"]
    assert await stored_reports(database) == [] and await stored_outbox(database) == []


async def test_text_of_exactly_the_limit_is_accepted(hw: Hallway) -> None:
    report = await file(hw, await reporter_actor(hw), "x" * DESCRIPTION_LIMIT)
    assert len(report.description) == DESCRIPTION_LIMIT


@pytest.mark.parametrize(
    ("field", "changes"),
    [
        ("description", {"description": "   \n  "}),
        ("about_kind", {"about_kind": "workshop"}),
        ("about", {"about": "q" * 201}),
    ],
)
async def test_each_bad_field_is_refused_at_that_field(
    hw: Hallway, database: Database, field: str, changes: dict[str, str]
) -> None:
    who = await reporter_actor(hw)
    with pytest.raises(InvalidInput) as refused:
        await file(hw, who, **changes)  # type: ignore[arg-type]
    assert list(refused.value.errors) == [field]
    assert await stored_reports(database) == []


async def test_the_text_round_trips_exactly_as_written(
    hw: Hallway, database: Database, messenger: RecordingMessenger
) -> None:
    tricky = "  <!channel> @everyone <@U123> *bold* _x_ `c` &amp; &lt;\n\n\tindented 🙂 \\n "
    await file(hw, await reporter_actor(hw), tricky, about="<@U999> & *Quiz*")
    [row] = await stored_reports(database)
    assert (row["description"], row["about"]) == (tricky, "<@U999> & *Quiz*")
    await Dispatcher(hw, {"fake": messenger}).deliver_due()
    [notice] = messenger.to("conduct-team")
    assert notice.message is not None
    paragraphs = [b.lines for b in notice.message.blocks if isinstance(b, Paragraph)]
    assert ((tricky,),) in paragraphs
