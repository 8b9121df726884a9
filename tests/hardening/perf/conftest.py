from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.adapters.slack.fake_slack import FakeSlack


@pytest.fixture
async def fake_slack() -> AsyncIterator[FakeSlack]:
    fake = FakeSlack()
    await fake.start()
    yield fake
    await fake.stop()
    assert fake.rejected == []
