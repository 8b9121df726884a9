"""Slack as the core's `Messenger`, over the Web API alone (the scheduler process uses it, with
no bolt app and no incoming requests).

References returned are `channel:ts` for messages (what `chat.update` needs) and the channel id
for rooms. Every failure is raised as a `DeliveryError` the dispatcher understands.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.api_errors import slack_call
from adapters.slack.blocks import Rendered, people_in, render_message
from adapters.slack.escape import escape, fit, link
from adapters.slack.inputs import reading_zone
from bot.domain.calendar import CalendarEntry
from bot.domain.participants import Participant
from bot.messages import Message
from bot.ports import DeliveryError, RoomRequest

MentionLookup = Callable[[set[int]], Awaitable[Mapping[int, str]]]

_CHANNEL_ID = re.compile(r"^[CGD][A-Z0-9]{6,}$")
INVITES_PER_CALL = 1000
TOPIC_LIMIT = 250


class SlackMessenger:
    platform = "slack"

    def __init__(self, client: AsyncWebClient, mentions: MentionLookup | None = None) -> None:
        self.client = client
        self._mentions = mentions
        self._channel_ids: dict[str, str] = {}  # name in the event file → id
        self._direct: dict[str, str] = {}  # user id → their DM channel with Hallway

    async def send_direct(self, user_id: str, message: Message, zone: str | None) -> str:
        rendered = await self._render(message, zone)
        channel = await self._direct_channel(user_id)
        return await self._post(channel, rendered)

    async def post(self, channel: str, message: Message) -> str:
        return await self._post(await self.channel_id(channel), await self._render(message, None))

    async def update(self, ref: str, message: Message) -> None:
        channel, _, ts = ref.partition(":")
        if not ts:
            raise DeliveryError(f"chat.update: {ref!r} is not a Slack message", permanent=True)
        rendered = await self._render(message, None)
        async with slack_call("chat.update"):
            await self.client.chat_update(
                channel=channel, ts=ts, text=rendered.text, blocks=rendered.blocks
            )

    async def open_room(self, room: RoomRequest) -> str:
        channel = await self._private_channel(room_channel_name(room))
        await self._invite(channel, list(dict.fromkeys((*room.moderators, *room.members))))
        if room.video_url:
            text = f"{escape(room.name)}: video call at {link(room.video_url)}"
            async with slack_call("chat.postMessage"):
                await self.client.chat_postMessage(channel=channel, text=text)
        async with slack_call("conversations.setTopic"):
            await self.client.conversations_setTopic(
                channel=channel, topic=fit(room.topic, TOPIC_LIMIT)
            )
        return channel

    async def close_room(self, ref: str) -> None:
        async with slack_call("conversations.archive"):
            try:
                await self.client.conversations_archive(channel=ref)
            except SlackApiError as exc:
                if _code(exc) != "already_archived":
                    raise

    async def publish_event(self, key: str, entry: CalendarEntry, ref: str | None) -> None:
        return None  # no calendar of its own: the programme and calendar files cover it

    async def withdraw_event(self, ref: str) -> None:
        return None

    async def resolve_user(self, participant: Participant) -> str | None:
        async with slack_call("users.lookupByEmail"):
            try:
                found = await self.client.users_lookupByEmail(email=participant.email)
            except SlackApiError as exc:
                if _code(exc) == "users_not_found":
                    return None
                raise
        return str(found["user"]["id"])

    async def channel_id(self, channel: str) -> str:
        """An id as it is; a name (from the event file) looked up once and remembered."""
        if _CHANNEL_ID.match(channel):
            return channel
        name = channel.lstrip("#")
        if name not in self._channel_ids:
            await self._refresh_channels()
        if name not in self._channel_ids:
            raise DeliveryError(
                f"channel_not_found: #{name} (is the channel named right, and the bot in it?)",
                permanent=True,
            )
        return self._channel_ids[name]

    async def _render(self, message: Message, zone: str | None) -> Rendered:
        people = people_in(message)
        mentions = await self._mentions(people) if people and self._mentions else {}
        return render_message(message, mentions, reading_zone(zone) if zone else None)

    async def _post(self, channel: str, rendered: Rendered) -> str:
        async with slack_call("chat.postMessage"):
            response = await self.client.chat_postMessage(
                channel=channel, text=rendered.text, blocks=rendered.blocks
            )
        return f"{response['channel']}:{response['ts']}"

    async def _direct_channel(self, user_id: str) -> str:
        if user_id not in self._direct:
            async with slack_call("conversations.open"):
                response = await self.client.conversations_open(users=user_id)
            self._direct[user_id] = str(response["channel"]["id"])
        return self._direct[user_id]

    async def _refresh_channels(self) -> None:
        cursor: str | None = None
        while True:
            async with slack_call("conversations.list"):
                page = await self.client.conversations_list(
                    types="public_channel,private_channel",
                    exclude_archived=True,
                    limit=1000,
                    cursor=cursor,
                )
            self._channel_ids.update({item["name"]: item["id"] for item in page["channels"]})
            cursor = (page.get("response_metadata") or {}).get("next_cursor") or None
            if not cursor:
                return

    async def _private_channel(self, name: str) -> str:
        """Create the room's channel; if an earlier attempt already did, carry on with it."""
        async with slack_call("conversations.create"):
            try:
                response = await self.client.conversations_create(name=name, is_private=True)
            except SlackApiError as exc:
                if _code(exc) != "name_taken":
                    raise
                return await self.channel_id(name)
        channel = str(response["channel"]["id"])
        self._channel_ids[name] = channel
        return channel

    async def _invite(self, channel: str, users: list[str]) -> None:
        for start in range(0, len(users), INVITES_PER_CALL):
            chunk = users[start : start + INVITES_PER_CALL]
            async with slack_call("conversations.invite"):
                try:
                    await self.client.conversations_invite(channel=channel, users=",".join(chunk))
                except SlackApiError as exc:
                    if _code(exc) not in ("already_in_channel", "cant_invite_self"):
                        raise


def room_channel_name(room: RoomRequest) -> str:
    """A valid Slack channel name, stable for the room's key (so a retry finds the same one)."""
    slug = re.sub(r"[^a-z0-9_-]+", "-", room.name.lower()).strip("-")[:60] or "room"
    digest = hashlib.sha1(room.key.encode(), usedforsecurity=False).hexdigest()[:6]
    return f"{slug}-{digest}"


def _code(exc: SlackApiError) -> str:
    data: Any = exc.response.data
    return str(data.get("error", "")) if isinstance(data, dict) else ""
