"""Under a burst, every interaction is deferred first; the work after the deferrals runs a few
at a time (`adapters.inflight`), so it cannot crowd the event loop in front of the next
deferral and push it past Discord's 3 s."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from types import TracebackType
from typing import Any

from adapters.inflight import CONCURRENCY
from bot.app import Hallway
from bot.commands import build_router
from bot.ports import UnitOfWork, UnitOfWorkFactory
from tests.adapters.discord.conftest import connected
from tests.adapters.discord.fake_discord import Call, FakeDiscord
from tests.adapters.discord.interactions import APPLICATION_COMMAND, command_data, new_user

FLOOD = 3 * CONCURRENCY
DEFERRAL = 5  # DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE


class HeldDatabase:
    """`hw.uow` whose units of work wait at a gate while it is closed: the work of every
    interaction starts with one (who is this account?), so the gate holds each piece of work
    at its start. Counts how many have begun and the most open at once."""

    def __init__(self, inner: UnitOfWorkFactory) -> None:
        self.inner = inner
        self.gate = asyncio.Event()
        self.gate.set()
        self.begun = 0
        self.open = 0
        self.most_open = 0

    def __call__(self) -> UnitOfWork:
        return _Held(self, self.inner())  # type: ignore[return-value]


class _Held:
    def __init__(self, held: HeldDatabase, uow: UnitOfWork) -> None:
        self.held, self.uow = held, uow

    async def __aenter__(self) -> UnitOfWork:
        held = self.held
        held.begun += 1
        held.open += 1
        held.most_open = max(held.most_open, held.open)
        await held.gate.wait()
        return await self.uow.__aenter__()

    async def __aexit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        try:
            await self.uow.__aexit__(kind, exc, tb)
        finally:
            self.held.open -= 1


def _deferred(fake: FakeDiscord, sent: list[dict[str, Any]]) -> int:
    tokens = {item["token"] for item in sent}
    return sum(
        1
        for call in fake.calls
        if call.path.endswith("/callback")
        and call.body.get("type") == DEFERRAL
        and call.path.split("/")[-2] in tokens
    )


async def _until_deferred(fake: FakeDiscord, sent: list[dict[str, Any]]) -> None:
    def all_deferred(_call: Call) -> bool:
        return _deferred(fake, sent) == len(sent)

    await fake.wait_until(all_deferred, within=10)


async def test_a_burst_is_all_deferred_while_only_a_few_pieces_of_work_run(
    fake: FakeDiscord, hw: Hallway
) -> None:
    held = HeldDatabase(hw.uow)
    async with connected(fake, replace(hw, uow=held), build_router()):
        held.gate.clear()
        flood = [
            await fake.interact(new_user(f"p{n}"), APPLICATION_COMMAND, command_data("whoami"))
            for n in range(FLOOD)
        ]
        await _until_deferred(fake, flood)
        # One more interaction, deferred only after a whole round trip through the event loop:
        # by then any piece of work not waiting for a slot would have reached the gate.
        late = [await fake.interact(new_user("late"), APPLICATION_COMMAND, command_data("whoami"))]
        await _until_deferred(fake, late)

        assert held.begun == CONCURRENCY
        assert [call for call in fake.calls if call.path.startswith("/webhooks/")] == []

        held.gate.set()
        answers = await asyncio.gather(*(fake.answer(sent, within=10) for sent in flood + late))
    titles = {answer.body["embeds"][0]["title"] for answer in answers}
    assert titles == {"You are not linked to a registration"}
    assert held.most_open == CONCURRENCY
