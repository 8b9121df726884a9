"""Slack, ready to serve: the bolt app on the shared HTTP listener, or over Socket Mode.

The composition root builds one, lets it mount its route, starts the listener, and stops it
last, after the listener: work already acknowledged is given a few seconds to finish.
"""

from __future__ import annotations

import asyncio
import contextlib

import aiohttp
from slack_bolt.async_app import AsyncApp

from adapters.slack.app import build_app, web_client
from adapters.slack.context import SlackContext
from adapters.slack.transport import SocketMode, attach
from adapters.web import WebServer
from bot.app import Hallway
from bot.commands.registry import Router

DRAIN_SECONDS = 5.0


class SlackService:
    def __init__(
        self,
        hw: Hallway,
        router: Router,
        *,
        bot_token: str,
        signing_secret: str,
        api_url: str,
        app_token: str | None = None,
    ) -> None:
        self.ctx = SlackContext(hw, router)
        self.bot_token = bot_token
        self.signing_secret = signing_secret
        self.api_url = api_url
        self.app_token = app_token
        self.app: AsyncApp | None = None
        self._session: aiohttp.ClientSession | None = None
        self._socket: SocketMode | None = None

    @property
    def socket_mode(self) -> bool:
        return self.app_token is not None

    async def start(self, web: WebServer) -> None:
        """Mount `POST /slack/events` on `web` (before it starts), or connect Socket Mode."""
        self._session = aiohttp.ClientSession()
        client = web_client(self.bot_token, self.api_url, self._session)
        self.app = build_app(self.ctx, client, self.signing_secret)
        self._socket = attach(self.app, web, self.app_token, self.signing_secret)
        if self._socket is not None:
            await self._socket.connect()

    async def stop(self, drain_seconds: float = DRAIN_SECONDS) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.ctx.inflight.wait_idle(), drain_seconds)
        if self._socket is not None:
            await self._socket.close()
        if self._session is not None:
            await self._session.close()
