"""What every Slack listener shares: the core, the command table, and who is acting."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import tzinfo

from slack_sdk.web.async_client import AsyncWebClient

from adapters.inflight import Inflight
from adapters.slack.blocks import Rendered, people_in, render_message
from adapters.slack.profiles import ProfileCache
from bot.app import Hallway
from bot.commands.registry import Router
from bot.interaction import Actor
from bot.messages import Message
from bot.services.accounts import platform_user_ids
from bot.services.identity import identify

PLATFORM = "slack"


@dataclass
class SlackContext:
    hw: Hallway
    router: Router
    profiles: ProfileCache = field(default_factory=ProfileCache)
    inflight: Inflight = field(default_factory=Inflight)

    async def actor(self, client: AsyncWebClient, user_id: str) -> Actor:
        """The person behind a Slack user: linked by the e-mail Slack gives, in Slack's zone."""
        profile = await self.profiles.get(client, user_id)
        return await identify(
            self.hw,
            PLATFORM,
            user_id,
            name=profile.name,
            email=profile.email,
            zone=profile.zone,
        )

    async def link_people(self, client: AsyncWebClient, user_ids: Iterable[str]) -> None:
        """People picked in a form, linked by e-mail first, so the core finds them by account."""
        for user_id in dict.fromkeys(user_ids):
            await self.actor(client, user_id)

    async def render(self, message: Message, zone: tzinfo | None) -> Rendered:
        people = people_in(message)
        mentions = await platform_user_ids(self.hw, PLATFORM, people) if people else {}
        return render_message(message, mentions, zone)
