"""Every button the core registers, pressed through the real client where it really appears
(values from real flows), and pressed with forged values: refused cleanly, nothing stored."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from bot.commands import build_router
from storage import Database
from storage.tables import metadata
from tests.adapters.discord.action_routes import PRESSES
from tests.adapters.discord.world import World, buttons_of, text_of

ACTIONS = sorted(build_router().actions)
FORGED = ["999999", "0", "abc", "", "1:2", "-1", "12 OR 1=1"]
APOLOGY = "Sorry, something went wrong"


def test_every_action_has_a_way_in() -> None:
    assert sorted(PRESSES) == ACTIONS


@pytest.mark.parametrize("action", ACTIONS)
async def test_a_button_where_it_appears_does_what_it_says(world: World, action: str) -> None:
    way = PRESSES[action]
    who, posted = await way.find(world)
    [custom_id] = [item for item in buttons_of(posted) if item.startswith(f"{action}:")][:1]
    answer = await world.press(who, posted, custom_id)
    assert way.answer.lower() in text_of(answer).lower(), text_of(answer)
    assert APOLOGY not in text_of(answer)


async def row_counts(database: Database) -> dict[str, int]:
    async with database.engine.connect() as connection:
        return {
            table.name: int(await connection.scalar(select(func.count()).select_from(table)) or 0)
            for table in metadata.sorted_tables
        }


@pytest.mark.parametrize("action", ACTIONS)
async def test_a_forged_button_is_refused_cleanly_and_stores_nothing(
    world: World, database: Database, action: str
) -> None:
    way = PRESSES[action]
    who, _posted = await way.find(world)
    before = await row_counts(database)
    for value in FORGED:
        answer = await world.press_new(who, f"{action}:{value}")
        flags = answer.body.get("flags", answer.body.get("data", {}).get("flags", 0))
        assert flags & 64, f"{action}:{value} answered publicly"
        assert APOLOGY not in text_of(answer), f"{action}:{value} crashed"
    assert await row_counts(database) == before
