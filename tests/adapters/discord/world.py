"""A conference on the fake Discord: the real client with the real command table, the core's
dispatcher and work runner delivering over the REST messenger, and people who act through
slash commands, buttons and modals as a Discord user would."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from datetime import timedelta
from typing import Any

from adapters.discord.messenger import DiscordMessenger
from adapters.discord.rest import DiscordRest
from bot.app import Hallway
from bot.clock import ManualClock
from bot.commands import build_router
from bot.delivery.dispatcher import Dispatcher
from bot.domain.participants import Participant, Role
from bot.scheduling.handlers import build_work_handlers
from bot.scheduling.publish_calendar import sync_published_events
from bot.scheduling.runner import WorkRunner
from bot.services.accounts import platform_user_ids
from tests.adapters.discord import payloads as p
from tests.adapters.discord.conftest import connected
from tests.adapters.discord.fake_discord import Call, FakeDiscord
from tests.adapters.discord.helpers import custom_ids, link
from tests.adapters.discord.interactions import (
    APPLICATION_COMMAND,
    MODAL_SUBMIT,
    DiscordUser,
    command_data,
    modal_data,
    new_user,
)
from tests.factories import register


@dataclass(frozen=True)
class Member:
    user: DiscordUser
    person: Participant

    @property
    def id(self) -> str:
        return self.user.id


class World:
    def __init__(self, fake: FakeDiscord, hw: Hallway, clock: ManualClock) -> None:
        self.fake, self.hw, self.clock = fake, replace(hw, platforms=("discord",)), clock
        self.router = build_router()
        self.rest = DiscordRest("token", fake.api_url)

        async def mentions(ids: Sequence[int]) -> dict[int, str]:
            return await platform_user_ids(self.hw, "discord", ids)

        self.messenger = DiscordMessenger(self.rest, fake.guild_id, mentions=mentions)
        platforms = {"discord": self.messenger}
        self.dispatcher = Dispatcher(self.hw, platforms)
        self.runner = WorkRunner(self.hw, platforms, build_work_handlers())

    # --- people ---

    async def member(
        self,
        name: str,
        *roles: Role,
        zone: str | None = "Europe/Paris",
        registration_id: str | None = None,
        linked: bool = True,
    ) -> Member:
        email = f"{name.lower()}@example.org"
        person = await register(self.hw, email, name, *roles, registration_id=registration_id)
        user = new_user(name.lower())
        if linked:
            await link(self.hw, person, user)
        if zone is not None:
            async with self.hw.uow() as uow:
                stored = await uow.participants.get(person.id)
                assert stored is not None
                stored.zone = zone
                await uow.commit()
        return Member(user, person)

    async def member_named(self, name: str) -> Member:
        """Someone made earlier by `member`."""
        async with self.hw.uow() as uow:
            person = await uow.participants.by_email(
                self.hw.event.id, f"{name.lower()}@example.org"
            )
            assert person is not None
            account = await uow.accounts.for_participant(person.id, "discord")
        assert account is not None
        return Member(DiscordUser(account.user_id, name.lower()), person)

    # --- acting ---

    async def slash(
        self,
        who: Member | DiscordUser,
        name: str,
        verb: str | None = None,
        users: Sequence[DiscordUser] = (),
        **options: Any,
    ) -> Call:
        user = who.user if isinstance(who, Member) else who
        given = [
            {"name": key, "type": _kind(value), "value": value} for key, value in options.items()
        ]
        data = command_data(name, given, verb=verb, users=list(users))
        return await self.fake.answer(await self.fake.interact(user, APPLICATION_COMMAND, data))

    async def press(
        self, who: Member | DiscordUser, posted: Call | dict[str, Any], custom_id: str
    ) -> Call:
        user = who.user if isinstance(who, Member) else who
        message = posted if isinstance(posted, dict) else self.fake.message_of(posted)
        return await self.fake.answer(await self.fake.press_on(user, message, custom_id))

    async def press_new(self, who: Member | DiscordUser, custom_id: str) -> Call:
        """Press a button as if on a message Hallway posted in #general."""
        posted = p.message(
            p.snowflake(),
            self.fake.channel_named("general")["id"],
            self.fake.bot,
            {"components": [{"type": 1, "components": [_button(custom_id)]}]},
        )
        return await self.press(who, posted, custom_id)

    async def submit(
        self, who: Member | DiscordUser, modal: Call, answers: Mapping[str, Any]
    ) -> Call:
        """Send the modal back as a person would: what it showed, with `answers` typed over."""
        user = who.user if isinstance(who, Member) else who
        values = {**shown_values(modal), **answers}
        data = modal_data(modal.body["data"]["custom_id"], values)
        return await self.fake.answer(await self.fake.interact(user, MODAL_SUBMIT, data))

    async def fill(
        self, who: Member | DiscordUser, card: Call, pages: Sequence[Mapping[str, Any]] = ({},)
    ) -> Call:
        """Open the form a card offers and submit it page by page; the last answer."""
        form_button = next(item for item in custom_ids(card) if item.startswith("~form:"))
        answer = await self.press(who, card, form_button)
        for number, page in enumerate(pages):
            assert answer.body.get("type") == 9, f"no modal for page {number + 1}: {answer.body}"
            assert len(answer.body["data"]["components"]) <= 5  # Discord's limit per modal
            answer = await self.submit(who, answer, page)
            if number < len(pages) - 1:
                assert custom_ids(answer)[:1] and custom_ids(answer)[0].startswith("~form:next:")
                answer = await self.press(who, answer, custom_ids(answer)[0])
        return answer

    # --- time passing ---

    async def deliver(self) -> int:
        """A second later, the work and the deliveries due then (edits of a card are keyed by
        the time they were made: two in the same instant would be one)."""
        self.clock.advance(timedelta(seconds=1))
        await self.runner.run_due()
        return await self.dispatcher.deliver_due()

    async def sync_calendar(self) -> int:
        return await sync_published_events(self.hw, {"discord": self.messenger})

    # --- what people see ---

    def dms(self, who: Member) -> list[dict[str, Any]]:
        return self.fake.messages_in(self.fake.dm_channel_of(who.id))

    def posts(self, channel: str) -> list[dict[str, Any]]:
        return self.fake.messages_in(self.fake.channel_named(channel)["id"])


