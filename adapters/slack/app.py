"""The bolt app: Hallway's listeners on an `AsyncApp` whose Web API client may point anywhere.

Bolt has no base-URL option of its own; it uses the client it is given, so `SLACK_API_URL`
(a fake Slack in tests) reaches every call, including the `auth.test` bolt makes first.
"""

from __future__ import annotations

import logging

import aiohttp
from slack_bolt.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack import buttons, commands, events, submissions
from adapters.slack.context import SlackContext
from adapters.slack.shapes import RefuseMalformed
from adapters.slack.workspace import only_our_workspace


def web_client(
    token: str, api_url: str, session: aiohttp.ClientSession | None = None
) -> AsyncWebClient:
    # No retries inside the SDK: its default retries a call whose connection failed, which may
    # post a message twice. The dispatcher retries, and asks `was_delivered` first.
    return AsyncWebClient(token=token, base_url=api_url, session=session, retry_handlers=[])


def pooled_web_client(token: str, api_url: str) -> AsyncWebClient:
    """A client whose calls share one HTTP session, so one kept-alive connection (without a
    session, the SDK opens one for every call). With the event loop running; the session is
    closed with `SlackMessenger.close`."""
    return web_client(token, api_url, aiohttp.ClientSession())


def build_app(ctx: SlackContext, client: AsyncWebClient, signing_secret: str) -> AsyncApp:
    # Listeners ack first and then work, so bolt may answer Slack as soon as they ack.
    app = AsyncApp(
        client=client,
        signing_secret=signing_secret,
        process_before_response=False,
        name="hallway",
        logger=logging.getLogger("slack_bolt.hallway"),
    )
    app.use(RefuseMalformed())  # after bolt's signature check, before it picks a listener
    app.use(only_our_workspace)
    for listeners in (commands, buttons, submissions, events):
        listeners.register(app, ctx)
    return app
