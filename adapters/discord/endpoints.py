"""Where discord.py connects. Both addresses are class attributes of the library, so they are
process-global: they are set here, once, before any client or messenger starts."""

from __future__ import annotations

import discord.gateway
import discord.http
import yarl


def point_at(api_url: str, gateway_url: str) -> None:
    """Send REST calls to `api_url` (ending in /api/v10) and open the gateway at `gateway_url`.

    A plain `discord.Client` (not sharded) never asks /gateway/bot for the gateway address: it
    connects to `DEFAULT_GATEWAY` and later resumes at READY's `resume_gateway_url`.
    """
    discord.http.Route.BASE = api_url.rstrip("/")
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway_url)
