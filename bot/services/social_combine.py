"""Combining two proposals into one: the chairs propose it, every lead of both is asked to
accept, and one decline calls it off, restoring both proposals as they were."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from bot.app import Hallway
from bot.delivery.outbox import post_to_channel, tell_person
from bot.domain.delivery import ChannelRole
from bot.domain.participants import Participant
from bot.domain.socials import Consent, LeadAsk, QueueState, Social, SocialLead
from bot.errors import HallwayError, InvalidInput, NotFound
from bot.interaction import Actor
from bot.ports import UnitOfWork
from bot.services.social_checks import plan, slot_checks
from bot.services.social_drafts import replace_slots
from bot.services.social_support import (
    audit,
    load_proposal,
    people_of,
    refresh_card,
    require_chair,
    require_state,
    snapshot,
    standing_leads,
    step,
    subject,
)
from bot.views import social_notices as notices

COMBINABLE = (QueueState.NEW, QueueState.DECIDED)


async def combine_socials(
    hw: Hallway,
    actor: Actor,
    social_id: int,
    other_id: int,
    title: str,
    description: str,
    slots: Mapping[str, datetime],
) -> Social:
    """`social_id` is kept with the combined title, description and slots; `other_id` is marked
    combined into it. All leads of both are kept and asked to accept."""
    chair = require_chair(hw, actor, "combine socials")
    if other_id == social_id:
        raise InvalidInput.at("other", "Choose another proposal to combine with this one.")
    async with hw.uow() as uow:
        kept, other = await _lock_both(hw, uow, social_id, other_id)
        for social in (kept, other):
            require_state(social, COMBINABLE, "be combined")
        lead_ids = sorted({*kept.lead_ids(), *other.lead_ids()})
        slot_plan = plan(hw, slots, kept.duration_minutes)
        ignore = (kept.id, other.id)
        problems = await slot_checks(
            hw, uow, slot_plan, lead_ids, me=None, zone=actor.tz, ignore=ignore
        )
        if problems:
            raise InvalidInput(problems)
        people = await people_of(uow, [kept, other])
        before = {**snapshot(kept, people), "lead_rows": _lead_rows(kept)}
        _combine(hw, kept, other, title, description, list(slots.values()))
        after = {**snapshot(kept, people), "other": other.id}
        audit(
            hw,
            uow,
            kept.id,
            chair.id,
            "combine",
            before=before,
            after=after,
            message=f"with #{other.id}",
        )
        audit(hw, uow, other.id, chair.id, "combined_into", message=f"into #{kept.id}")
        await _ask_leads(hw, uow, kept, (before["title"], other.title))
        await refresh_card(hw, uow, kept)
        await refresh_card(hw, uow, other)
        await uow.commit()
    return kept


async def call_off_combination(
    hw: Hallway, uow: UnitOfWork, kept: Social, decliner: Participant
) -> None:
    """A lead declined: both proposals return as they were, the chairs and leads are told."""
    history = await uow.audit.for_subject(subject(kept.id))
    entry = next((item for item in reversed(history) if item.action == "combine"), None)
    if entry is None or entry.before is None or entry.after is None:
        raise HallwayError(f"Proposal #{kept.id} has no combination to call off.")
    other = await load_proposal(hw, uow, int(entry.after["other"]))
    _restore(hw, kept, entry.before)
    other.combined_into, other.updated_at = None, hw.now()
    await uow.outbox.cancel(f"social:{kept.id}:combine:")
    for social in (kept, other):
        audit(
            hw, uow, social.id, decliner.id, "combine_off", message=f"declined by {decliner.name}"
        )
    message = notices.combination_called_off(kept.title, other.title, decliner.name)
    key = f"social:{kept.id}:combine_off:{await step(uow, kept.id)}"
    await post_to_channel(hw, uow, ChannelRole.CHAIRS, message, key)
    for participant_id in {*standing_leads(kept), *standing_leads(other)} - {decliner.id}:
        await tell_person(hw, uow, participant_id, message, key)
    await refresh_card(hw, uow, other)


async def _lock_both(
    hw: Hallway, uow: UnitOfWork, social_id: int, other_id: int
) -> tuple[Social, Social]:
    # Always lock the lower id first, so two chairs combining the same pair cannot deadlock.
    found: dict[int, Social] = {}
    for wanted in sorted((social_id, other_id)):
        try:
            found[wanted] = await load_proposal(hw, uow, wanted)
        except NotFound as exc:
            raise InvalidInput.at(
                "other" if wanted == other_id else "social", exc.message
            ) from None
    return found[social_id], found[other_id]


def _combine(
    hw: Hallway, kept: Social, other: Social, title: str, description: str, starts: list[datetime]
) -> None:
    now = hw.now()
    kept.title, kept.description, kept.updated_at = title, description, now
    kept.tags = list(dict.fromkeys([*kept.tags, *other.tags]))
    replace_slots(kept, starts)
    for social in (kept, other):
        social.decision = social.decided_by = None
        social.chairs_message = ""
    for lead in kept.leads:
        lead.consent, lead.asked_for, lead.responded_at = Consent.PENDING, LeadAsk.COMBINE, None
    for lead in other.leads:
        if lead.consent == Consent.CONFIRMED and kept.lead(lead.participant_id) is None:
            kept.leads.append(SocialLead(lead.participant_id, asked_for=LeadAsk.COMBINE))
    other.combined_into, other.updated_at = kept.id, now


def _lead_rows(social: Social) -> list[dict[str, Any]]:
    return [
        {"id": lead.participant_id, "ask": lead.asked_for.value, "submitter": lead.is_submitter}
        for lead in social.leads
    ]


def _restore(hw: Hallway, kept: Social, before: dict[str, Any]) -> None:
    kept.title, kept.description = before["title"], before["description"]
    kept.tags, kept.updated_at = list(before["tags"]), hw.now()
    replace_slots(kept, [datetime.fromisoformat(value) for value in before["slots"]])
    rows = {int(row["id"]): row for row in before["lead_rows"]}
    for lead in kept.leads[:]:
        row = rows.get(lead.participant_id)
        if row is None:
            kept.leads.remove(lead)
            continue
        lead.consent, lead.responded_at = Consent.CONFIRMED, hw.now()
        lead.asked_for, lead.is_submitter = LeadAsk(row["ask"]), bool(row["submitter"])


async def _ask_leads(hw: Hallway, uow: UnitOfWork, kept: Social, titles: tuple[str, str]) -> None:
    people = await people_of(uow, [kept])
    message = notices.combination_asked(kept, people, titles)
    number = await step(uow, kept.id)
    for lead in kept.leads:
        key = f"social:{kept.id}:combine:p{lead.participant_id}:{number}"
        await tell_person(hw, uow, lead.participant_id, message, key)
