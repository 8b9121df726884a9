"""The composition root's Slack pieces: the messenger a scheduler process uses."""

from __future__ import annotations

from dataclasses import replace

from aiohttp import web

from adapters.slack.app import web_client
from bot import bootstrap
from bot.app import Hallway
from bot.commands import build_router
from bot.config import Settings
from bot.messages import Person, line, message
from bot.services.identity import identify
from storage import Database
from tests.adapters.slack.fake_slack import FakeSlack
from tests.factories import register


async def test_the_scheduler_messenger_reaches_the_configured_api_and_mentions_linked_people(
    hw: Hallway, database: Database, fake_slack: FakeSlack
) -> None:
    ada = await register(hw, "ada@example.org", "Ada")
    await identify(hw, "slack", "U0ADA", email="ada@example.org")
    settings = Settings(slack_bot_token="xoxb-test", slack_api_url=fake_slack.api_url)
    runtime = bootstrap.Runtime(
        settings, database, replace(hw, platforms=("slack",)), build_router()
    )
    messenger = bootstrap.slack_messenger(runtime)
    fake_slack.add_user("UBOB", "bob@example.org")
    try:
        await messenger.send_direct(
            "UBOB", message(None, line("Hi from {p}", p=Person(ada.id, "Ada"))), None
        )
    finally:
        await bootstrap.close_messengers({"slack": messenger})
    [posted] = fake_slack.called("chat.postMessage")
    assert posted.args["blocks"][0]["text"]["text"] == "Hi from <@U0ADA>"
    assert messenger.platform == "slack"


async def test_the_web_client_never_retries_on_its_own() -> None:
    client = web_client("xoxb-test", "http://127.0.0.1:9/api/")
    assert client.retry_handlers == []


async def test_the_scheduler_process_delivers_to_slack_with_the_other_platforms(
    hw: Hallway, database: Database, fake_slack: FakeSlack
) -> None:
    settings = Settings(
        slack_bot_token="xoxb-test", slack_signing_secret="s", slack_api_url=fake_slack.api_url
    )
    runtime = bootstrap.Runtime(settings, database, hw, build_router())
    messengers = bootstrap.rest_messengers(runtime)
    await bootstrap.close_messengers(messengers)
    assert list(messengers) == ["slack"]


class ConnectionCountingSlack(FakeSlack):
    """The fake Slack, noting the client's end of the connection each call came over."""

    def __init__(self) -> None:
        super().__init__()
        self.peers: list[object] = []

    async def _api(self, request: web.Request) -> web.StreamResponse:
        self.peers.append(
            request.transport.get_extra_info("peername") if request.transport else None
        )
        return await super()._api(request)


async def test_the_scheduler_messenger_sends_over_one_kept_alive_connection(
    hw: Hallway, database: Database
) -> None:
    """The SDK's client opens a new HTTP session, so a new connection (and in production a TLS
    handshake), for every call unless it is given one: a fan-out paid that per message."""
    fake = ConnectionCountingSlack()
    await fake.start()
    settings = Settings(slack_bot_token="xoxb-test", slack_api_url=fake.api_url)
    runtime = bootstrap.Runtime(
        settings, database, replace(hw, platforms=("slack",)), build_router()
    )
    messenger = bootstrap.slack_messenger(runtime)
    try:
        for user in ("UADA", "UBOB", "UCAT"):
            fake.add_user(user, f"{user.lower()}@example.org")
            await messenger.send_direct(user, message(None, "Hello"), None)
    finally:
        await bootstrap.close_messengers({"slack": messenger})
        await fake.stop()
    assert len(fake.called("chat.postMessage")) == 3
    assert len(fake.peers) >= 6  # a conversation opened and a message posted, for each
    assert len(set(fake.peers)) == 1
