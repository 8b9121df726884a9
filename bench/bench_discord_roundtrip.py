"""Discord interaction round trip of `/programme now` with 10,000 participants and 300 socials
on the programme, in SQLite (target: ≤ 1.5× a bare client at p50).

Timed from INTERACTION_CREATE sent by the fake gateway to (a) the interaction's acknowledgement
(the deferral callback) and (b) the answer (the follow-up), for a linked member, during the
conference. Baseline, in the same run against the same fake: a bare discord.py client whose
`/programme now` defers and sends one follow-up, and nothing else. Two networks: loopback with
no delay, and a realistic 30 ms added to every REST call (the same for both clients).
"""

from __future__ import annotations

import asyncio
import random
import statistics
import time
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from datetime import UTC, datetime
from typing import Any

import discord
from discord import app_commands

from adapters.discord.client import HallwayClient
from adapters.discord.endpoints import point_at
from bench.bench_import import registrations_csv
from bench.bench_programme import _social
from bench.common import fresh_sqlite, icml_hallway
from bot.app import Hallway
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

PARTICIPANTS, SOCIALS = 10_000, 300
NOW = datetime(2021, 7, 20, 15, 0, tzinfo=UTC)
ROUNDS, BLOCKS, WARMUP = 100, 3, 20
DELAYS = (0.0, 0.030)
TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4.bench.token"
Starter = Callable[[], AbstractAsyncContextManager[discord.Client]]


class BareClient(discord.Client):
    def __init__(self, guild_id: int) -> None:
        super().__init__(intents=discord.Intents(guilds=True), guild_ready_timeout=0.01)
        self.tree = app_commands.CommandTree(self)
        self._guild = discord.Object(id=guild_id)
        group = app_commands.Group(name="programme", description="Only replies.")

        @group.command(name="now", description="Only replies.")
        async def only_reply(interaction: discord.Interaction[Any]) -> None:
            await interaction.response.defer(ephemeral=True, thinking=True)
            await interaction.followup.send(embed=discord.Embed(title="Hello"), ephemeral=True)

        self.tree.add_command(group, guild=self._guild)

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
            sent = await fake.interact(
                user, APPLICATION_COMMAND, command_data("programme", verb="now")
            )
            await fake.wait_for_call("POST", f"/{sent['token']}/callback$", after=after)
            acked = time.perf_counter()
            answer = await fake.answer(sent, within=10, after=after)
            answered = time.perf_counter()
            assert answer.body.get("embeds"), answer.body
            if number >= WARMUP:
                acks.append(acked - began)
                answers.append(answered - began)
        await asyncio.sleep(fake.rest_delay + 0.05)  # the last answer's reply, before closing
    return acks, answers


def describe(label: str, times: list[float]) -> str:
    ordered = sorted(times)
    p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
    p50 = statistics.median(ordered)
    return f"{label}: p50 {p50 * 1000:7.2f} ms, p99 {p99 * 1000:7.2f} ms, n={len(ordered)}"


async def seeded(hw: Hallway, member: DiscordUser) -> None:
    await import_participants(hw, registrations_csv(PARTICIPANTS))
    async with hw.uow() as uow:
        person = await uow.participants.by_email(hw.event.id, "person5000@example.org")
        assert person is not None
        person.zone = "Europe/Paris"
        uow.accounts.add(Account(hw.event.id, person.id, "discord", member.id))
        found = [
            await uow.participants.by_email(hw.event.id, f"person{n}@example.org")
            for n in range(400)
        ]
        ids = [0] + [p.id for p in found if p is not None]
        rng = random.Random(7)
        for n in range(SOCIALS):
            uow.socials.add(_social(hw, rng, ids, n))
        await uow.commit()


async def compare(
    hw: Hallway, member: DiscordUser, delay: float
) -> dict[str, tuple[list[float], list[float]]]:
    fake = await FakeDiscord(rest_delay=delay).start()
    point_at(fake.api_url, fake.gateway_url)
    guild_id = int(fake.guild_id)
    figures: dict[str, tuple[list[float], list[float]]] = {"hallway": ([], []), "bare": ([], [])}

    def bare() -> AbstractAsyncContextManager[discord.Client]:
        return running(BareClient(guild_id))

    def hallway() -> AbstractAsyncContextManager[discord.Client]:
        return running(HallwayClient(hw, build_router(), guild_id, guild_ready_timeout=0.01))

    try:
        for _ in range(BLOCKS):  # alternate, so drift in the machine hits both alike
            for name, start in (("bare", bare), ("hallway", hallway)):
                acks, answers = await round_trips(fake, start, member, ROUNDS)
                figures[name][0].extend(acks)
                figures[name][1].extend(answers)
    finally:
        await fake.close()
    return figures


def report(delay: float, figures: dict[str, tuple[list[float], list[float]]]) -> None:
    network = "loopback, no delay" if not delay else f"{delay * 1000:.0f} ms added per REST call"
    print(f"-- {network}")
    for index, what in ((0, "ack (INTERACTION_CREATE -> deferral)"), (1, "answer (-> follow-up)")):
        mine, base = figures["hallway"][index], figures["bare"][index]
        ratio = statistics.median(mine) / statistics.median(base)
        print(f"  {what}: ratio at p50 {ratio:.2f}x (target <= 1.5x)")
        print("    " + describe("hallway        ", mine))
        print("    " + describe("bare discord.py", base))


async def run() -> None:
    member = new_user("bench")
    async with fresh_sqlite() as (database, _path):
        hw = await icml_hallway(database, NOW)
        await seeded(hw, member)
        print(
            f"/programme now with {PARTICIPANTS:,} participants and {SOCIALS} socials in SQLite, "
            "fake Discord on 127.0.0.1, same fake and run for both clients"
        )
        for delay in DELAYS:
            report(delay, await compare(hw, member, delay))
