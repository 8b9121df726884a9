"""Small steps shared by the Discord adapter tests."""

from __future__ import annotations

from typing import Any

from bot.app import Hallway
from bot.domain.participants import Account, Participant
from tests.adapters.discord.fake_discord import Call, FakeDiscord
from tests.adapters.discord.interactions import (
    APPLICATION_COMMAND,
    MODAL_SUBMIT,
    DiscordUser,
    command_data,
    modal_data,
)


async def link(hw: Hallway, person: Participant, user: DiscordUser) -> None:
    async with hw.uow() as uow:
        uow.accounts.add(Account(hw.event.id, person.id, "discord", user.id))
        await uow.commit()


async def slash(
    fake: FakeDiscord,
    user: DiscordUser,
    name: str,
    *options: dict[str, Any],
    verb: str | None = None,
    **extra: Any,
) -> Call:
    """Run a slash command and return its answer."""
    sent = await fake.interact(
        user, APPLICATION_COMMAND, command_data(name, list(options), verb=verb, **extra)
    )
    return await fake.answer(sent)


async def submit_modal(
    fake: FakeDiscord, user: DiscordUser, modal: Call, answers: dict[str, Any]
) -> Call:
    custom_id = modal.body["data"]["custom_id"]
    sent = await fake.interact(user, MODAL_SUBMIT, modal_data(custom_id, answers))
    return await fake.answer(sent)


async def press(fake: FakeDiscord, user: DiscordUser, answer: Call, custom_id: str) -> Call:
    return await fake.answer(await fake.click(user, answer, custom_id))


def embed_text(call: Call) -> str:
    """Title and descriptions of what an answer showed."""
    body = call.body.get("data", call.body) if call.path.endswith("/callback") else call.body
    parts = []
    for embed in body.get("embeds", []):
        parts.extend(filter(None, (embed.get("title"), embed.get("description"))))
    return "\n".join(parts)


def custom_ids(call: Call) -> list[str]:
    body = call.body.get("data", call.body) if call.path.endswith("/callback") else call.body
    return [item["custom_id"] for row in body.get("components", []) for item in row["components"]]


def modal_fields(call: Call) -> dict[str, dict[str, Any]]:
    """A modal's components by custom id (inside their labels)."""
    found = {}
    for component in call.body["data"]["components"]:
        inner = component.get("component", component)
        found[inner["custom_id"]] = {**inner, "label": component.get("label")}
    return found
