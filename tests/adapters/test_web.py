"""Hallway's HTTP listener: health, and routes mounted by features."""

from __future__ import annotations

import aiohttp
from aiohttp import web

from adapters.web import WebServer


async def test_a_mounted_route_is_served_beside_health_on_an_ephemeral_port() -> None:
    server = WebServer()

    async def programme(request: web.Request) -> web.Response:
        return web.Response(text="the programme")

    server.mount("GET", "/programme", programme)
    port = await server.start("127.0.0.1", 0)
    try:
        async with aiohttp.ClientSession() as session:
            async with session.get(f"http://127.0.0.1:{port}/healthz") as health:
                assert (health.status, await health.json()) == (200, {"status": "ok"})
            async with session.get(f"http://127.0.0.1:{port}/programme") as page:
                assert await page.text() == "the programme"
    finally:
        await server.stop()
    assert port > 0
