"""Interactions a Discord client could forge: a modal sent back under another custom id, a
button or command from another server or a direct message; and the proposals they aim at."""

from __future__ import annotations

from typing import Any

from bot.domain.participants import Role
from storage import Database
from tests.adapters.discord import payloads as p
from tests.adapters.discord.fake_discord import Call
from tests.adapters.discord.interactions import (
    MESSAGE_COMPONENT,
    MODAL_SUBMIT,
    component_data,
    direct_interaction,
    interaction,
    modal_data,
)
from tests.adapters.discord.world import Member, World, buttons_of, text_of
from tests.factories import stored_social
from tests.hardening.authz_platforms.snapshot import Rows, changed, contents
from tests.hardening.authz_platforms.world_times import SLOT, SLOT_LATER

OTHER_GUILD = "990000000000000001"


async def two_proposals(world: World) -> tuple[int, int]:
    """Two confirmed proposals waiting for the chairs, with different leads and times."""
    ada, bob = await world.member("Ada"), await world.member("Bob")
    dana, erin = await world.member("Dana"), await world.member("Erin")
    first = await stored_social(world.hw, "Board games", [ada.person.id, bob.person.id], [SLOT])
    second = await stored_social(
        world.hw, "Chess club", [dana.person.id, erin.person.id], [SLOT_LATER]
    )
    return first.id, second.id


async def open_modal(world: World, who: Member, custom_id: str) -> Call:
    """Press a button that offers a form, then "Open the form": the modal Discord shows."""
    card = await world.press_new(who, custom_id)
    opener = next(item for item in buttons_of(card) if item.startswith("~form:open:"))
    modal = await world.press(who, card, opener)
    assert modal.body.get("type") == 9, text_of(modal)
    return modal


async def forged_modal(
    world: World, who: Member, custom_id: str, answers: dict[str, Any], **where: Any
) -> Call:
    """A modal submission as a client could send it, without ever having been shown it."""
    data = modal_data(custom_id, answers)
    return await world.fake.answer(await world.fake.interact(who.user, MODAL_SUBMIT, data, **where))


async def from_guild(
    world: World, who: Member, kind: int, data: dict[str, Any], guild: str
) -> Call:
    """An interaction naming another server than the conference's."""
    channel = p.snowflake()
    payload = interaction(
        world.fake.app_id, guild, channel, who.user, kind, data, channel=_channel(channel, guild)
    )
    await world.fake.gateway.dispatch("INTERACTION_CREATE", payload)
    return await world.fake.answer(payload)


def carrying(custom_id: str, channel: str, world: World) -> dict[str, Any]:
    """A message of Hallway's with the one button (Discord sends the message pressed on)."""
    button = {"type": 2, "style": 2, "label": "Press", "custom_id": custom_id}
    body = {"components": [{"type": 1, "components": [button]}]}
    return p.message(p.snowflake(), channel, world.fake.bot, body)


async def in_dm(world: World, who: Member, kind: int, data: dict[str, Any]) -> Call:
    channel = world.fake.dm_channel_of(who.id)
    extra = {"message": carrying(data["custom_id"], channel, world)} if kind == 3 else {}
    payload = direct_interaction(world.fake.app_id, channel, who.user, kind, data, **extra)
    await world.fake.gateway.dispatch("INTERACTION_CREATE", payload)
    return await world.fake.answer(payload)


async def press_from_guild(world: World, who: Member, custom_id: str, guild: str) -> Call:
    channel = p.snowflake()
    message = carrying(custom_id, channel, world)
    data = component_data(custom_id)
    payload = interaction(
        world.fake.app_id,
        guild,
        channel,
        who.user,
        MESSAGE_COMPONENT,
        data,
        message=message,
        channel=_channel(channel, guild),
    )
    await world.fake.gateway.dispatch("INTERACTION_CREATE", payload)
    return await world.fake.answer(payload)


def _channel(channel_id: str, guild: str) -> dict[str, Any]:
    """A channel of a server the client has not cached, as Discord describes it in full."""
    return {"id": channel_id, "type": 0, "guild_id": guild, "name": "general", "position": 0}


def ephemeral(answer: Call) -> bool:
    flags = answer.body.get("flags", answer.body.get("data", {}).get("flags", 0))
    return bool(flags & 64)


def posted_to_channels(world: World, since: int) -> list[str]:
    """Messages Hallway created in channels (not interaction answers) since call `since`."""
    return [
        call.path
        for call in world.fake.calls[since:]
        if call.method == "POST" and call.path.startswith("/channels/")
    ]


async def unchanged(database: Database, before: Rows) -> dict[str, str]:
    return changed(before, await contents(database))


CHAIR = (Role.CHAIR,)
