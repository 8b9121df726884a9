"""HTTP or Socket Mode: the transport follows the app token."""

from __future__ import annotations

from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.transport import SocketMode, attach
from adapters.web import WebServer


def bolt_app() -> AsyncApp:
    client = AsyncWebClient(token="xoxb-test", base_url="http://127.0.0.1:9/api/")
    return AsyncApp(client=client, signing_secret="secret")


async def test_an_app_token_chooses_socket_mode_and_mounts_no_route() -> None:
    web = WebServer()
    chosen = attach(bolt_app(), web, "xapp-1-test", "secret")
    assert isinstance(chosen, SocketMode)
    assert isinstance(chosen.handler, AsyncSocketModeHandler)
    assert chosen.handler.app_token == "xapp-1-test"
    assert web.paths == ["/healthz"]


async def test_without_an_app_token_slack_posts_to_the_events_route() -> None:
    web = WebServer()
    assert attach(bolt_app(), web, None, "secret") is None
    assert web.paths == ["/healthz", "/slack/events"]
