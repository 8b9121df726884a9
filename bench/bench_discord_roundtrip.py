"""Discord interaction round-trip with 10,000 participants in SQLite (target: ≤ 1.5× at p50).

From INTERACTION_CREATE sent by the fake gateway to the answer received by the fake REST
server, for a slash command (`/whoami` by default; `COMMAND` below) run by Hallway for a linked
member. Baseline, in the same run against the same fake: a bare discord.py client whose command
does the same Discord calls (defer, then one follow-up) and nothing else.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any

import discord
from discord import app_commands

from adapters.discord.client import HallwayClient
from adapters.discord.endpoints import point_at
from bench.bench_import import registrations_csv
from bench.common import fresh_sqlite, icml_hallway
from bot.commands import build_router
from bot.domain.participants import Account
from bot.services.participants import import_participants
from tests.adapters.discord.fake_discord import FakeDiscord
from tests.adapters.discord.interactions import (
    APPLICATION_COMMAND,
    DiscordUser,
    command_data,
    new_user,
)

PARTICIPANTS = 10_000
COMMAND = "whoami"  # the lead switches this to "programme" once it exists
ROUNDS, BLOCKS, WARMUP = 100, 3, 20
TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4.bench.token"
Starter = Callable[[], AbstractAsyncContextManager[discord.Client]]


class BareClient(discord.Client):
    def __init__(self, guild_id: int, command: str) -> None:
        super().__init__(intents=discord.Intents(guilds=True), guild_ready_timeout=0.01)
        self.tree = app_commands.CommandTree(self)
        guild = discord.Object(id=guild_id)

        @self.tree.command(name=command, description="Only replies.", guild=guild)
        async def only_reply(interaction: discord.Interaction[Any]) -> None:
            await interaction.response.defer(ephemeral=True, thinking=True)
            await interaction.followup.send(embed=discord.Embed(title="Hello"), ephemeral=True)

        self._guild = guild

    async def setup_hook(self) -> None:
        await self.tree.sync(guild=self._guild)


@asynccontextmanager
async def running(client: discord.Client) -> AsyncIterator[discord.Client]:
    await client.login(TOKEN)
    task = asyncio.create_task(client.connect(reconnect=False))
    await asyncio.wait_for(client.wait_until_ready(), 10)
    try:
        yield client
    finally:
        await client.close()
        await task


async def round_trips(
    fake: FakeDiscord, start: Starter, user: DiscordUser, rounds: int
) -> tuple[list[float], list[float]]:
    """Seconds to the acknowledgement (the deferral) and to the answer (the follow-up)."""
    acks: list[float] = []
    answers: list[float] = []
    async with start():
        for number in range(WARMUP + rounds):
            after = len(fake.calls)
            began = time.perf_counter()
            sent = await fake.interact(user, APPLICATION_COMMAND, command_data(COMMAND))
            ack = await fake.wait_for_call("POST", f"/{sent['token']}/callback$", after=after)
            acked = time.perf_counter()
            await fake.answer(sent, within=10, after=after)
            if number >= WARMUP:
                answers.append(time.perf_counter() - began)
                acks.append(acked - began if ack else 0.0)
    return acks, answers


def describe(label: str, times: list[float]) -> str:
    ordered = sorted(times)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    p50 = statistics.median(ordered)
    return f"{label}: p50 {p50 * 1000:.2f} ms, p99 {p99 * 1000:.2f} ms, n={len(ordered)}"


async def run() -> None:
    fake = await FakeDiscord().start()
    point_at(fake.api_url, fake.gateway_url)
    async with fresh_sqlite() as (database, _path):
        hw = await icml_hallway(database)
        await import_participants(hw, registrations_csv(PARTICIPANTS))
        member = new_user("bench")
        async with hw.uow() as uow:
            person = await uow.participants.by_email(hw.event.id, "person5000@example.org")
            assert person is not None
            uow.accounts.add(Account(hw.event.id, person.id, "discord", member.id))
            await uow.commit()
        guild_id = int(fake.guild_id)
        figures: dict[str, tuple[list[float], list[float]]] = {
            "hallway": ([], []),
            "bare": ([], []),
        }

        def bare() -> AbstractAsyncContextManager[discord.Client]:
            return running(BareClient(guild_id, COMMAND))

        def hallway() -> AbstractAsyncContextManager[discord.Client]:
            return running(HallwayClient(hw, build_router(), guild_id, guild_ready_timeout=0.01))

        for _ in range(BLOCKS):  # alternate, so drift in the machine hits both alike
            for name, start in (("bare", bare), ("hallway", hallway)):
                acks, answers = await round_trips(fake, start, member, ROUNDS)
                figures[name][0].extend(acks)
                figures[name][1].extend(answers)
    await fake.close()
    print(f"/{COMMAND} with {PARTICIPANTS:,} participants in SQLite, fake Discord on loopback")
    for index, what in (
        (1, "answer (INTERACTION_CREATE -> follow-up)"),
        (0, "ack (INTERACTION_CREATE -> deferral)"),
    ):
        mine, base = figures["hallway"][index], figures["bare"][index]
        print(what)
        print("  " + describe("hallway        ", mine))
        print("  " + describe("bare discord.py", base))
        ratio = statistics.median(mine) / statistics.median(base)
        print(f"  ratio at p50: {ratio:.2f}x   (target <= 1.5x)")
