"""The fake Slack, able to hold one call unanswered, so a kill lands at a chosen point.

`hold(method, done=…)` arms a hold on the next call of `method`: with `done=False` Slack never
sees it (the process dies just before the call reaches Slack); with `done=True` Slack carries
it out and the answer never comes back (the process dies before it learns). The test waits for
`reached`, kills the process, then `let_go()` lets the held handler finish into a closed
connection.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from aiohttp import web

from tests.adapters.slack.fake_slack import FakeSlack

RESPONSE_URL = "response_url"  # hold an answer through a response URL, like a method

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@dataclass
class Hold:
    method: str
    done: bool
    reached: asyncio.Event = field(default_factory=asyncio.Event)


class HoldingSlack(FakeSlack):
    def __post_init__(self) -> None:
        super().__post_init__()
        self.holds: list[Hold] = []
        self._let_go = asyncio.Event()

    def hold(self, method: str, *, done: bool) -> Hold:
        armed = Hold(method, done)
        self.holds.append(armed)
        return armed

    def let_go(self) -> None:
        self._let_go.set()

    async def _api(self, request: web.Request) -> web.StreamResponse:
        return await self._held(request.match_info["method"], request, super()._api)

    async def _respond(self, request: web.Request) -> web.StreamResponse:
        return await self._held(RESPONSE_URL, request, super()._respond)

    async def _held(self, method: str, request: web.Request, serve: Handler) -> web.StreamResponse:
        armed = next((h for h in self.holds if h.method == method and not h.reached.is_set()), None)
        if armed is None:
            return await serve(request)
        answer = await serve(request) if armed.done else web.Response(status=503)
        armed.reached.set()
        await self._let_go.wait()
        return answer
