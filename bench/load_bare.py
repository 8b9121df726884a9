"""The load benches' baselines, each in a process of its own as Hallway is:

    python -m bench.load_bare slack PORT API_URL SECRET
        a bare slack-bolt app on the same aiohttp listener: acks every command, press and
        submission, then answers with one line where Hallway would answer (the response_url,
        else the submitted view)
    python -m bench.load_bare discord TOKEN API_URL GATEWAY_URL
        a bare discord.py client: defers every interaction, then sends one follow-up

Neither touches a database: what they cost is the floor of the platform's library.
"""

from __future__ import annotations

import asyncio
import re
import sys
from typing import Any

import aiohttp
import discord
from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from adapters.discord.endpoints import point_at
from adapters.slack.transport import attach
from adapters.web import WebServer

ANSWER = {"response_type": "ephemeral", "replace_original": False, "text": "ok"}
VIEW = {"type": "modal", "title": {"type": "plain_text", "text": "ok"}, "blocks": []}


async def serve_slack(port: int, api_url: str, secret: str) -> None:
    async with aiohttp.ClientSession() as session:
        client = AsyncWebClient(token="xoxb-bare", base_url=api_url, session=session)
        app = AsyncApp(client=client, signing_secret=secret, process_before_response=False)

        async def answer(ack: AsyncAck, body: dict[str, Any]) -> None:
            await ack()
            if body.get("response_url"):
                async with session.post(body["response_url"], json=ANSWER) as response:
                    await response.read()
            elif body.get("view"):
                await client.views_update(view_id=body["view"]["id"], view=VIEW)

        app.command(re.compile(r"^/"))(answer)
        app.action(re.compile(r".+"))(answer)
        app.view(re.compile(r".+"))(answer)
        web = WebServer()
        attach(app, web, None)
        await web.start("127.0.0.1", port)
        await asyncio.Event().wait()


class BareClient(discord.Client):
    async def on_interaction(self, interaction: discord.Interaction[Any]) -> None:
        await interaction.response.defer(ephemeral=True, thinking=True)
        await interaction.followup.send(embed=discord.Embed(title="ok"), ephemeral=True)


async def serve_discord(token: str, api_url: str, gateway_url: str) -> None:
    point_at(api_url, gateway_url)
    client = BareClient(intents=discord.Intents(guilds=True), guild_ready_timeout=0.01)
    async with client:
        await client.start(token)


def main(argv: list[str]) -> None:
    if argv[0] == "slack":
        asyncio.run(serve_slack(int(argv[1]), argv[2], argv[3]))
    else:
        asyncio.run(serve_discord(argv[1], argv[2], argv[3]))


if __name__ == "__main__":
    main(sys.argv[1:])
