"""A fake Discord on loopback: REST under /api/v10 and a gateway websocket, for the real
discord.py client. Every REST call is recorded; failures can be queued per route.

Pitfalls it honours: discord.py decodes JSON only when Content-Type is exactly
`application/json` (aiohttp's json_response adds a charset), and READY must carry a
`resume_gateway_url`.

`weather` (see `tests.adapters.weather`) puts REST under a storm: 5xx, lost answers, requests
held past the client's timeout, 429s with `retry_after`. The gateway stays up.
"""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from tests.adapters.discord import payloads as p
from tests.adapters.discord.fake_gateway import FakeGateway
from tests.adapters.discord.fake_routes import ROUTES
from tests.adapters.discord.interactions import DiscordUser, direct_interaction, interaction
from tests.adapters.weather import Spell, Weather


@dataclass
class Call:
    method: str
    path: str
    body: Any
    query: dict[str, str] = field(default_factory=dict)
    response: Any = None


@dataclass
class Failure:
    method: str
    pattern: re.Pattern[str]
    status: int
    body: dict[str, Any]
    headers: dict[str, str]
    after: int = 0  # matching calls to let through first


class FakeDiscord:
    def __init__(self, rest_delay: float = 0.0) -> None:
        self.rest_delay = rest_delay  # seconds before each REST answer: a network's round trip
        self.app_id, self.guild_id, self.bot_id = p.snowflake(), p.snowflake(), p.snowflake()
        self.bot = p.user(self.bot_id, "Hallway", bot=True)
        self.roles = [p.role(self.guild_id, "@everyone", 0), p.role(p.snowflake(), "Registered", 1)]
        self.channels: dict[str, dict[str, Any]] = {}
        for name in ("socials-chairs", "socials", "mentoring", "conduct-team", "general"):
            self.add_channel(name)
        self.member_roles: dict[str, list[str]] = {}
        self.synced_commands: list[dict[str, Any]] = []
        self.scheduled_events: dict[str, dict[str, Any]] = {}
        self.messages: dict[str, dict[str, Any]] = {}
        self.calls: list[Call] = []
        self.failures: list[Failure] = []
        self.weather: Weather | None = None
        self.gateway = FakeGateway(self)
        self._changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self.port = 0

    # --- lifecycle ---

    async def start(self) -> FakeDiscord:
        app = web.Application()
        app.router.add_get("/gateway", self.gateway.handle)
        app.router.add_route("*", "/api/v10/{tail:.*}", self._rest)
        self._runner = web.AppRunner(app, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return self

    async def close(self) -> None:
        await self.gateway.close()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/v10"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway"

    # --- state ---

    def add_channel(self, name: str, kind: int = 0, **extra: Any) -> dict[str, Any]:
        made = p.channel(p.snowflake(), self.guild_id, name, kind, **extra)
        self.channels[made["id"]] = made
        return made

    def channel_named(self, name: str) -> dict[str, Any]:
        return next(item for item in self.channels.values() if item["name"] == name)

    def role_named(self, name: str) -> dict[str, Any]:
        return next(item for item in self.roles if item["name"] == name)

    def fail_next(
        self,
        method: str,
        path_pattern: str,
        status: int,
        body: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
        *,
        after: int = 0,
    ) -> None:
        """Answer the next matching call (or the one `after` more matching calls) with
        `status`, without doing it."""
        self.failures.append(
            Failure(method, re.compile(path_pattern), status, body or {}, headers or {}, after)
        )

    def calls_to(self, method: str, pattern: str) -> list[Call]:
        compiled = re.compile(pattern)
        return [c for c in self.calls if c.method == method and compiled.search(c.path)]

    async def wait_for_call(
        self, method: str, pattern: str, *, after: int = 0, within: float = 5.0
    ) -> Call:
        """The first call (from index `after` on) matching, waiting for it if needed."""
        compiled = re.compile(pattern)
        return await self.wait_until(
            lambda call: call.method == method and bool(compiled.search(call.path)), after, within
        )

    async def wait_until(
        self, wanted: Callable[[Call], bool], after: int = 0, within: float = 5.0
    ) -> Call:
        def found() -> Call | None:
            return next((call for call in self.calls[after:] if wanted(call)), None)

        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(found), within)
        result = found()
        assert result is not None
        return result

    # --- interactions ---

    async def interact(
        self,
        user: DiscordUser,
        kind: int,
        data: dict[str, Any],
        channel_id: str | None = None,
        **extra: Any,
    ) -> dict[str, Any]:
        """Send INTERACTION_CREATE to the connected client; returns the payload sent."""
        channel_id = channel_id or self.channel_named("general")["id"]
        if kind in (2, 4):  # guild commands name their guild
            data = {"guild_id": self.guild_id, **data}
        payload = interaction(self.app_id, self.guild_id, channel_id, user, kind, data, **extra)
        await self.gateway.dispatch("INTERACTION_CREATE", payload)
        return payload

    async def press_on(
        self, user: DiscordUser, posted: dict[str, Any], custom_id: str
    ) -> dict[str, Any]:
        """Press a button of a message posted in a channel or a direct message."""
        data = {"custom_id": custom_id, "component_type": 2}
        channel_id = posted["channel_id"]
        if channel_id in self.channels:
            return await self.interact(user, 3, data, message=posted, channel_id=channel_id)
        payload = direct_interaction(self.app_id, channel_id, user, 3, data, message=posted)
        await self.gateway.dispatch("INTERACTION_CREATE", payload)
        return payload

    def dm_channel_of(self, user_id: str) -> str:
        return f"9{user_id[1:]}"

    def messages_in(self, channel_id: str) -> list[dict[str, Any]]:
        return [item for item in self.messages.values() if item["channel_id"] == channel_id]

    async def answer(self, sent: dict[str, Any], within: float = 5.0, after: int = 0) -> Call:
        """The interaction's answer: a follow-up, or a callback that is not a deferral."""
        token = sent["token"]

        def final(call: Call) -> bool:
            if token not in call.path or call.method != "POST":
                return False
            if call.path.startswith("/webhooks/"):
                return True
            return call.path.endswith("/callback") and call.body.get("type") in (4, 8, 9)

        return await self.wait_until(final, after, within)

    async def click(self, user: DiscordUser, answer: Call, custom_id: str) -> dict[str, Any]:
        """Press a button of the message an earlier answer posted."""
        return await self.interact(
            user, 3, {"custom_id": custom_id, "component_type": 2}, message=self.message_of(answer)
        )

    def message_of(self, call: Call) -> dict[str, Any]:
        if isinstance(call.response, dict) and "channel_id" in call.response:
            return call.response
        body = call.body.get("data", call.body)  # an interaction callback carries it in data
        channel_id = self.channel_named("general")["id"]
        return p.message(p.snowflake(), channel_id, self.bot, body)

    def answers(self, sent: dict[str, Any]) -> list[Call]:
        return [call for call in self.calls if sent["token"] in call.path]

    # --- REST ---

    async def _rest(self, request: web.Request) -> web.StreamResponse:
        path = "/" + request.match_info["tail"]
        body = await _body(request)
        call = Call(request.method, path, body, dict(request.query))
        async with self._changed:
            self.calls.append(call)
            self._changed.notify_all()
        if self.rest_delay:
            await asyncio.sleep(self.rest_delay)
        route = f"{request.method} {path}"
        spell = self.weather.forecast(route) if self.weather is not None else None
        if spell is not None:
            return await self._in_bad_weather(call, spell)
        failure = self._failure_for(request.method, path)
        if failure is not None:
            return _json(failure.status, failure.body, failure.headers)
        return _json(*await self._carry_out(call))

    async def _carry_out(self, call: Call) -> tuple[int, Any]:
        for method, pattern, handler in ROUTES:
            match = pattern.fullmatch(call.path)
            if match and method == call.method:
                status, answer = await handler(self, match.groupdict(), call.body)
                call.response = answer
                return status, answer
        return 404, {"message": f"Unknown route {call.method} {call.path}", "code": 0}

    async def _in_bad_weather(self, call: Call, spell: Spell) -> web.StreamResponse:
        answer = await self._carry_out(call) if spell.done else None
        if spell.hold:
            await asyncio.sleep(spell.hold)
        if spell.answers_normally and answer is not None:
            return _json(*answer)
        if spell.status == 429:
            wait = spell.retry_after or 1.0
            body = {"message": "You are being rate limited.", "retry_after": wait, "global": False}
            return _json(429, body, {"Retry-After": f"{wait:g}", "X-RateLimit-Scope": "user"})
        return _json(spell.status, {"message": "Service Unavailable", "code": 0})

    def _failure_for(self, method: str, path: str) -> Failure | None:
        for failure in self.failures:
            if failure.method == method and failure.pattern.search(path):
                if failure.after:
                    failure.after -= 1
                    continue
                self.failures.remove(failure)
                return failure
        return None


async def _body(request: web.Request) -> Any:
    """JSON, or a multipart message with files: its `payload_json` with the files under
    `_files` ({"filename", "data"}), as discord.py sends attachments."""
    if request.content_type.startswith("multipart/"):
        form = await request.post()
        body = json.loads(str(form.get("payload_json") or "{}"))
        body["_files"] = [
            {"filename": part.filename, "data": part.file.read()}
            for name, part in form.items()
            if name.startswith("files[") and isinstance(part, web.FileField)
        ]
        return body
    text = await request.text()
    return json.loads(text) if text and request.content_type == "application/json" else text


def _json(status: int, data: Any, headers: dict[str, str] | None = None) -> web.Response:
    if status == 204:
        return web.Response(status=204, headers=headers)
    return web.Response(
        status=status,
        body=json.dumps(data).encode(),
        headers={"Content-Type": "application/json", **(headers or {})},
    )
