"""Everything a kill run needs, set up and torn down together: the fake Slack, the seeded
world, `hallway run` on the database, and people to act in Slack."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import aiohttp

from bot.bootstrap import build_router
from bot.commands import social_forms
from bot.config import Settings
from bot.event import load_event_file
from storage import Database, connect
from tests.adapters.slack.fake_slack import FakeSlack
from tests.hardening.faults_kill.actions import People
from tests.hardening.faults_kill.process import HallwayProcess
from tests.hardening.faults_kill.world import Sizes, World, populate_slack, seed, write_event

FORMS = (social_forms.SUBMIT_FORM.id, "social.approve", "social.reject")


@dataclass
class Rig:
    fake: FakeSlack
    world: World
    hallway: HallwayProcess
    people: People
    database: Database


@asynccontextmanager
async def kill_rig(
    database_url: str,
    folder: Path,
    sizes: Sizes,
    fake: FakeSlack | None = None,
    *,
    live: bool = False,
) -> AsyncIterator[Rig]:
    """`live`: the conference is on (see `world.event_toml`)."""
    fake = fake or FakeSlack()
    await fake.start()
    populate_slack(fake, sizes)
    event_file = write_event(folder, datetime.now(UTC).date(), live=live)
    settings = Settings(
        database_url=database_url,
        event_file=event_file,
        slack_bot_token="xoxb-kill-nine",
        slack_api_url=fake.api_url,
    )
    world = await seed(settings, sizes)
    router, event = build_router(), load_event_file(event_file)
    forms = {form_id: router.get_form(form_id, event) for form_id in FORMS}
    hallway = HallwayProcess(database_url, event_file, fake.api_url, folder)
    database = connect(database_url)
    try:
        await hallway.start()
        async with aiohttp.ClientSession() as session:
            people = People(fake, hallway, world, session, forms)
            yield Rig(fake, world, hallway, people, database)
    finally:
        await hallway.stop()
        await database.dispose()
        await fake.stop()