def shown_values(modal: Call) -> dict[str, Any]:
    """What a modal showed filled in: text as typed, selects chosen, boxes ticked."""
    found: dict[str, Any] = {}
    for row in modal.body["data"]["components"]:
        inner = row.get("component", row)
        kind, name = inner["type"], inner["custom_id"]
        if kind == 4:
            found[name] = inner.get("value") or ""
        elif kind == 3:
            found[name] = [o["value"] for o in inner["options"] if o.get("default")]
        elif kind == 5:
            found[name] = [str(item["id"]) for item in inner.get("default_values", [])]
        elif kind == 23:
            found[name] = bool(inner.get("default", False))
    return found


def _button(custom_id: str) -> dict[str, Any]:
    return {"type": 2, "style": 2, "label": "Press", "custom_id": custom_id}


def _kind(value: Any) -> int:
    return 4 if isinstance(value, int) else 3


def text_of(posted: Call | dict[str, Any]) -> str:
    """Titles and descriptions of a posted message or an interaction answer, unescaped."""
    if isinstance(posted, Call):
        body = (
            posted.body.get("data", posted.body)
            if posted.path.endswith("/callback")
            else posted.body
        )
    else:
        body = posted
    parts = []
    for embed in body.get("embeds", []):
        parts.extend(filter(None, (embed.get("title"), embed.get("description"))))
    return "\n".join(parts).replace("\\", "").replace("**", "")


def buttons_of(posted: Call | dict[str, Any]) -> list[str]:
    if isinstance(posted, Call):
        return custom_ids(posted)
    return [item["custom_id"] for row in posted.get("components", []) for item in row["components"]]


@asynccontextmanager
async def world_on(fake: FakeDiscord, hw: Hallway, clock: ManualClock) -> AsyncIterator[World]:
    made = World(fake, hw, clock)
    try:
        async with connected(fake, made.hw, made.router):
            yield made
    finally:
        await made.rest.close()
