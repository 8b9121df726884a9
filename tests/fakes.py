"""Hand-written fakes of Hallway's own ports (never mocks of SQLAlchemy or the SDKs)."""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field

from bot.domain.calendar import CalendarEntry
from bot.domain.participants import Participant
from bot.messages import Message, plain
from bot.ports import Attempt, DeliveryError, RoomRequest


@dataclass
class Sent:
    kind: str  # "direct" | "post" | "update" | "open_room" | "close_room" | "add_to_room" | …
    address: str
    message: Message | None = None
    key: str | None = None
    room: RoomRequest | None = None  # what open_room was asked for
    users: tuple[str, ...] = ()  # who add_to_room let in
    zone: str | None = None  # the reader's zone the dispatcher passed with a direct message
    entry: CalendarEntry | None = None  # what publish_event was asked to show

    @property
    def text(self) -> str:
        return plain(self.message) if self.message else ""


@dataclass
class RecordingMessenger:
    """Records what would have been sent. `failures` raises queued errors on the next sends;
    `directory` is what a platform lookup by e-mail would find; `lost_answers` posts the next
    messages and then fails as if the connection dropped before the answer came back."""

    platform: str = "fake"
    sent: list[Sent] = field(default_factory=list)
    failures: deque[DeliveryError] = field(default_factory=deque)
    directory: dict[str, str] = field(default_factory=dict)
    lost_answers: int = 0
    lookups: list[Attempt] = field(default_factory=list)

    async def send_direct(
        self, user_id: str, message: Message, zone: str | None, *, key: str | None = None
    ) -> str:
        return self._record(Sent("direct", user_id, message, key, zone=zone))

    async def post(self, channel: str, message: Message, *, key: str | None = None) -> str:
        return self._record(Sent("post", channel, message, key))

    async def was_delivered(self, attempt: Attempt) -> str | None:
        self.lookups.append(attempt)
        for number, item in enumerate(self.sent, start=1):
            if item.key == attempt.key and item.address == attempt.address:
                return f"ref-{number}"
        return None

    async def update(self, ref: str, message: Message) -> None:
        self._record(Sent("update", ref, message))

    async def open_room(self, room: RoomRequest) -> str:
        return self._record(Sent("open_room", room.key, room=room))

    async def close_room(self, ref: str) -> None:
        self._record(Sent("close_room", ref))

    async def add_to_room(self, ref: str, user_ids: Sequence[str]) -> None:
        self._record(Sent("add_to_room", ref, users=tuple(user_ids)))

    async def resolve_user(self, participant: Participant) -> str | None:
        return self.directory.get(participant.email)

    async def publish_event(self, key: str, entry: CalendarEntry, ref: str | None) -> str:
        made = self._record(Sent("publish_event", key, entry=entry))
        return ref or made

    async def withdraw_event(self, ref: str) -> None:
        self._record(Sent("withdraw_event", ref))

    def to(self, address: str) -> list[Sent]:
        return [item for item in self.sent if item.address == address]

    def keys(self) -> list[str]:
        return [item.key for item in self.sent if item.key is not None]

    def _record(self, item: Sent) -> str:
        if self.failures:
            raise self.failures.popleft()
        self.sent.append(item)
        if self.lost_answers:
            self.lost_answers -= 1
            raise DeliveryError("connection reset", maybe_delivered=True)
        return f"ref-{len(self.sent)}"
