"""Releasing the chairs' decisions to the leads — all held ones at once, one at once, or at a
time set — and reminding the chairs when the notification date arrives with work left.

Each lead gets exactly one message per released decision: the key is the proposal's, so a
second release (or a retried job) queues nothing new.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, time

from bot.app import Hallway
from bot.delivery.outbox import post_to_channel, tell_person
from bot.domain.audit import AuditEntry
from bot.domain.delivery import ChannelRole
from bot.domain.socials import QueueState, Social
from bot.domain.work import Work
from bot.errors import HallwayError, InvalidInput
from bot.event import Event
from bot.interaction import Actor
from bot.ports import Messenger, UnitOfWork
from bot.scheduling.work import cancel_work, schedule_work
from bot.services.social_support import (
    audit,
    confirmed_leads,
    load_proposal,
    refresh_card,
    require_chair,
    subject,
)
from bot.timerules import EARLIEST_ZONE, aoe_end_of
from bot.views import social_notices as notices

RELEASE_KIND = "socials.release"
REMIND_KIND = "socials.remind_chairs"
UNDECIDED = (QueueState.AWAITING_COLEAD, QueueState.NEW, QueueState.AWAITING_LEADS)


async def release_decisions(
    hw: Hallway, actor: Actor | None, social_id: int | None = None
) -> list[Social]:
    """Release one held decision, or every one. `actor` None: Hallway itself, at the time a
    chair scheduled. Each proposal is released in its own short transaction."""
    chair_id = None if actor is None else require_chair(hw, actor, "release decisions").id
    if social_id is not None:
        return [await _release_by_id(hw, social_id, chair_id, strict=True)]
    async with hw.uow() as uow:
        held = [
            s.id for s in await uow.socials.for_event(hw.event.id) if s.state == QueueState.DECIDED
        ]
    released = [await _release_by_id(hw, held_id, chair_id, strict=False) for held_id in held]
    return [social for social in released if social.released_at is not None]


async def _release_by_id(
    hw: Hallway, social_id: int, chair_id: int | None, *, strict: bool
) -> Social:
    async with hw.uow() as uow:
        social = await load_proposal(hw, uow, social_id)
        if social.state != QueueState.DECIDED:
            if strict:
                raise HallwayError(_not_releasable(social))
            return social  # someone acted on it meanwhile
        await release_one(hw, uow, social, chair_id)
        await refresh_card(hw, uow, social)
        await uow.commit()
    return social


async def release_one(hw: Hallway, uow: UnitOfWork, social: Social, chair_id: int | None) -> None:
    """Mark it released and tell each confirmed lead, once."""
    decision = social.decision
    if decision is None:
        raise HallwayError(_not_releasable(social))
    history = await uow.audit.for_subject(subject(social.id))
    earlier = sum(1 for entry in history if entry.action == "release")
    social.released_at = hw.now()
    audit(hw, uow, social.id, chair_id, "release", after={"decision": decision.value})
    # Re-decided after an edit (before the deadline): the new decision is a new message.
    key = f"social:{social.id}:decision" + (f":{earlier + 1}" if earlier else "")
    message = notices.decision(social, decision, hw.event.name)
    for lead_id in confirmed_leads(social):
        await tell_person(hw, uow, lead_id, message, key)


def _not_releasable(social: Social) -> str:
    if social.state == QueueState.RELEASED:
        return f"The decision on #{social.id} was already released; the leads have it."
    return f"Proposal #{social.id} is {social.state.value}: there is no decision to release."


async def schedule_release(hw: Hallway, actor: Actor, at: datetime) -> datetime:
    """Release every held decision at `at`. A new time replaces the one set before."""
    chair = require_chair(hw, actor, "schedule the release of decisions")
    if at <= hw.now():
        raise InvalidInput.at("at", "Pick a release time in the future.")
    prefix = f"{RELEASE_KIND}:{hw.event.slug}:"
    async with hw.uow() as uow:
        await cancel_work(uow, prefix)
        await schedule_work(hw, uow, f"{prefix}{at:%Y%m%dT%H%M%SZ}", RELEASE_KIND, at)
        entry = AuditEntry(
            hw.event.id,
            f"event:{hw.event.id}",
            chair.id,
            hw.now(),
            "schedule_release",
            after={"at": at.isoformat()},
        )
        uow.audit.add(entry)
        await uow.commit()
    return at


def reminder_due(event: Event) -> datetime:
    """When to remind the chairs of undecided proposals.

    The first instant of the notification date anywhere on Earth (00:00 at UTC+14): "by 30
    June" must hold for every participant, and 30 June ends first at UTC+14, 24 h later — so
    the chairs still get a full day to decide and release. Never before submissions close
    (an event whose notification date is its deadline), when the count would not be final.
    """
    begins = datetime.combine(event.socials.notification, time(0), EARLIEST_ZONE)
    return max(begins.astimezone(UTC), event.submissions_close)


async def schedule_chairs_reminder(hw: Hallway, uow: UnitOfWork) -> None:
    """Idempotent: the same key and instant each time; once done, it stays done."""
    key = f"{REMIND_KIND}:{hw.event.slug}"
    await schedule_work(hw, uow, key, REMIND_KIND, reminder_due(hw.event))


async def run_scheduled_release(
    hw: Hallway, messengers: Mapping[str, Messenger], work: Work
) -> None:
    await release_decisions(hw, None)


async def remind_chairs(hw: Hallway, messengers: Mapping[str, Messenger], work: Work) -> None:
    """Posts how many proposals are still undecided, or nothing when none are."""
    async with hw.uow() as uow:
        states = [social.state for social in await uow.socials.for_event(hw.event.id)]
        undecided = sum(1 for state in states if state in UNDECIDED)
        if not undecided:
            return
        held = states.count(QueueState.DECIDED)
        day = hw.event.socials.notification
        message = notices.chairs_reminder(undecided, held, f"{day:%d %B %Y}", aoe_end_of(day))
        await post_to_channel(
            hw, uow, ChannelRole.CHAIRS, message, f"socials:{hw.event.slug}:remind"
        )
        await uow.commit()
