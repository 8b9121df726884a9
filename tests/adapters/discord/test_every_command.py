"""The synced command tree is the router's table, every verb with its options; each command
answers through the real client (ephemeral, never the apology); buttons posted before a
restart of the client still work."""

from __future__ import annotations

from typing import Any

import pytest

from adapters.discord.commands import UNNAMED_VERB
from bot.app import Hallway
from bot.clock import ManualClock
from bot.commands import build_router
from bot.commands.registry import Command, Option
from bot.domain.participants import Role
from tests.adapters.discord.action_routes import card
from tests.adapters.discord.conftest import connected
from tests.adapters.discord.fake_discord import FakeDiscord
from tests.adapters.discord.interactions import APPLICATION_COMMAND, command_data
from tests.adapters.discord.world import World, buttons_of, text_of

ROUTER = build_router()
COMMANDS = sorted(ROUTER.commands.values(), key=lambda c: (c.name, c.verb))
TYPES = {"text": 3, "rest": 3, "choice": 3, "integer": 4, "person": 6}


def synced(fake: FakeDiscord, command: Command) -> dict[str, Any]:
    top = next(item for item in fake.synced_commands if item["name"] == command.name)
    if [c.verb for c in ROUTER.verbs(command.name)] == [""]:
        return top
    verb = command.verb or UNNAMED_VERB
    return next(sub for sub in top["options"] if sub["name"] == verb and sub["type"] == 1)


def example(option: Option, someone: str) -> Any:
    return {"integer": 1, "person": someone, "choice": (option.choices or ("x",))[0]}.get(
        option.kind, "1"
    )


async def test_the_synced_tree_holds_every_command_and_verb_of_the_router(world: World) -> None:
    assert sorted(item["name"] for item in world.fake.synced_commands) == ROUTER.names()
    for command in COMMANDS:
        shown = synced(world.fake, command)
        assert 1 <= len(shown["description"]) <= 100
        options = [
            (
                o["name"],
                o["type"],
                o.get("required", False),
                [c["value"] for c in o.get("choices", [])],
            )
            for o in shown.get("options", [])
        ]
        assert options == [
            (o.name, TYPES[o.kind], o.required, list(o.choices)) for o in command.options
        ], f"/{command.name} {command.verb}"


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: f"{c.name}-{c.verb or 'bare'}")
async def test_every_command_answers_through_the_client(world: World, command: Command) -> None:
    ada = await world.member("Ada", Role.CHAIR, Role.MENTOR, Role.CONDUCT)
    bob = await world.member("Bob")
    given = [
        {"name": o.name, "type": TYPES[o.kind], "value": example(o, bob.id)}
        for o in command.options
    ]
    lone = [c.verb for c in ROUTER.verbs(command.name)] == [""]
    data = command_data(
        command.name, given, verb=None if lone else command.verb or UNNAMED_VERB, users=[bob.user]
    )
    answer = await world.fake.answer(await world.fake.interact(ada.user, APPLICATION_COMMAND, data))
    assert answer.body["flags"] & 64
    assert answer.body["embeds"], f"/{command.name} {command.verb} answered nothing"
    assert "Sorry, something went wrong" not in text_of(answer)


async def test_a_card_posted_before_a_restart_still_works_after_it(
    fake: FakeDiscord, hw: Hallway, clock: ManualClock
) -> None:
    made = World(fake, hw, clock)
    async with connected(fake, made.hw, made.router):
        carol, posted = await card(made)
    approve = next(item for item in buttons_of(posted) if item.startswith("social.approve:"))
    async with connected(fake, made.hw, build_router()):  # a new process, a new client
        answer = await made.press(carol, posted, approve)
        form = await made.fill(carol, answer, [{}])
    await made.rest.close()
    assert len(fake.gateway.identified) == 2
    assert "Approve a social" in text_of(answer)
    assert "Proposal approved" in text_of(form)
