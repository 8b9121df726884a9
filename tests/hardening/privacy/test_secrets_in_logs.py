"""Tokens, secrets and people's data never reach a log, every library's logger at DEBUG, with
Hallway's logging set up as `hallway` sets it up:
- a Slack run: the real bolt app handling signed (and forged) requests, Web API calls to the
  fake Slack, the dispatcher delivering, a personal calendar feed fetched over HTTP;
- a Discord run: the real discord.py client logging in to the fake gateway with the token,
  interactions answered, REST deliveries;
- storage: SQL parameters and result rows never logged (SQLite and PostgreSQL), and an
  integrity error's text carries no parameter either."""

from __future__ import annotations

import aiohttp
import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from bot.app import Hallway
from bot.clock import ManualClock
from bot.domain.participants import Role
from storage import Database
from storage.tables import calendar_tokens
from tests.adapters.discord.fake_discord import FakeDiscord
from tests.adapters.slack.harness import SlackHarness
from tests.adapters.slack.scenes import ADA, BOB, CAST, cast, confirmed, decide, fill_in
from tests.factories import actor, register
from tests.hardening.privacy import secrets as s
from tests.hardening.privacy.conftest import secret_world
from tests.hardening.privacy.dbdump import mentions
from tests.hardening.privacy.logcapture import Captured, debug_logs
from tests.hardening.privacy.secrets import leaked
from tests.service.conduct_helpers import file

DESCRIPTION = "We read one paper a day (marker 5521-desc)."
REPORT = "Someone was rude in the hallway (marker 9083-report)."


async def calendar_secrets(database: Database) -> dict[str, str]:
    async with database.engine.connect() as connection:
        tokens = (await connection.execute(select(calendar_tokens.c.token))).scalars().all()
    return {f"calendar token {n}": token for n, token in enumerate(tokens)}


def people_and_words_in(logs: Captured, words: list[str]) -> list[str]:
    hallway = [r for r in logs.records if r.name != "aiohttp.access"]  # the fakes' own logs
    text = "\n".join(piece for record in hallway for piece in logs.pieces(record))
    text += logs.stream.getvalue()
    return [word for word in words if mentions(text, word)]


async def test_a_slack_run_at_debug_logs_no_secret_and_no_ones_data(
    slack: SlackHarness, database: Database
) -> None:
    h = slack
    with debug_logs(s.SECRETS.values()) as logs:
        await cast(h)
        social = await confirmed(h, description=DESCRIPTION)
        await decide(h, social.id, "approve")
        await h.command("/programme", "ics", ADA)
        opened = await h.command("/conduct", "", BOB)
        await fill_in(h, opened, BOB, "conduct.report", anonymous="no", description=REPORT)
        forged = await h.send.command("/social", "list", BOB, secret="not-the-signing-secret")
        await h.run_work()
        await h.deliver()
        feeds = await calendar_secrets(database)
        [token] = feeds.values()
        async with (
            aiohttp.ClientSession() as session,
            session.get(f"{h.url}/calendar/{token}.ics") as feed,
        ):
            assert feed.status == 200 and "BEGIN:VCALENDAR" in await feed.text()
    assert forged.status == 401
    assert leaked(logs.text, feeds) == []
    emails = [email for email, *_ in CAST.values()]
    assert people_and_words_in(logs, [*emails, DESCRIPTION, REPORT]) == []
    assert {"slack_bolt", "slack_sdk", "sqlalchemy"} <= logs.names()
    assert len(logs.records) > 500  # the libraries did log at DEBUG: there was much to search


async def test_a_discord_run_at_debug_logs_no_secret_and_no_ones_data(
    fake_discord: FakeDiscord, hw: Hallway, clock: ManualClock, database: Database
) -> None:
    with debug_logs(s.SECRETS.values()) as logs:
        async with secret_world(fake_discord, hw, clock) as world:
            eve = await world.member("Evangeline")
            await world.member("Tess", Role.CONDUCT)
            await world.slash(eve, "programme", "ics")
            card = await world.slash(eve, "conduct", "report")
            answers = {"about_kind": ["general"], "description": REPORT, "anonymous": ["no"]}
            await world.fill(eve, card, [answers])
            await world.deliver()
            await world.deliver()
        feeds = await calendar_secrets(database)
    # The token really was used: discord.py identified with it, so its log paths ran.
    assert fake_discord.gateway.identified[0]["token"] == s.DISCORD_TOKEN
    assert feeds and leaked(logs.text, feeds) == []
    assert people_and_words_in(logs, ["evangeline@example.org", "tess@example.org", REPORT]) == []
    assert {"discord", "sqlalchemy"} <= logs.names()
    assert any(r.name == "discord.gateway" for r in logs.records)
    assert any(r.name == "discord.http" for r in logs.records)


async def test_sql_parameters_and_rows_are_never_logged(
    hw: Hallway, database: Database, backend: str
) -> None:
    with debug_logs() as logs:
        await register(hw, "grace@example.org", "Grace Hopper")
        await file(hw, await actor(hw, "grace@example.org"), REPORT)
    storage = logs.from_libraries("sqlalchemy", "aiosqlite", "asyncpg")
    assert len(storage) > 20, "the storage libraries should have logged at DEBUG"
    text = "\n".join(piece for record in storage for piece in logs.pieces(record))
    assert "INSERT INTO participants" in text  # statements are logged, values are not
    assert people_and_words_in(logs, ["grace@example.org", "Grace Hopper", REPORT]) == []
    assert database.engine.sync_engine.hide_parameters is True
    assert backend in ("sqlite", "postgresql")


async def test_an_integrity_errors_text_carries_no_parameter(hw: Hallway) -> None:
    from bot.domain.conduct import AboutKind, ConductReport

    ada = await register(hw, "ada@example.org")
    report = ConductReport(hw.event.id, AboutKind.GENERAL, REPORT, True, hw.now())
    report.reporter_id = ada.id  # refused by the database's check constraint

    async def store() -> None:
        async with hw.uow() as uow:
            await uow.conduct.add(report)
            await uow.commit()

    with pytest.raises(IntegrityError) as refused:
        await store()
    assert "marker 9083" not in str(refused.value)
    assert "hidden due to hide_parameters" in str(refused.value)
