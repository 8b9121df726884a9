"""users.info results are cached briefly, per person."""

from __future__ import annotations

from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.profiles import ProfileCache
from tests.adapters.slack.fake_slack import FakeSlack


class Ticker:
    def __init__(self) -> None:
        self.seconds = 0.0

    def __call__(self) -> float:
        return self.seconds


async def test_a_profile_is_fetched_once_within_its_time_to_live(fake_slack: FakeSlack) -> None:
    fake_slack.add_user("UADA", "ada@example.org", tz="Europe/Paris")
    client = AsyncWebClient(token="x", base_url=fake_slack.api_url)
    ticker = Ticker()
    cache = ProfileCache(ttl_seconds=300, now=ticker)
    first = await cache.get(client, "UADA")
    ticker.seconds = 299
    await cache.get(client, "UADA")
    assert len(fake_slack.called("users.info")) == 1
    assert (first.email, first.zone) == ("ada@example.org", "Europe/Paris")


async def test_a_profile_is_fetched_again_once_stale(fake_slack: FakeSlack) -> None:
    fake_slack.add_user("UADA", "ada@example.org", tz="Europe/Paris")
    client = AsyncWebClient(token="x", base_url=fake_slack.api_url)
    ticker = Ticker()
    cache = ProfileCache(ttl_seconds=300, now=ticker)
    await cache.get(client, "UADA")
    fake_slack.add_user("UADA", "ada@example.org", tz="America/Denver")
    ticker.seconds = 301
    assert (await cache.get(client, "UADA")).zone == "America/Denver"


async def test_the_cache_keeps_at_most_its_size_dropping_the_oldest(
    fake_slack: FakeSlack,
) -> None:
    client = AsyncWebClient(token="x", base_url=fake_slack.api_url)
    for user in ("U1", "U2", "U3"):
        fake_slack.add_user(user, f"{user}@example.org")
    cache = ProfileCache(max_entries=2)
    for user in ("U1", "U2", "U3", "U1"):
        await cache.get(client, user)
    assert [call.args["user"] for call in fake_slack.called("users.info")] == [
        "U1",
        "U2",
        "U3",
        "U1",
    ]
