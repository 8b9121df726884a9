"""What leads do with a social proposal: submit it, edit it, withdraw it, and see their own.

A refused submission or edit stores nothing: every check runs before the first write, and
the unit of work is committed only at the end.
"""

from __future__ import annotations

from bot.app import Hallway
from bot.delivery.outbox import tell_person
from bot.domain.participants import Participant
from bot.domain.social_rules import SocialDraft
from bot.domain.socials import Consent, QueueState, Social, SocialLead
from bot.errors import HallwayError, InvalidInput
from bot.interaction import Actor
from bot.ports import UnitOfWork
from bot.services.social_attendees import attendance, tell_attendees, tell_attendees_under_review
from bot.services.social_checks import check_open, plan, resolve_coleads, slot_checks
from bot.services.social_drafts import apply_draft, new_social, rename_leads
from bot.services.social_release import schedule_chairs_reminder
from bot.services.social_support import (
    Listing,
    audit,
    changes,
    confirmed_leads,
    is_asked_to_combine,
    load_proposal,
    ordered,
    people_of,
    post_card,
    refresh_card,
    require_confirmed_lead,
    snapshot,
    step,
)
from bot.views import social_notices as notices


async def submit_social(hw: Hallway, actor: Actor, draft: SocialDraft) -> Social:
    person = actor.registered(hw.event.name)
    check_open(hw, "submit a social")
    async with hw.uow() as uow:
        coleads = await _checked(hw, uow, actor, person, draft, ignore=())
        social = new_social(hw, person, coleads, draft)
        uow.socials.add(social)
        await uow.flush()
        people = {p.id: p for p in (person, *coleads)}
        audit(hw, uow, social.id, person.id, "submit", after=snapshot(social, people))
        for colead in coleads:
            await ask_colead(hw, uow, social, colead.id, person.id)
        await post_card(hw, uow, social)
        await schedule_chairs_reminder(hw, uow)
        await uow.commit()
    return social


async def edit_social(hw: Hallway, actor: Actor, social_id: int, draft: SocialDraft) -> Social:
    """Any confirmed lead, until the deadline. After a chair has acted, the proposal returns to
    the queue: its decision is cleared and an open suggestion closed; the card shows the edit."""
    person = actor.registered(hw.event.name)
    async with hw.uow() as uow:
        social = await load_proposal(hw, uow, social_id)
        require_confirmed_lead(social, person, "edit it")
        check_open(hw, "edit it")
        _require_editable(social)
        coleads = await _checked(hw, uow, actor, person, draft, ignore=(social.id,))
        people = await people_of(uow, [social], *(p.id for p in coleads))
        before = snapshot(social, people)
        going = await attendance(uow, social)
        apply_draft(social, draft, hw.now())
        added, removed = rename_leads(social, [person.id, *(p.id for p in coleads)])
        old, new = changes(before, snapshot(social, people))
        if not new:
            return social
        note = _back_to_queue(hw, social, person.id)
        audit(hw, uow, social.id, person.id, "edit", before=old, after=new, message=note)
        await _tell_leads_changes(hw, uow, social, person.id, added, removed, people)
        await tell_attendees_under_review(hw, uow, social, going)
        await refresh_card(hw, uow, social)
        await uow.commit()
    return social


async def withdraw_social(hw: Hallway, actor: Actor, social_id: int) -> Social:
    """A lead withdraws a proposal until the deadline. A social already on the programme can be
    cancelled later too — by a lead or a chair (leads fall ill) — until its last slot ends;
    everyone who RSVPed is told."""
    person = actor.registered(hw.event.name)
    async with hw.uow() as uow:
        social = await load_proposal(hw, uow, social_id)
        if social.is_public:
            _require_cancellable(hw, social, person)
        else:
            require_confirmed_lead(social, person, "withdraw it")
            check_open(hw, "withdraw it")
        if social.state in (QueueState.WITHDRAWN, QueueState.COMBINED):
            raise HallwayError(f"Proposal #{social.id} is already {social.state.value}.")
        going = await attendance(uow, social)
        social.withdrawn_at = social.updated_at = hw.now()
        _close_suggestion(social, person.id, hw)
        await uow.outbox.cancel(f"social:{social.id}:ask:")
        audit(hw, uow, social.id, person.id, "cancel" if going.was_public else "withdraw")
        await _tell_withdrawn(hw, uow, social, person.id)
        await tell_attendees(hw, uow, social, going)
        await refresh_card(hw, uow, social)
        await uow.commit()
    return social


