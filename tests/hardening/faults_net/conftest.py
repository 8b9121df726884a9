"""The fake platforms, started for each test and stopped after it."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator

import pytest
from sqlalchemy.engine import make_url

from tests.adapters.discord.fake_discord import FakeDiscord
from tests.adapters.slack.fake_slack import FakeSlack
from tests.hardening.faults_net.pg_proxy import PgProxy


@pytest.fixture
async def fake_slack() -> AsyncIterator[FakeSlack]:
    fake = FakeSlack()
    await fake.start()
    yield fake
    await fake.stop()
    assert fake.rejected == []


@pytest.fixture
async def fake_discord() -> AsyncIterator[FakeDiscord]:
    fake = await FakeDiscord().start()
    yield fake
    await fake.close()


# The PostgreSQL restarts need a server behind the proxy: without TEST_DATABASE_URL they are
# not collected, as the root conftest does not make PostgreSQL parameters without it.
collect_ignore = [] if os.environ.get("TEST_DATABASE_URL") else ["test_postgres_restarts.py"]


@pytest.fixture
async def proxy(postgres_url: str) -> AsyncIterator[PgProxy]:
    target = make_url(postgres_url)
    started = PgProxy(target.host or "127.0.0.1", target.port or 5432)
    await started.start()
    yield started
    await started.stop()
