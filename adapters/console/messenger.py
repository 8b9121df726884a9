"""The console as a platform: direct messages for the person at the keyboard print at once;
those for others wait in their inbox until someone switches to them with /as."""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Callable
from zoneinfo import ZoneInfo

from adapters.console.render import ButtonBoard, render
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
        if self.can_read(channel):
            self._write(f"\n[#{channel}]\n{render(message, self.zone, self._board)}")
        return self._remember(key, f"{channel}-{next(self._counter)}")

    async def was_delivered(self, attempt: Attempt) -> str | None:
        return self.delivered.get(attempt.key)

    def _remember(self, key: str | None, ref: str) -> str:
        if key is not None:
            self.delivered[key] = ref
        return ref

    async def update(self, ref: str, message: Message) -> None:
        channel = ref.rsplit("-", 1)[0]
        if self.can_read(channel):
            self._write(f"\n[#{channel}, updated]\n{render(message, self.zone, self._board)}")

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

    async def resolve_user(self, participant: Participant) -> str | None:
        # Console accounts are e-mails, so everyone registered can be reached here.
        return participant.email

    def take_inbox(self, user_id: str) -> list[Message]:
        return self.inbox.pop(user_id, [])
