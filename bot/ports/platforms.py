"""A chat platform's way out: messages, rooms, calendar events, and its errors."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from bot.domain.calendar import CalendarEntry
from bot.domain.participants import Participant
from bot.messages import Message


@dataclass(frozen=True)
class RoomRequest:
    """A meeting room to open: a chat channel and/or a video link, for named people."""

    key: str  # stable, e.g. "mentoring:42"
    name: str
    topic: str
    video_url: str | None
    members: tuple[str, ...]  # platform user ids
    moderators: tuple[str, ...]  # platform user ids with moderator rights
    closes_at: datetime


@dataclass(frozen=True)
class Attempt:
    """One try at posting a message that may or may not have reached the platform (the process
    died, or the answer was lost): what a messenger needs to look for it."""

    key: str  # the outbox key, sent along with the message (see `Messenger.send_direct`)
    address: str  # the user id (direct) or channel id/name (post) the try went to
    direct: bool
    message: Message
    since: datetime  # the try began then (wall clock): the message, if posted, is not older


class Messenger(Protocol):
    """One chat platform's way out. Raises `DeliveryError` when the platform refuses.

    Exactly once: `key` (stable across retries, unique per platform) travels with each message
    so that `was_delivered` can find it later — Slack in the message's metadata, Discord as the
    nonce (with `enforce_nonce`) — and a retry after a lost answer never posts twice.
    """

    platform: str

    async def send_direct(
        self, user_id: str, message: Message, zone: str | None, *, key: str | None = None
    ) -> str:
        """Message a person; returns the platform's reference of the posted message."""
        ...

    async def post(self, channel: str, message: Message, *, key: str | None = None) -> str:
        """Post in a channel (an id or a name from the event file); returns its reference."""
        ...

    async def was_delivered(self, attempt: Attempt) -> str | None:
        """The reference of the message posted under `attempt.key` at `attempt.address`, if the
        platform has it; None when it certainly does not. Raise `DeliveryError` when it cannot
        tell (the platform is down): the question is asked again later."""
        ...

    async def update(self, ref: str, message: Message) -> None:
        """Replace a message posted earlier (a review card changes state)."""
        ...

    async def open_room(self, room: RoomRequest) -> str:
        """Open a room; returns its reference (channel id) for closing."""
        ...

    async def close_room(self, ref: str) -> None: ...

    async def add_to_room(self, ref: str, user_ids: Sequence[str]) -> None:
        """Let more people into an open room (someone booked after it opened)."""
        ...

    async def resolve_user(self, participant: Participant) -> str | None:
        """The platform user id of a participant with no linked account (Slack can look one up
        by e-mail), or None."""
        ...

    async def publish_event(self, key: str, entry: CalendarEntry, ref: str | None) -> str | None:
        """Show `entry` in the platform's calendar: create it (`ref` None) or replace the one
        published as `ref`. Returns its reference, or None where the platform has no calendar."""
        ...

    async def withdraw_event(self, ref: str) -> None:
        """Call off a published calendar event (its session was withdrawn or cancelled)."""
        ...


class DeliveryError(Exception):
    """A platform refused or failed a delivery. `retry_after` is set when it asked to wait."""

    def __init__(
        self,
        reason: str,
        *,
        retry_after: float | None = None,
        permanent: bool = False,
        maybe_delivered: bool = False,
    ):
        super().__init__(reason)
        self.reason = reason
        self.retry_after = retry_after
        self.permanent = permanent
        # The request left and no clear answer came back (a timeout, a dropped connection, a
        # 5xx): the platform may have posted it. The dispatcher asks `was_delivered` later.
        self.maybe_delivered = maybe_delivered


# --- mentoring and rooms ---