def _require_cancellable(hw: Hallway, social: Social, person: Participant) -> None:
    if not person.is_chair:
        require_confirmed_lead(social, person, "cancel it")
    if all(span.end <= hw.now() for span in social.intervals()):
        raise HallwayError(f"#{social.id} {social.title} has already taken place.")


def ready_to_submit(hw: Hallway, actor: Actor) -> Participant:
    """Before showing the form: only registered people, only until the deadline."""
    person = actor.registered(hw.event.name)
    check_open(hw, "submit a social")
    return person


async def proposal_to_edit(hw: Hallway, actor: Actor, social_id: int) -> Listing:
    """The proposal, for the edit form, if this person may edit it now."""
    person = actor.registered(hw.event.name)
    async with hw.uow() as uow:
        social = await load_proposal(hw, uow, social_id)
        require_confirmed_lead(social, person, "edit it")
        check_open(hw, "edit it")
        _require_editable(social)
        people = await people_of(uow, [social])
    return Listing([social], people)


async def my_proposals(hw: Hallway, actor: Actor) -> Listing:
    """Proposals I lead or am asked to lead (not those I declined), with their state."""
    person = actor.registered(hw.event.name)
    async with hw.uow() as uow:
        led = await uow.socials.led_by(hw.event.id, person.id)
        mine = [s for s in led if (lead := s.lead(person.id)) and lead.consent != Consent.DECLINED]
        people = await people_of(uow, mine)
    return Listing(ordered(mine), people)


async def ask_colead(
    hw: Hallway, uow: UnitOfWork, social: Social, colead_id: int, asked_by: int
) -> None:
    people = await people_of(uow, [social])
    message = notices.colead_ask(social, people, asked_by, hw.event.name)
    key = f"social:{social.id}:ask:p{colead_id}:{await step(uow, social.id)}"
    await tell_person(hw, uow, colead_id, message, key)


async def _checked(
    hw: Hallway,
    uow: UnitOfWork,
    actor: Actor,
    person: Participant,
    draft: SocialDraft,
    *,
    ignore: tuple[int, ...],
) -> list[Participant]:
    coleads, problems = await resolve_coleads(hw, uow, actor, draft.coleads, person.id)
    slots = plan(hw, draft.slots, draft.duration_minutes)
    lead_ids = [person.id, *(p.id for p in coleads)]
    problems.update(
        await slot_checks(hw, uow, slots, lead_ids, me=person.id, zone=actor.tz, ignore=ignore)
    )
    if problems:
        raise InvalidInput(problems)
    return coleads


async def _tell_withdrawn(hw: Hallway, uow: UnitOfWork, social: Social, by: int) -> None:
    message = notices.withdrawn(social, await people_of(uow, [social]), by)
    for lead_id in confirmed_leads(social):
        if lead_id != by:
            await tell_person(hw, uow, lead_id, message, f"social:{social.id}:withdrawn")


def _require_editable(social: Social) -> None:
    if social.state in (QueueState.WITHDRAWN, QueueState.COMBINED):
        raise HallwayError(f"Proposal #{social.id} is {social.state.value}; it cannot be edited.")

    if any(is_asked_to_combine(lead) for lead in social.leads):
        raise HallwayError(
            f"The chairs proposed combining #{social.id} with another social. Accept or "
            "decline that first (see your messages), then edit."
        )


def _back_to_queue(hw: Hallway, social: Social, editor: int) -> str:
    """An edit after the chairs' decision or suggestion puts it back in front of them."""
    reviewed = social.decision is not None or social.open_suggestion is not None
    social.decision = social.decided_by = None
    social.chairs_message, social.released_at = "", None
    _close_suggestion(social, editor, hw)
    return "returned to the chairs' queue" if reviewed else ""


def _close_suggestion(social: Social, by: int, hw: Hallway) -> None:
    suggestion = social.open_suggestion
    if suggestion is not None:
        suggestion.accepted, suggestion.answered_by, suggestion.answered_at = False, by, hw.now()


async def _tell_leads_changes(
    hw: Hallway,
    uow: UnitOfWork,
    social: Social,
    editor: int,
    added: list[SocialLead],
    removed: list[SocialLead],
    people: dict[int, Participant],
) -> None:
    for lead in added:
        await ask_colead(hw, uow, social, lead.participant_id, editor)
    for lead in removed:
        await uow.outbox.cancel(f"social:{social.id}:ask:p{lead.participant_id}:")
        if lead.consent != Consent.DECLINED:
            message = notices.lead_removed(social, people, editor)
            key = f"social:{social.id}:removed:p{lead.participant_id}:{await step(uow, social.id)}"
            await tell_person(hw, uow, lead.participant_id, message, key)
