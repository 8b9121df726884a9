"""`bot.ports.Messenger` for Discord over REST alone: the scheduler process delivers without a
gateway connection. References are `channel_id:message_id` (messages) and
`category_id,text_id,voice_id` (rooms). No pacing here: the caller paces."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from adapters.discord.delivered import NONCE_WINDOW, find_posted, nonce_of
from adapters.discord.render import persons, render
from adapters.discord.rest import DiscordRest
from adapters.discord.rooms import channel_bodies, made_earlier, member_overwrite
from adapters.discord.scheduled_events import cancel_event, create_event, from_entry, move_event
from bot.domain.calendar import CalendarEntry
from bot.domain.participants import Participant
from bot.messages import Message
from bot.ports import Attempt, DeliveryError, RoomRequest

# participant ids → Discord user ids of those with a linked account
MentionLookup = Callable[[Sequence[int]], Awaitable[Mapping[int, str]]]
_POSTABLE = (0, 5)  # text and announcement channels


class DiscordMessenger:
    platform = "discord"

    def __init__(
        self, rest: DiscordRest, guild_id: str, *, mentions: MentionLookup | None = None
    ) -> None:
        self.rest = rest
        self.guild_id = guild_id
        self._mentions = mentions
        self._channels: dict[str, str] = {}  # name → id, read once per process
        self._dm_channels: dict[str, str] = {}
        self._bot_user_id: str | None = None

    async def close(self) -> None:
        """Its REST session, once the process stops delivering (`close_messengers`)."""
        await self.rest.close()

    async def send_direct(
        self, user_id: str, message: Message, zone: str | None, *, key: str | None = None
    ) -> str:
        """`key`: the outbox key, sent as the message's nonce (see `delivered`)."""
        return await self._create(await self._dm_channel(user_id), message, key)

    async def post(self, channel: str, message: Message, *, key: str | None = None) -> str:
        return await self._create(await self.channel_id(channel), message, key)

    async def was_delivered(self, attempt: Attempt) -> str | None:
        """Within Discord's nonce window, the same POST again: Discord returns the message it
        made for this nonce, or makes it now (once). Later, the channel's history since the
        try, for the bot's message with this content."""
        address = attempt.address
        channel_id = await (
            self._dm_channel(address) if attempt.direct else self.channel_id(address)
        )
        if datetime.now(UTC) - attempt.since < NONCE_WINDOW:
            return await self._create(channel_id, attempt.message, attempt.key)
        payload = await self._payload(attempt.message)
        author = await self.bot_user_id()
        return await find_posted(self.rest, channel_id, author, payload, attempt.since)

    async def update(self, ref: str, message: Message) -> None:
        channel_id, _, message_id = ref.partition(":")
        body = await self._payload(message)
        await self.rest.request("PATCH", f"/channels/{channel_id}/messages/{message_id}", body)

    async def open_room(self, room: RoomRequest) -> str:
        """Safe to run again after a crash: what an earlier run made of the room (found by its
        key, see `rooms`) is brought up to date — who may see it, its topic and video link —
        and only what is missing is made."""
        category, text, voice = channel_bodies(room, self.guild_id, await self.bot_user_id())
        path = f"/guilds/{self.guild_id}/channels"
        found, children = made_earlier(room, await self.rest.request("GET", path))
        reason = f"Hallway room {room.key}"
        ids = [await self._room_channel(path, found, category, reason)]
        for body in (text, voice):
            made = children.get(body["type"])
            ids.append(await self._room_channel(path, made, {**body, "parent_id": ids[0]}, reason))
        return ",".join(ids)

    async def _room_channel(
        self, path: str, found: str | None, body: dict[str, Any], reason: str
    ) -> str:
        if found is None:
            return str((await self.rest.request("POST", path, body, reason=reason))["id"])
        changes = {key: value for key, value in body.items() if key != "type"}
        await self.rest.request("PATCH", f"/channels/{found}", changes, reason=reason)
        return found

    async def close_room(self, ref: str) -> None:
        """Children first: a category cannot be deleted from under its channels' readers."""
        for channel_id in reversed(ref.split(",")):
            try:
                await self.rest.request("DELETE", f"/channels/{channel_id}")
            except DeliveryError as exc:
                if "HTTP 404" not in exc.reason:  # already gone is what we wanted
                    raise

    async def add_to_room(self, ref: str, user_ids: Sequence[str]) -> None:
        """A member overwrite on each of the room's channels (category, text, voice): a
        channel synced to its category would lose its own overwrites if only the category
        changed, so each is given its own."""
        for channel_id in ref.split(","):
            for user_id in dict.fromkeys(user_ids):
                path = f"/channels/{channel_id}/permissions/{user_id}"
                await self.rest.request("PUT", path, member_overwrite(), reason="Hallway: booked")

    async def resolve_user(self, participant: Participant) -> str | None:
        return None  # Discord has no lookup by e-mail; people link with /verify

    async def publish_event(self, key: str, entry: CalendarEntry, ref: str | None) -> str:
        """A Guild Scheduled Event; one deleted by hand in Discord is made again."""
        shown = from_entry(entry)
        if ref is not None:
            try:
                await move_event(self.rest, self.guild_id, ref, shown)
                return ref
            except DeliveryError as exc:
                if "HTTP 404" not in exc.reason:
                    raise
        return await create_event(self.rest, self.guild_id, shown)

    async def withdraw_event(self, ref: str) -> None:
        """Cancelled, so that people who marked themselves interested see it called off."""
        try:
            await cancel_event(self.rest, self.guild_id, ref)
        except DeliveryError as exc:
            if "HTTP 404" not in exc.reason:  # deleted by hand: already gone
                raise

    async def channel_id(self, channel: str) -> str:
        """A channel id as given, or the id of the guild's text channel with that name."""
        name = channel.lstrip("#")
        if name.isdigit():
            return name
        if name not in self._channels:
            listed = await self.rest.request("GET", f"/guilds/{self.guild_id}/channels")
            for item in listed:
                if item.get("type") in _POSTABLE:
                    self._channels.setdefault(item["name"], str(item["id"]))
        if name not in self._channels:
            raise DeliveryError(f"the server has no text channel #{name}", permanent=True)
        return self._channels[name]

    async def bot_user_id(self) -> str:
        if self._bot_user_id is None:
            self._bot_user_id = str((await self.rest.request("GET", "/users/@me"))["id"])
        return self._bot_user_id

    async def _dm_channel(self, user_id: str) -> str:
        channel_id = self._dm_channels.get(user_id)
        if channel_id is None:
            made = await self.rest.request("POST", "/users/@me/channels", {"recipient_id": user_id})
            channel_id = self._dm_channels[user_id] = str(made["id"])
        return channel_id

    async def _create(self, channel_id: str, message: Message, key: str | None = None) -> str:
        body = await self._payload(message)
        if key is not None:
            body |= {"nonce": nonce_of(key), "enforce_nonce": True}
        made = await self.rest.request("POST", f"/channels/{channel_id}/messages", body)
        return f"{channel_id}:{made['id']}"

    async def _payload(self, message: Message) -> dict[str, Any]:
        people = [part.participant_id for part in persons(message)]
        known = await self._mentions(people) if self._mentions and people else {}
        return render(message, known).payload()
