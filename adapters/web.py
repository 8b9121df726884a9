"""Hallway's one HTTP listener (HOST/PORT): `GET /healthz`, plus the routes features mount.

Slack mounts `POST /slack/events`; the programme page and calendar feeds mount theirs the same
way. Routes are mounted before `start`: aiohttp freezes its router once the server runs.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from aiohttp import web

log = logging.getLogger(__name__)

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


async def healthz(request: web.Request) -> web.Response:
    return web.json_response({"status": "ok"})


class WebServer:
    def __init__(self) -> None:
        self.app = web.Application()
        self.app.router.add_get("/healthz", healthz)
        self._runner: web.AppRunner | None = None

    def mount(self, method: str, path: str, handler: Handler) -> None:
        self.app.router.add_route(method, path, handler)

    @property
    def paths(self) -> list[str]:
        return sorted({resource.canonical for resource in self.app.router.resources()})

    async def start(self, host: str, port: int) -> int:
        """Listen; returns the port bound (useful with port 0)."""
        runner = web.AppRunner(self.app, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, host, port)
        await site.start()
        self._runner = runner
        bound = _bound_port(runner) or port
        log.info("listening on http://%s:%s (%s)", host, bound, ", ".join(self.paths))
        return bound

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None


def _bound_port(runner: web.AppRunner) -> int | None:
    for address in runner.addresses:
        if isinstance(address, tuple) and len(address) >= 2:
            return int(address[1])
    return None
