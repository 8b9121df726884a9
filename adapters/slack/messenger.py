"""Slack as the core's `Messenger`, over the Web API alone (the scheduler process uses it, with
no bolt app and no incoming requests).

References returned are `channel:ts` for messages (what `chat.update` needs) and the channel id
for rooms. Every failure is raised as a `DeliveryError` the dispatcher understands.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Awaitable, Callable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.api_errors import slack_call
from adapters.slack.blocks import Rendered, people_in, render_message
from adapters.slack.delivered import DeliveryAttempt, delivery_metadata, find_posted
from adapters.slack.escape import escape, fit, link
from adapters.slack.inputs import reading_zone
from bot.domain.calendar import CalendarEntry
from bot.domain.participants import Participant
from bot.messages import Message
from bot.ports import DeliveryError, RoomRequest

log = logging.getLogger(__name__)

MentionLookup = Callable[[set[int]], Awaitable[Mapping[int, str]]]

_CHANNEL_ID = re.compile(r"^[CGD][A-Z0-9]{6,}$")
INVITES_PER_CALL = 1000
TOPIC_LIMIT = 250
# A room's channel is Hallway's own and young: its whole history is searched for the link.
ROOM_HISTORY_FROM = datetime(2000, 1, 1, tzinfo=UTC)


class SlackMessenger:
    platform = "slack"

    def __init__(self, client: AsyncWebClient, mentions: MentionLookup | None = None) -> None:
        self.client = client
        self._mentions = mentions
        self._channel_ids: dict[str, str] = {}  # name in the event file → id
        self._direct: dict[str, str] = {}  # user id → their DM channel with Hallway

    async def close(self) -> None:
        """The client's HTTP session, when it was given one."""
        session = self.client.session
        if session is not None and not session.closed:
            await session.close()

    async def send_direct(
        self, user_id: str, message: Message, zone: str | None, *, key: str | None = None
    ) -> str:
        """`key`: the outbox key, kept in the message's metadata for `was_delivered`."""
        rendered = await self._render(message, zone)
        channel = await self._direct_channel(user_id)
        return await self._post(channel, rendered, key)

    async def post(self, channel: str, message: Message, *, key: str | None = None) -> str:
        rendered = await self._render(message, None)
        return await self._post(await self.channel_id(channel), rendered, key)

    async def was_delivered(self, attempt: DeliveryAttempt) -> str | None:
        """The message posted under `attempt.key`, found in its conversation since the try; None
        when Slack certainly does not have it (nor the conversation it would be in)."""
        try:
            channel = await (
                self._direct_channel(attempt.address)
                if attempt.direct
                else self.channel_id(attempt.address)
            )
            return await find_posted(self.client, channel, attempt.key, attempt.since)
        except DeliveryError as exc:
            if exc.permanent and _gone(exc.reason):
                return None
            raise

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
        """Safe to run again after a crash: the channel is found by its name, and the video
        link, posted under a key of its own, is looked for before it is posted."""
        channel, made = await self._private_channel(room_channel_name(room))
        await self._invite(channel, list(dict.fromkeys((*room.moderators, *room.members))))
        if room.video_url:
            await self._post_video_link(channel, room, again=not made)
        async with slack_call("conversations.setTopic"):
            await self.client.conversations_setTopic(
                channel=channel, topic=fit(room.topic, TOPIC_LIMIT)
            )
        return channel

    async def add_to_room(self, ref: str, user_ids: Sequence[str]) -> None:
        """Someone booked after the room opened: invite them (those already in are skipped)."""
        await self._invite(ref, list(dict.fromkeys(user_ids)))

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

    async def _post(self, channel: str, rendered: Rendered, key: str | None = None) -> str:
        metadata = delivery_metadata(key) if key else None
        async with slack_call("chat.postMessage"):
            response = await self.client.chat_postMessage(
                channel=channel, text=rendered.text, blocks=rendered.blocks, metadata=metadata
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

    async def _private_channel(self, name: str) -> tuple[str, bool]:
        """Create the room's channel; if an earlier attempt already did, carry on with it.
        Returns the channel and whether this call made it."""
        async with slack_call("conversations.create"):
            try:
                response = await self.client.conversations_create(name=name, is_private=True)
            except SlackApiError as exc:
                if _code(exc) != "name_taken":
                    raise
                return await self.channel_id(name), False
        channel = str(response["channel"]["id"])
        self._channel_ids[name] = channel
        return channel, True

    async def _post_video_link(self, channel: str, room: RoomRequest, *, again: bool) -> None:
        """`again`: an earlier attempt made the channel and may have posted the link before
        it died; the link's key in the channel's history says so."""
        key = f"room:{room.key}:video"
        if again and await find_posted(self.client, channel, key, ROOM_HISTORY_FROM):
            return
        text = f"{escape(room.name)}: video call at {link(room.video_url or '')}"
        async with slack_call("chat.postMessage"):
            await self.client.chat_postMessage(
                channel=channel, text=text, metadata=delivery_metadata(key)
            )

    async def _invite(self, channel: str, users: list[str]) -> None:
        """`force`: one person Slack cannot invite (already in, gone) does not keep the others
        out; Slack lists them in `errors`, which only the log needs."""
        for start in range(0, len(users), INVITES_PER_CALL):
            chunk = users[start : start + INVITES_PER_CALL]
            async with slack_call("conversations.invite"):
                try:
                    answer = await self.client.conversations_invite(
                        channel=channel, users=",".join(chunk), force=True
                    )
                except SlackApiError as exc:
                    if _code(exc) not in ("already_in_channel", "cant_invite_self"):
                        raise
                    continue
            skipped = [item for item in answer.get("errors") or () if not _harmless(item)]
            if skipped:
                log.warning("conversations.invite %s: not invited %s", channel, skipped)


def room_channel_name(room: RoomRequest) -> str:
    """A valid Slack channel name, stable for the room's key (so a retry finds the same one)."""
    slug = re.sub(r"[^a-z0-9_-]+", "-", room.name.lower()).strip("-")[:60] or "room"
    digest = hashlib.sha1(room.key.encode(), usedforsecurity=False).hexdigest()[:6]
    return f"{slug}-{digest}"


def _gone(reason: str) -> bool:
    """The conversation a message would be in does not exist: it was certainly not posted."""
    return any(code in reason for code in ("channel_not_found", "user_not_found"))


def _harmless(item: Mapping[str, Any]) -> bool:
    return item.get("error") in ("already_in_channel", "cant_invite_self")


def _code(exc: SlackApiError) -> str:
    data: Any = exc.response.data
    return str(data.get("error", "")) if isinstance(data, dict) else ""
