"""Conduct reports on SQLite: filing one (report + team notice + receipt, one transaction) and the
team's list of 1,000 open reports.

Baselines, in the same run and database: a unit of work that only queues one channel notice (the
floor of any write that tells someone), and a bare `SELECT` of the same 1,000 rows.
"""

from __future__ import annotations

from sqlalchemy import select

from bench.common import describe, fresh_sqlite, icml_hallway, timed
from bot.app import Hallway
from bot.delivery.outbox import post_to_channel
from bot.domain.conduct import ConductDraft
from bot.domain.delivery import ChannelRole
from bot.domain.participants import Role
from bot.interaction import Actor
from bot.messages import message
from bot.ports import Registration
from bot.services.conduct import list_reports, report_conduct
from bot.services.identity import identify
from storage.tables import conduct_reports

REPORTS = 1_000
TEXT = "Someone kept talking over the newcomers during the quiz. " * 20


async def people(hw: Hallway) -> tuple[Actor, Actor]:
    rows = [
        Registration("reporter@example.org", "Reporter", None, frozenset()),
        Registration("team@example.org", "Team", None, frozenset({Role.CONDUCT})),
    ]
    async with hw.uow() as uow:
        await uow.participants.upsert_registrations(hw.event.id, rows)
        await uow.commit()
    reporter = await identify(hw, "bench", "U1", email="reporter@example.org")
    return reporter, await identify(hw, "bench", "U2", email="team@example.org")


async def run() -> None:
    async with fresh_sqlite() as (database, _path):
        hw = await icml_hallway(database)
        reporter, team = await people(hw)
        counter = iter(range(10 * REPORTS))

        async def file_one() -> None:
            anonymous = next(counter) % 2 == 0
            await report_conduct(hw, reporter, ConductDraft("social", TEXT, "Quiz", anonymous))

        async def notice_only() -> None:
            async with hw.uow() as uow:
                key = f"bench:{next(counter)}"
                await post_to_channel(hw, uow, ChannelRole.CONDUCT, message("x", TEXT), key)
                await uow.commit()

        async def raw_select() -> None:
            async with database.engine.connect() as connection:
                rows = await connection.execute(select(conduct_reports))
                assert len(rows.all()) == REPORTS

        filing = await timed(file_one, REPORTS)
        floor = await timed(notice_only, 200)
        listing = await timed(lambda: list_reports(hw, team, "open"), 20)
        bare = await timed(raw_select, 20)
    print(f"file a report (1,000 in a row):  {describe(filing)}")
    print(f"baseline: queue one notice only: {describe(floor)}")
    print(f"list {REPORTS:,} open reports:      {describe(listing)}")
    print(f"baseline: bare SELECT of them:   {describe(bare)}")
