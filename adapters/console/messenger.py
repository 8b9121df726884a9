"""The console as a platform: direct messages for the person at the keyboard print at once;
those for others wait in their inbox until someone switches to them with /as."""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import replace
from zoneinfo import ZoneInfo

from adapters.console.render import ButtonBoard, render
from bot.domain.calendar import CalendarEntry
from bot.domain.participants import Participant
from bot.messages import Message
from bot.ports import Attempt, RoomRequest

# Who can read which channel, by the channel's name in the event file.
ChannelFilter = Callable[[str], bool]


class ConsoleMessenger:
    platform = "console"

    def __init__(self, write: Callable[[str], None], board: ButtonBoard) -> None:
        self._write = write
        self._board = board
        self._counter = itertools.count(1)
        self.persona: str = ""  # the e-mail of the person at the keyboard
        self.zone: ZoneInfo | None = None
        self.can_read: ChannelFilter = lambda channel: True
        self.inbox: dict[str, list[Message]] = defaultdict(list)
        self.rooms: dict[str, RoomRequest] = {}
        # Channels keep their history, as in a chat: whoever switches in with /as and may read
        # a channel sees what was posted there while they were away.
        self.history: list[tuple[str, str, Message]] = []  # (channel, how, message)
        self.seen: dict[str, int] = {}  # per person: how much of `history` they have read
        # What this process printed, by outbox key: the console's answer to "was it delivered?"
        # (a terminal keeps no history a restarted process could search).
        self.delivered: dict[str, str] = {}

    async def send_direct(
        self, user_id: str, message: Message, zone: str | None, *, key: str | None = None
    ) -> str:
        if user_id == self.persona:
            self._write(f"\n[direct message]\n{render(message, self.zone, self._board)}")
        else:
            self.inbox[user_id].append(message)
        return self._remember(key, f"dm-{next(self._counter)}")

    async def post(self, channel: str, message: Message, *, key: str | None = None) -> str:
        self._in_channel(channel, "", message)
        return self._remember(key, f"{channel}-{next(self._counter)}")

    async def was_delivered(self, attempt: Attempt) -> str | None:
        return self.delivered.get(attempt.key)

    def _remember(self, key: str | None, ref: str) -> str:
        if key is not None:
            self.delivered[key] = ref
        return ref

    async def update(self, ref: str, message: Message) -> None:
        self._in_channel(ref.rsplit("-", 1)[0], ", updated", message)

    def _in_channel(self, channel: str, how: str, message: Message) -> None:
        self.history.append((channel, how, message))
        if self.can_read(channel):
            self.seen[self.persona] = len(self.history)
            self._write(f"\n[#{channel}{how}]\n{render(message, self.zone, self._board)}")

    def take_channels(self, user_id: str) -> list[tuple[str, str, Message]]:
        """Posts in channels this person may read, made since they last looked."""
        unread = self.history[self.seen.get(user_id, 0) :]
        self.seen[user_id] = len(self.history)
        return [entry for entry in unread if self.can_read(entry[0])]

    async def open_room(self, room: RoomRequest) -> str:
        self.rooms[room.key] = room
        link = f" — video: {room.video_url}" if room.video_url else ""
        if self.persona in room.members or self.persona in room.moderators:
            self._write(f"\n[room opened] {room.name}{link}")
        return room.key

    async def close_room(self, ref: str) -> None:
        room = self.rooms.pop(ref, None)
        if room is not None and (self.persona in room.members or self.persona in room.moderators):
            self._write(f"\n[room closed] {room.name}")

    async def add_to_room(self, ref: str, user_ids: Sequence[str]) -> None:
        room = self.rooms.get(ref)
        if room is None:
            return
        self.rooms[ref] = replace(room, members=(*room.members, *user_ids))
        if self.persona in user_ids:
            link = f" — video: {room.video_url}" if room.video_url else ""
            self._write(f"\n[room] you were added to {room.name}{link}")

    async def publish_event(self, key: str, entry: CalendarEntry, ref: str | None) -> None:
        return None  # no calendar of its own: the programme and calendar files cover it

    async def withdraw_event(self, ref: str) -> None:
        return None

    async def resolve_user(self, participant: Participant) -> str | None:
        # Console accounts are e-mails, so everyone registered can be reached here.
        return participant.email

    def take_inbox(self, user_id: str) -> list[Message]:
        return self.inbox.pop(user_id, [])
