"""What the people named on a proposal answer: a co-lead confirms or declines being named, a
lead of a combination accepts or declines it, and any one lead answers a chairs' suggestion."""

from __future__ import annotations

from typing import Any

from bot.app import Hallway
from bot.delivery.outbox import tell_person
from bot.domain.participants import Participant
from bot.domain.socials import Consent, LeadAsk, Social, SocialLead, Suggestion
from bot.errors import HallwayError, NotAllowed, NotFound
from bot.interaction import Actor
from bot.ports import UnitOfWork
from bot.services.social_attendees import attendance, tell_attendees
from bot.services.social_checks import plan, slot_checks
from bot.services.social_combine import call_off_combination
from bot.services.social_drafts import replace_slots
from bot.services.social_support import (
    audit,
    confirmed_leads,
    load_proposal,
    people_of,
    refresh_card,
    require_confirmed_lead,
    step,
)
from bot.views import social_notices as notices


async def confirm_colead(hw: Hallway, actor: Actor, social_id: int) -> Social:
    """The person pressing Confirm must be the lead being asked, and still asked."""
    person = actor.registered(hw.event.name)
    async with hw.uow() as uow:
        social = await load_proposal(hw, uow, social_id)
        lead = _asked(social, person)
        lead.consent, lead.responded_at = Consent.CONFIRMED, hw.now()
        await _answered(uow, social, person)
        audit(hw, uow, social.id, person.id, "confirm_lead", after=_answer(lead))
        await refresh_card(hw, uow, social)
        await uow.commit()
    return social


async def decline_colead(hw: Hallway, actor: Actor, social_id: int) -> Social:
    """Declining to co-lead tells the submitter, who may name someone else; declining a
    combination calls it off and tells the chairs."""
    person = actor.registered(hw.event.name)
    async with hw.uow() as uow:
        social = await load_proposal(hw, uow, social_id)
        lead = _asked(social, person)
        lead.consent, lead.responded_at = Consent.DECLINED, hw.now()
        await _answered(uow, social, person)
        audit(hw, uow, social.id, person.id, "decline_lead", after=_answer(lead))
        if lead.asked_for == LeadAsk.COMBINE:
            await call_off_combination(hw, uow, social, person)
        else:
            await _tell_submitter(hw, uow, social, person)
        await refresh_card(hw, uow, social)
        await uow.commit()
    return social


async def answer_suggestion(
    hw: Hallway, actor: Actor, social_id: int, suggestion_id: int, *, accept: bool
) -> Social:
    """Any one confirmed lead answers for all. Accepting moves the slots to the suggested times,
    checked again (a lead may have taken on another social meanwhile)."""
    person = actor.registered(hw.event.name)
    async with hw.uow() as uow:
        social = await load_proposal(hw, uow, social_id)
        require_confirmed_lead(social, person, "answer the chairs' suggestion")
        suggestion = _open_suggestion(social, suggestion_id)
        before = [slot.start.isoformat() for slot in social.ordered_slots()]
        going = await attendance(uow, social)
        if accept and suggestion.starts:
            await _check_suggested(hw, uow, actor, social, suggestion, person)
            replace_slots(social, suggestion.starts)
        suggestion.accepted, suggestion.answered_by = accept, person.id
        suggestion.answered_at = social.updated_at = hw.now()
        after = [slot.start.isoformat() for slot in social.ordered_slots()]
        action = "accept_suggestion" if accept else "decline_suggestion"
        audit(
            hw, uow, social.id, person.id, action, before={"slots": before}, after={"slots": after}
        )
        await _tell_other_leads(hw, uow, social, suggestion, person)
        await tell_attendees(hw, uow, social, going)
        await refresh_card(hw, uow, social)
        await uow.commit()
    return social


async def _answered(uow: UnitOfWork, social: Social, person: Participant) -> None:
    """Answered already (from /social mine): the ask not yet sent need not be."""
    for kind in ("ask", "combine"):
        await uow.outbox.cancel(f"social:{social.id}:{kind}:p{person.id}:")


def _answer(lead: SocialLead) -> dict[str, Any]:
    return {"consent": lead.consent.value, "asked_for": lead.asked_for.value}


def _asked(social: Social, person: Participant) -> SocialLead:
    lead = social.lead(person.id)
    if lead is None:
        raise NotAllowed(f"You are not named as a lead of “{social.title}”.")
    if lead.consent != Consent.PENDING:
        raise NotAllowed(f"You already answered for “{social.title}”: you {lead.consent.value}.")
    if social.withdrawn_at is not None or social.combined_into is not None:
        raise HallwayError(f"“{social.title}” is {social.state.value}; nothing to answer.")
    return lead


def _open_suggestion(social: Social, suggestion_id: int) -> Suggestion:
    found = next((item for item in social.suggestions if item.id == suggestion_id), None)
    if found is None:
        raise NotFound("That suggestion does not exist.")
    if not found.is_open:
        raise HallwayError(
            f"That suggestion for “{social.title}” was already answered or replaced; "
            "see /social mine for where it stands."
        )
    return found


async def _check_suggested(
    hw: Hallway,
    uow: UnitOfWork,
    actor: Actor,
    social: Social,
    suggestion: Suggestion,
    person: Participant,
) -> None:
    slots = {f"slot{index + 1}": start for index, start in enumerate(suggestion.starts)}
    problems = await slot_checks(
        hw,
        uow,
        plan(hw, slots, social.duration_minutes),
        social.lead_ids(),
        me=person.id,
        zone=actor.tz,
        ignore=(social.id,),
    )
    if problems:
        raise HallwayError(
            "The suggested times no longer work: "
            + " ".join(problems.values())
            + " Decline the suggestion and the chairs will look again."
        )


async def _tell_submitter(
    hw: Hallway, uow: UnitOfWork, social: Social, decliner: Participant
) -> None:
    people = await people_of(uow, [social])
    submitter = social.lead(social.submitted_by)
    told = (
        [social.submitted_by]
        if submitter is not None and submitter.consent == Consent.CONFIRMED
        else confirmed_leads(social)
    )
    message = notices.colead_declined(social, people, decliner.id)
    key = f"social:{social.id}:declined:p{decliner.id}:{await step(uow, social.id)}"
    for participant_id in told:
        await tell_person(hw, uow, participant_id, message, key)


async def _tell_other_leads(
    hw: Hallway, uow: UnitOfWork, social: Social, suggestion: Suggestion, by: Participant
) -> None:
    people = await people_of(uow, [social])
    message = notices.suggestion_answered(social, people, bool(suggestion.accepted), by.id)
    for participant_id in confirmed_leads(social):
        if participant_id != by.id:
            key = f"social:{social.id}:suggestion:{suggestion.id}:answer"
            await tell_person(hw, uow, participant_id, message, key)
