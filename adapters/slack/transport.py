"""How Slack reaches the bolt app: signed HTTP requests on Hallway's listener, or Socket Mode.

Socket Mode (an app-level `SLACK_APP_TOKEN`) needs no public URL; Slack then sends the same
payloads over a websocket, and the HTTP listener keeps serving everything else.
"""

from __future__ import annotations

import logging
import time

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncApp
from slack_bolt.request.async_request import AsyncBoltRequest

from adapters.slack.signing import signed_by_slack
from adapters.web import Handler, WebServer

EVENTS_PATH = "/slack/events"
REFUSED = {"error": "invalid request"}  # what bolt answers to a bad signature, too
UNREADABLE = (TypeError, AttributeError, KeyError, IndexError, ValueError)
log = logging.getLogger("adapters.slack")


def http_endpoint(app: AsyncApp, signing_secret: str) -> Handler:
    """Verify the raw bytes first; bolt then reads them as the UTF-8 text Slack sends (and
    verifies them again, on exactly those bytes)."""

    async def endpoint(request: web.Request) -> web.Response:
        raw = await request.read()
        if not signed_by_slack(raw, request.headers, signing_secret, time.time()):
            return web.json_response(REFUSED, status=401)
        try:
            body = raw.decode("utf-8")
        except UnicodeDecodeError:
            return web.json_response({"error": "the body is not UTF-8"}, status=400)
        try:
            bolt_request = AsyncBoltRequest(
                body=body,
                query=request.query_string,
                headers=request.headers,  # type: ignore[arg-type]
            )
        except UNREADABLE as exc:
            # Bolt reads who and where from the body as it builds the request; a part of the
            # wrong JSON type (a `channel` that is `true`) makes it raise. Slack never sends
            # one, and this one is signed: refused, not a crash.
            log.warning("Refused a Slack request bolt cannot read: %r", exc)
            return web.Response(status=400, text="Malformed request")
        return await to_aiohttp_response(await app.async_dispatch(bolt_request))

    return endpoint


class SocketMode:
    """The Socket Mode connection, opened and closed by whoever serves Slack."""

    def __init__(self, app: AsyncApp, app_token: str) -> None:
        self.handler = AsyncSocketModeHandler(app, app_token, web_client=app.client)

    async def connect(self) -> None:
        await self.handler.connect_async()  # type: ignore[no-untyped-call]

    async def close(self) -> None:
        await self.handler.close_async()  # type: ignore[no-untyped-call]


def attach(
    app: AsyncApp, server: WebServer, app_token: str | None, signing_secret: str
) -> SocketMode | None:
    """Socket Mode when an app token is set (the caller connects it), else `POST /slack/events`."""
    if app_token:
        return SocketMode(app, app_token)
    server.mount("POST", EVENTS_PATH, http_endpoint(app, signing_secret))
    return None
