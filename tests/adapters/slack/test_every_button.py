"""Every button of Hallway's command table, pressed in Slack where it shows (with the value it
carries there) by the person it is shown to; and every action pressed with forged values by
someone who may do everything, and by a stranger — refused with a sentence, never a crash."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from bot.commands import build_router
from bot.domain.participants import Role
from storage import Database, tables
from tests.adapters.slack.button_sources import SOURCES
from tests.adapters.slack.harness import SlackHarness
from tests.adapters.slack.scenes import STRANGER, answered, cast, no_apology, press, slack_actor

ACTIONS = sorted(build_router().actions)
FORGED = ["999999", "not-a-number", "<!channel> & <@U123>", "", "1:2:3", "-1"]
EVERYTHING = "UROOT"
WRITTEN = [
    getattr(tables, name)
    for name in (
        "accounts",
        "outbox",
        "work",
        "socials",
        "social_leads",
        "rsvps",
        "audit_log",
        "conduct_reports",
        "rooms",
        "mentor_profiles",
        "mentoring_sessions",
        "mentoring_bookings",
    )
]


@pytest.fixture(autouse=True)
async def people(hallway: SlackHarness) -> None:
    await cast(hallway)


def test_every_registered_action_has_a_place_it_shows() -> None:
    assert set(SOURCES) == set(ACTIONS)


@pytest.mark.parametrize("action", ACTIONS)
async def test_a_button_pressed_where_it_shows_does_what_it_says(
    hallway: SlackHarness, action: str
) -> None:
    shown = await SOURCES[action](hallway)
    turn = await press(hallway, shown, action)
    no_apology(turn)
    assert turn.answer.status == 200 and turn.answer.text == ""


@pytest.mark.parametrize("action", ACTIONS)
async def test_forged_values_are_refused_without_a_crash_and_nothing_is_stored(
    hallway: SlackHarness, database: Database, action: str
) -> None:
    await hallway.person(EVERYTHING, "root@example.org", "Root", *tuple(Role))
    await slack_actor(hallway, EVERYTHING)  # linked at first sight, before counting
    before = await _counts(database)
    for value in FORGED:
        for user in (EVERYTHING, STRANGER):
            answered(await hallway.press(action, value, user))
    assert await _counts(database) == before


async def _counts(database: Database) -> tuple[int, ...]:
    async with database.engine.connect() as connection:
        return tuple(
            [await connection.scalar(select(func.count()).select_from(table)) for table in WRITTEN]
        )
