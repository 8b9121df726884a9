"""/programme ics and revoke-link through the command table, and the typed chairs' aliases."""

from __future__ import annotations

import pytest

from bot.app import Hallway
from bot.commands import build_router
from bot.errors import NotRegistered
from bot.interaction import Reply
from bot.messages import plain
from tests.calendar_kit import programme, read_ics
from tests.factories import actor


async def test_programme_ics_answers_the_links_and_attaches_my_file(hw: Hallway) -> None:
    made = await programme(hw)
    outcome = await build_router().run_text(hw, made.guest, "programme", "ics")
    assert isinstance(outcome, Reply)
    [file] = outcome.attachments
    assert (file.filename, file.content_type, file.channel) == (
        "icml2021-mine.ics",
        "text/calendar",
        None,
    )
    assert len(read_ics(file.data)) == 2
    shown = plain(outcome.message)
    assert "http://localhost:3000/calendar/programme.ics" in shown
    assert "/programme revoke-link" in shown


async def test_revoke_link_gives_a_new_link(hw: Hallway) -> None:
    made = await programme(hw)
    router = build_router()
    first = await router.run_text(hw, made.guest, "programme", "ics")
    renewed = await router.run_text(hw, made.guest, "programme", "revoke-link")
    assert isinstance(first, Reply) and isinstance(renewed, Reply)
    old = next(
        w
        for w in plain(first.message).split()
        if w.startswith("<http") and "/calendar/" in w and "programme" not in w
    )
    assert old not in plain(renewed.message)
    assert "Your old link no longer works" in plain(renewed.message)


async def test_someone_not_registered_gets_no_calendar(hw: Hallway) -> None:
    stranger = await actor(hw, "stranger@example.org")
    with pytest.raises(NotRegistered):
        await build_router().run_text(hw, stranger, "programme", "ics")


async def test_social_chairs_stats_is_typed_as_an_alias(hw: Hallway) -> None:
    made = await programme(hw)
    outcome = await build_router().run_text(hw, made.chair, "social", "chairs stats")
    assert isinstance(outcome, Reply)
    assert outcome.message.title == "Statistics for the chairs"


async def test_social_chairs_export_takes_its_format(hw: Hallway) -> None:
    made = await programme(hw)
    outcome = await build_router().run_text(hw, made.chair, "social", "chairs export json")
    assert isinstance(outcome, Reply)
    assert [a.filename for a in outcome.attachments] == [
        "icml2021-submissions.json",
        "icml2021-mentoring.json",
    ]
