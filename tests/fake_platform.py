"""A fake chat platform on loopback, and a `Messenger` that speaks to it over HTTP.

The platform records every message it accepts (duplicates included: like Slack, it does not
de-duplicate), answers 429 with a Retry-After above `limit` messages per second, and can be
searched by key, as Slack's `conversations.history` finds a message by its metadata. Used by
the real-process tests (the scheduler in another process, killed at random) and the bench.
"""

from __future__ import annotations

import asyncio
import os
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import aiohttp
from aiohttp import web

from bot.domain.participants import Participant
from bot.messages import Message, plain
from bot.ports import Attempt, DeliveryError, RoomRequest


@dataclass
class Received:
    key: str
    address: str
    at: float  # time.time() on arrival
    sender: str  # the process id that sent it


@dataclass
class FakePlatform:
    limit: float | None = None  # messages per second; None: no limit
    latency: float = 0.0  # seconds each accepted message takes
    received: list[Received] = field(default_factory=list)
    refused: int = 0  # 429s answered
    _tokens: float = 0.0
    _stamp: float = field(default_factory=time.monotonic)
    _runner: web.AppRunner | None = None
    url: str = ""

    async def start(self) -> str:
        app = web.Application()
        app.router.add_post("/messages", self._post)
        app.router.add_get("/messages", self._find)
        app.router.add_post("/edits", self._edit)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = self._runner.addresses[0][1]
        self.url = f"http://127.0.0.1:{port}"
        self._tokens = self.limit or 0.0
        return self.url

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    def counts(self) -> Counter[str]:
        return Counter(item.key for item in self.received)

    def duplicates(self) -> dict[str, int]:
        return {key: count for key, count in self.counts().items() if count > 1}

    async def _post(self, request: web.Request) -> web.Response:
        body = await request.json()
        wait = self._over_limit()
        if wait is not None:
            self.refused += 1
            headers = {"Retry-After": f"{wait:.3f}"}
            return web.json_response({"retry_after": wait}, status=429, headers=headers)
        if self.latency:
            await asyncio.sleep(self.latency)
        sender = request.headers.get("X-Sender", "?")
        self.received.append(Received(body["key"], body["address"], time.time(), sender))
        return web.json_response({"ref": f"m{len(self.received)}"})

    async def _find(self, request: web.Request) -> web.Response:
        key, address = request.query["key"], request.query["address"]
        for number, item in enumerate(self.received, start=1):
            if item.key == key and item.address == address:
                return web.json_response({"ref": f"m{number}"})
        return web.json_response({"ref": None})

    async def _edit(self, request: web.Request) -> web.Response:
        return web.json_response({"ok": True})

    def _over_limit(self) -> float | None:
        """A token bucket of `limit` per second (burst `limit`): None, or seconds to wait."""
        if self.limit is None:
            return None
        now = time.monotonic()
        self._tokens = min(self.limit, self._tokens + (now - self._stamp) * self.limit)
        self._stamp = now
        if self._tokens >= 1:
            self._tokens -= 1
            return None
        return (1 - self._tokens) / self.limit


class LoopbackMessenger:
    """`bot.ports.Messenger` for `FakePlatform`, classifying failures as real adapters must:
    429 → retry_after; another 4xx → permanent; 5xx, timeouts and dropped connections →
    maybe delivered (the dispatcher then asks `was_delivered` before sending again)."""

    def __init__(self, base_url: str, platform: str = "loopback", timeout: float = 5.0) -> None:
        self.platform = platform
        self.base = base_url
        self._timeout = aiohttp.ClientTimeout(total=timeout)
        self._session: aiohttp.ClientSession | None = None
        self._headers = {"X-Sender": str(os.getpid())}

    async def send_direct(
        self, user_id: str, message: Message, zone: str | None, *, key: str | None = None
    ) -> str:
        return await self._send(user_id, message, key)

    async def post(self, channel: str, message: Message, *, key: str | None = None) -> str:
        return await self._send(channel, message, key)

    async def update(self, ref: str, message: Message) -> None:
        await self._call("POST", "/edits", {"ref": ref, "text": plain(message)})

    async def open_room(self, room: RoomRequest) -> str:
        return room.key

    async def close_room(self, ref: str) -> None:
        return None

    async def resolve_user(self, participant: Participant) -> str | None:
        return participant.email

    async def was_delivered(self, attempt: Attempt) -> str | None:
        found = await self._call(
            "GET", "/messages", params={"key": attempt.key, "address": attempt.address}
        )
        ref: str | None = found["ref"]
        return ref

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def _send(self, address: str, message: Message, key: str | None) -> str:
        body = {"key": key or "", "address": address, "text": plain(message)}
        answer = await self._call("POST", "/messages", body)
        return str(answer["ref"])

    async def _call(
        self, method: str, path: str, body: Any = None, params: dict[str, str] | None = None
    ) -> Any:
        if self._session is None:
            self._session = aiohttp.ClientSession(timeout=self._timeout, headers=self._headers)
        try:
            async with self._session.request(
                method, self.base + path, json=body, params=params
            ) as response:
                data = await response.json()
                if response.status == 429:
                    raise DeliveryError("ratelimited", retry_after=float(data["retry_after"]))
                if response.status >= 500:
                    raise DeliveryError(f"HTTP {response.status}", maybe_delivered=True)
                if response.status >= 400:
                    raise DeliveryError(f"HTTP {response.status}", permanent=True)
                return data
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise DeliveryError(f"{type(exc).__name__}", maybe_delivered=True) from exc
