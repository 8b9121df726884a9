"""The fake Discord's gateway: HELLO, IDENTIFY → READY + GUILD_CREATE, heartbeats, RESUME,
and dispatching events (INTERACTION_CREATE) to every connected client."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from aiohttp import WSMsgType, web

from tests.adapters.discord import payloads as p

if TYPE_CHECKING:
    from tests.adapters.discord.fake_discord import FakeDiscord

DISPATCH, HEARTBEAT, IDENTIFY, RESUME, HELLO, HEARTBEAT_ACK = 0, 1, 2, 6, 10, 11


class FakeGateway:
    def __init__(self, fake: FakeDiscord) -> None:
        self.fake = fake
        self.sockets: list[web.WebSocketResponse] = []
        self.identified: list[dict[str, Any]] = []  # IDENTIFY payloads received
        self.resumed = 0
        self.heartbeats = 0
        self.sequence = 0
        self.session_id = "fake-session-1"

    async def handle(self, request: web.Request) -> web.WebSocketResponse:
        socket = web.WebSocketResponse()
        await socket.prepare(request)
        self.sockets.append(socket)
        await socket.send_str(json.dumps({"op": HELLO, "d": {"heartbeat_interval": 41250}}))
        try:
            async for frame in socket:
                if frame.type == WSMsgType.TEXT:
                    await self._receive(socket, json.loads(frame.data))
        finally:
            self.sockets.remove(socket)
        return socket

    async def dispatch(self, event: str, data: dict[str, Any]) -> None:
        for socket in list(self.sockets):
            await self._send_event(socket, event, data)

    async def send_op(self, op: int) -> None:
        """A bare opcode to every client (7: RECONNECT)."""
        for socket in list(self.sockets):
            await socket.send_str(json.dumps({"op": op, "d": None}))

    async def close(self) -> None:
        for socket in list(self.sockets):
            await socket.close()

    async def _receive(self, socket: web.WebSocketResponse, message: dict[str, Any]) -> None:
        op = message.get("op")
        if op == HEARTBEAT:
            self.heartbeats += 1
            await socket.send_str(json.dumps({"op": HEARTBEAT_ACK}))
        elif op == IDENTIFY:
            self.identified.append(message["d"])
            await self._send_event(socket, "READY", self._ready())
            await self._send_event(socket, "GUILD_CREATE", self._guild())
        elif op == RESUME:
            self.resumed += 1
            await self._send_event(socket, "RESUMED", {})

    async def _send_event(self, socket: web.WebSocketResponse, event: str, data: Any) -> None:
        self.sequence += 1
        frame = {"op": DISPATCH, "t": event, "s": self.sequence, "d": data}
        await socket.send_str(json.dumps(frame))

    def _ready(self) -> dict[str, Any]:
        fake = self.fake
        return {
            "v": 10,
            "user": fake.bot,
            "guilds": [{"id": fake.guild_id, "unavailable": True}],
            "session_id": self.session_id,
            "resume_gateway_url": fake.gateway_url,
            "application": {"id": fake.app_id, "flags": 0},
            "private_channels": [],
        }

    def _guild(self) -> dict[str, Any]:
        fake = self.fake
        return {
            "id": fake.guild_id,
            "name": "ICML 2021",
            "owner_id": p.snowflake(),
            "icon": None,
            "roles": fake.roles,
            "channels": list(fake.channels.values()),
            "members": [p.member(fake.bot)],
            "member_count": 1,
            "large": False,
            "unavailable": False,
            "features": [],
            "emojis": [],
            "stickers": [],
            "threads": [],
            "voice_states": [],
            "presences": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
            "verification_level": 0,
            "default_message_notifications": 0,
            "explicit_content_filter": 0,
            "mfa_level": 0,
            "premium_tier": 0,
            "preferred_locale": "en-US",
            "joined_at": p.NOW,
        }
