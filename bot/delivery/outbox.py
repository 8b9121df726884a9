"""What use cases call to send something. Nothing leaves here: rows go into the outbox in the
caller's transaction, so a notice exists exactly when the change that caused it was committed."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any
from uuid import uuid4

from bot.app import Hallway
from bot.domain.delivery import (
    ChannelRole,
    Delivery,
    DeliveryStatus,
    to_channel,
    to_person,
    to_post,
)
from bot.messages import Line, Message, Paragraph, When, line, message
from bot.ports import UnitOfWork
from bot.timerules import Interval

# A burst of edits within this long becomes one change notice.
SETTLE = timedelta(minutes=2)


async def tell_person(
    hw: Hallway,
    uow: UnitOfWork,
    participant_id: int,
    msg: Message,
    key: str,
    *,
    due_at: datetime | None = None,
    fanout: str | None = None,
) -> int:
    """A direct message, on every platform this deployment serves. `key` makes it happen once:
    queueing the same key again for the same person does nothing."""
    recipient = to_person(participant_id)
    return await _queue(hw, uow, recipient, msg, person_key(key, participant_id), due_at, fanout)


async def post_to_channel(
    hw: Hallway,
    uow: UnitOfWork,
    role: ChannelRole,
    msg: Message,
    key: str,
    *,
    due_at: datetime | None = None,
) -> int:
    return await _queue(hw, uow, to_channel(role), msg, channel_key(key, role), due_at, None)


async def revise_post(
    hw: Hallway, uow: UnitOfWork, role: ChannelRole, msg: Message, key: str
) -> None:
    """Change a channel post made under `key` (a review card showing its new state). Not yet
    sent: it goes out as revised. Sent: an edit follows; a burst of edits makes one."""
    posted = channel_key(key, role)
    if await _replace_pending(uow, posted, to_channel(role), msg):
        return
    edit_prefix = f"{posted}#edit"
    if await _replace_pending(uow, edit_prefix, to_post(posted), msg):
        return
    # Unique per edit: two edits in the same instant (a frozen or simulated clock) stay two.
    stamp = f"{edit_prefix}:{uuid4().hex}"
    await _queue(hw, uow, to_post(posted), msg, stamp, None, None)


async def tell_of_change(
    hw: Hallway,
    uow: UnitOfWork,
    subject: str,
    participant_ids: Sequence[int],
    what: Line,
    before: Sequence[Interval],
    after: Sequence[Interval],
) -> None:
    """Tell people that something they lead, booked or RSVPed moved (`after` empty: cancelled).

    Edits within `SETTLE` of each other become one notice, from the times people were last
    told to the newest; a change undone before the notice leaves is not sent at all. A notice
    never waits past the start it is about: people hear of a change before it matters."""
    prefix = f"{subject}:change:"
    for participant_id in participant_ids:
        recipient = to_person(participant_id)
        waiting = await uow.outbox.pending(prefix, recipient)
        told = (
            _intervals(waiting[0].context["before"]) if waiting and waiting[0].context else before
        )
        due = _notice_due(hw.now(), told, after)
        if waiting:
            _settle(waiting, due, told, after, what)
        elif tuple(told) != tuple(after):
            notice = change_notice(what, told, after)
            context = {"before": _jsonable(told)}
            await _queue_fresh(
                hw,
                uow,
                recipient,
                notice,
                f"{prefix}{hw.now().timestamp():.6f}",
                participant_id,
                due,
                context,
            )


async def _queue_fresh(
    hw: Hallway,
    uow: UnitOfWork,
    recipient: str,
    msg: Message,
    stem: str,
    participant_id: int,
    due: datetime,
    context: dict[str, Any],
) -> None:
    """Queue under a key not used before: an earlier notice of the same instant may have been
    sent or dropped already (a change made and undone within one clock tick)."""
    for suffix in ("", *(f"#{n}" for n in range(2, 100))):
        key = person_key(f"{stem}{suffix}", participant_id)
        if await _queue(hw, uow, recipient, msg, key, due, None, context):
            return


def _notice_due(now: datetime, before: Sequence[Interval], after: Sequence[Interval]) -> datetime:
    settled = now + SETTLE
    upcoming = [span.start for span in (*before, *after) if span.start > now]
    return max(now, min([settled, *upcoming]))


def change_notice(what: Line, before: Sequence[Interval], after: Sequence[Interval]) -> Message:
    """`what` names the thing, e.g. ("Your booking with ", Strong("Ada"))."""
    if not after:
        return message("Cancelled", (*what, " has been cancelled."), _times("It was", before))
    return message(
        "Changed", (*what, " has changed."), _times("Before", before), _times("Now", after)
    )


def _settle(
    waiting: list[Delivery],
    due: datetime,
    told: Sequence[Interval],
    after: Sequence[Interval],
    what: Line,
) -> None:
    for delivery in waiting:
        if tuple(told) == tuple(after):
            delivery.status, delivery.last_error = DeliveryStatus.SKIPPED, "changed back"
        else:
            delivery.message, delivery.due_at = change_notice(what, told, after), due


def _times(label: str, intervals: Sequence[Interval]) -> Paragraph:
    lines = [
        line(
            "{label}: {start} – {end}",
            label=label,
            start=When(span.start),
            end=When(span.end, "time"),
        )
        for span in intervals
    ]
    return Paragraph(tuple(lines))


async def _replace_pending(uow: UnitOfWork, key_prefix: str, recipient: str, msg: Message) -> bool:
    waiting = await uow.outbox.pending(key_prefix, recipient)
    for delivery in waiting:
        delivery.message = msg
    return bool(waiting)


def person_key(key: str, participant_id: int) -> str:
    """The outbox key of a notice to one person (its recipient makes it unique)."""
    return f"{key}>p{participant_id}"


def channel_key(key: str, role: ChannelRole) -> str:
    return f"{key}>c{role.value}"


def _jsonable(intervals: Sequence[Interval]) -> list[list[str]]:
    return [[span.start.isoformat(), span.end.isoformat()] for span in intervals]


def _intervals(data: list[list[str]]) -> list[Interval]:
    return [
        Interval(datetime.fromisoformat(start), datetime.fromisoformat(end)) for start, end in data
    ]


async def _queue(
    hw: Hallway,
    uow: UnitOfWork,
    recipient: str,
    msg: Message,
    key: str,
    due_at: datetime | None,
    fanout: str | None,
    context: dict[str, Any] | None = None,
) -> int:
    when = due_at or hw.now()
    deliveries = [
        Delivery(hw.event.id, platform, key, recipient, msg, when, fanout, context=context)
        for platform in hw.platforms
    ]
    return await uow.outbox.enqueue(deliveries)
