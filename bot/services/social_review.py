"""What the social chairs do with proposals: look at the queue, approve, reject, suggest a
change, comment. Decisions are held until released (`social_release`). Every action is
audited with who, when, what, and before → after."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from bot.app import Hallway
from bot.delivery.outbox import tell_person
from bot.domain.socials import Decision, QueueState, Social, Suggestion
from bot.errors import HallwayError, InvalidInput
from bot.interaction import Actor
from bot.ports import UnitOfWork
from bot.services.social_checks import plan, slot_checks
from bot.services.social_release import release_one
from bot.services.social_support import (
    Listing,
    audit,
    confirmed_leads,
    is_asked_to_combine,
    load_proposal,
    ordered,
    people_of,
    refresh_card,
    require_chair,
    require_state,
)
from bot.views import social_notices as notices

# A decision or a new suggestion may replace a suggestion still waiting for the leads.
SUGGESTABLE = (
    QueueState.NEW,
    QueueState.DECIDED,
    QueueState.AWAITING_LEADS,
    QueueState.RELEASED,
)


@dataclass(frozen=True)
class Queue:
    counts: Counter[QueueState]
    listing: Listing


async def review_queue(hw: Hallway, actor: Actor, wanted: QueueState | None = None) -> Queue:
    """Every proposal's state counted; those in `wanted` (default: all still in the running).
    Only the proposals shown are loaded whole: the counts come from the states alone."""
    require_chair(hw, actor, "see the review queue")
    gone = (QueueState.WITHDRAWN, QueueState.COMBINED)
    async with hw.uow() as uow:
        states = await uow.socials.states(hw.event.id)
        counts = Counter(states.values())
        chosen = [
            social_id
            for social_id, state in states.items()
            if (state == wanted if wanted else state not in gone)
        ]
        shown = await uow.socials.many(chosen)
        people = await people_of(uow, shown)
    return Queue(counts, Listing(ordered(shown), people))


async def proposal_to_review(hw: Hallway, actor: Actor, social_id: int) -> Social:
    """One proposal, for a chair's form (the form's submission checks everything again)."""
    require_chair(hw, actor, "review socials")
    async with hw.uow() as uow:
        return await load_proposal(hw, uow, social_id)


async def approve_social(
    hw: Hallway, actor: Actor, social_id: int, message: str = "", *, release_now: bool = False
) -> Social:
    return await _decide(hw, actor, social_id, Decision.ACCEPTED, message, release_now)


async def reject_social(
    hw: Hallway, actor: Actor, social_id: int, message: str, *, release_now: bool = False
) -> Social:
    require_chair(hw, actor, "reject socials")
    if not message.strip():
        raise InvalidInput.at("message", "Say why, in a message the leads will read.")
    return await _decide(hw, actor, social_id, Decision.REJECTED, message, release_now)


async def _decide(
    hw: Hallway, actor: Actor, social_id: int, decision: Decision, message: str, release_now: bool
) -> Social:
    chair = require_chair(hw, actor, "decide on socials")
    async with hw.uow() as uow:
        social = await load_proposal(hw, uow, social_id)
        # Deciding while the leads consider a suggestion closes it: the chairs chose not to wait.
        require_state(social, SUGGESTABLE, f"be {decision.value}")
        _require_no_combination(social)
        if _repeats(social, decision, message):
            await _release_repeat(hw, uow, social, chair.id, release_now)
            return social
        _replace_open(social, chair.id, hw.now())
        before = {"decision": social.decision, "chairs_message": social.chairs_message}
        social.decision, social.decided_by = decision, chair.id
        social.chairs_message, social.updated_at = message.strip(), hw.now()
        after = {"decision": decision.value, "chairs_message": social.chairs_message}
        action = "approve" if decision == Decision.ACCEPTED else "reject"
        audit(hw, uow, social.id, chair.id, action, before=before, after=after, message=message)
        if release_now:
            await release_one(hw, uow, social, chair.id)
        await refresh_card(hw, uow, social)
        await uow.commit()
    return social


async def suggest_change(
    hw: Hallway, actor: Actor, social_id: int, slots: Mapping[str, datetime], message: str = ""
) -> Social:
    """New slot times and/or a message for the leads to accept or decline. A decision not yet
    released is cleared: the proposal is back under review. A social already on the programme
    stays there at its times until the leads accept (then attendees are told of the move)."""
    chair = require_chair(hw, actor, "suggest changes to socials")
    if not slots and not message.strip():
        raise InvalidInput.at("message", "Suggest new times, write a message, or both.")
    async with hw.uow() as uow:
        social = await load_proposal(hw, uow, social_id)
        require_state(social, SUGGESTABLE, "get a suggestion")
        _require_no_combination(social)
        slot_plan = plan(hw, slots, social.duration_minutes)
        lead_ids = social.lead_ids()
        ignore = (social.id,)
        problems = await slot_checks(
            hw, uow, slot_plan, lead_ids, me=None, zone=actor.tz, ignore=ignore
        )
        if problems:
            raise InvalidInput(problems)
        _replace_open(social, chair.id, hw.now())
        starts = sorted(slots.values())
        suggestion = Suggestion(chair.id, message.strip(), starts, hw.now())
        social.suggestions.append(suggestion)
        if not social.is_public:
            social.decision = social.decided_by = None
        await uow.flush()
        before = {"slots": [slot.start.isoformat() for slot in social.ordered_slots()]}
        after = {"slots": [start.isoformat() for start in starts]} if starts else {}
        audit(hw, uow, social.id, chair.id, "suggest", before=before, after=after, message=message)
        ask = notices.suggestion_asked(social, suggestion)
        for lead_id in confirmed_leads(social):
            key = f"social:{social.id}:suggestion:{suggestion.id}"
            await tell_person(hw, uow, lead_id, ask, key)
        await refresh_card(hw, uow, social)
        await uow.commit()
    return social


async def comment_on_social(hw: Hallway, actor: Actor, social_id: int, comment: str) -> Social:
    """A note for the other chairs: on the card and in the audit log, never sent to leads."""
    chair = require_chair(hw, actor, "comment on socials")
    if not comment.strip():
        raise InvalidInput.at("comment", "Write the comment first.")
    async with hw.uow() as uow:
        social = await load_proposal(hw, uow, social_id)
        audit(hw, uow, social.id, chair.id, "comment", message=comment.strip())
        await refresh_card(hw, uow, social)
        await uow.commit()
    return social


def _require_no_combination(social: Social) -> None:
    if any(is_asked_to_combine(lead) for lead in social.leads):
        raise HallwayError(
            f"The leads of #{social.id} are still considering a combination; suggest a change "
            "once they have answered."
        )


def _repeats(social: Social, decision: Decision, message: str) -> bool:
    """The decision the proposal already carries, pressed again — typically by a chair who
    never saw the first answer (a crash, a lost connection). It changes nothing: no second
    audit entry, and the leads are not told a second time."""
    return (
        social.decision == decision
        and social.chairs_message == message.strip()
        and social.open_suggestion is None
    )


async def _release_repeat(
    hw: Hallway, uow: UnitOfWork, social: Social, chair_id: int, release_now: bool
) -> None:
    """A repeated decision may still ask for the release the first one did not."""
    if release_now and social.released_at is None:
        await release_one(hw, uow, social, chair_id)
        await refresh_card(hw, uow, social)
        await uow.commit()


def _replace_open(social: Social, chair_id: int, now: datetime) -> None:
    """Close a suggestion the leads have not answered yet."""
    suggestion = social.open_suggestion
    if suggestion is not None:
        suggestion.accepted, suggestion.answered_by, suggestion.answered_at = False, chair_id, now
