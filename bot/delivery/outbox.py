"""What use cases call to send something. Nothing leaves here: rows go into the outbox in the
caller's transaction, so a notice exists exactly when the change that caused it was committed."""

from __future__ import annotations

from datetime import datetime

from bot.app import Hallway
from bot.domain.delivery import ChannelRole, Delivery, to_channel, to_person
from bot.messages import Message
from bot.ports import UnitOfWork


async def tell_person(
    hw: Hallway,
    uow: UnitOfWork,
    participant_id: int,
    message: Message,
    key: str,
    *,
    due_at: datetime | None = None,
    fanout: str | None = None,
) -> int:
    """A direct message, on every platform this deployment serves. `key` makes it happen once:
    queueing the same key again for the same person does nothing."""
    return await _queue(
        hw, uow, to_person(participant_id), message, f"{key}>p{participant_id}", due_at, fanout
    )


async def post_to_channel(
    hw: Hallway,
    uow: UnitOfWork,
    role: ChannelRole,
    message: Message,
    key: str,
    *,
    due_at: datetime | None = None,
) -> int:
    return await _queue(hw, uow, to_channel(role), message, f"{key}>c{role.value}", due_at, None)


async def _queue(
    hw: Hallway,
    uow: UnitOfWork,
    recipient: str,
    message: Message,
    key: str,
    due_at: datetime | None,
    fanout: str | None,
) -> int:
    when = due_at or hw.now()
    deliveries = [
        Delivery(hw.event.id, platform, key, recipient, message, when, fanout)
        for platform in hw.platforms
    ]
    return await uow.outbox.enqueue(deliveries)
