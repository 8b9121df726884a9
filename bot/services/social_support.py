"""What the socials use cases share: finding a proposal, checking who may act on it, the audit
log, and keeping the chairs' review card in step with every change."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from bot.app import Hallway
from bot.delivery.outbox import post_to_channel, revise_post
from bot.domain.audit import AuditEntry
from bot.domain.delivery import ChannelRole
from bot.domain.participants import Participant, Role
from bot.domain.socials import Consent, LeadAsk, QueueState, Social, SocialLead
from bot.errors import HallwayError, NotAllowed, NotFound
from bot.interaction import Actor
from bot.messages import Message
from bot.ports import UnitOfWork
from bot.views.social_card import review_card
from bot.views.socials import People


@dataclass(frozen=True)
class Listing:
    """Proposals with the people they name, ready to show."""

    socials: list[Social]
    people: dict[int, Participant]


def subject(social_id: int) -> str:
    return f"social:{social_id}"


def card_key(social_id: int) -> str:
    return f"social:{social_id}:card"


async def step(uow: UnitOfWork, social_id: int) -> int:
    """How many actions the proposal has seen, this one included: makes the key of a notice
    that may rightly happen again (a co-lead asked again) unique per action, yet stable."""
    return len(await uow.audit.for_subject(subject(social_id)))


async def load_proposal(hw: Hallway, uow: UnitOfWork, social_id: int) -> Social:
    """The proposal, locked for this transaction: two people acting at once take turns."""
    found = await uow.socials.get(social_id, for_update=True)
    if found is None or found.event_id != hw.event.id:
        raise NotFound(f"There is no social proposal #{social_id} at {hw.event.name}.")
    return found


def require_chair(hw: Hallway, actor: Actor, doing: str) -> Participant:
    return actor.require_role(Role.CHAIR, hw.event.name, doing)


def require_confirmed_lead(social: Social, person: Participant, doing: str) -> SocialLead:
    lead = social.lead(person.id)
    if lead is None or lead.consent != Consent.CONFIRMED:
        raise NotAllowed(f"Only the confirmed leads of “{social.title}” can {doing}.")
    return lead


def require_state(social: Social, allowed: Collection[QueueState], doing: str) -> None:
    state = social.state
    if state not in allowed:
        raise HallwayError(f"Proposal #{social.id} is {state.value}, so it cannot {doing} now.")


async def people_of(
    uow: UnitOfWork, socials: Iterable[Social], *more: int
) -> dict[int, Participant]:
    ids = set(more)
    for social in socials:
        ids.update(social.lead_ids())
        ids.update(item.chair_id for item in social.suggestions)
        if social.decided_by is not None:
            ids.add(social.decided_by)
    return {person.id: person for person in await uow.participants.get_many(sorted(ids))}


def audit(
    hw: Hallway,
    uow: UnitOfWork,
    social_id: int,
    actor_id: int | None,
    action: str,
    *,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    message: str = "",
) -> None:
    entry = AuditEntry(
        hw.event.id, subject(social_id), actor_id, hw.now(), action, before, after, message
    )
    uow.audit.add(entry)


def snapshot(social: Social, people: People) -> dict[str, Any]:
    """The proposal as people read it, for the audit log's before → after."""
    return {
        "title": social.title,
        "description": social.description,
        "category": social.category.value,
        "tags": list(social.tags),
        "leads": [_lead_entry(people, lead) for lead in social.leads],
        "slots": [slot.start.isoformat() for slot in social.ordered_slots()],
        "duration_minutes": social.duration_minutes,
        "video_url": social.video_url,
        "capacity": social.capacity,
        "notes_to_chairs": social.notes_to_chairs,
    }


def changes(before: dict[str, Any], after: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Only what differs, on both sides."""
    keys = [key for key in after if before.get(key) != after[key]]
    return {key: before.get(key) for key in keys}, {key: after[key] for key in keys}


async def post_card(hw: Hallway, uow: UnitOfWork, social: Social) -> None:
    message = await _card(uow, social)
    await post_to_channel(hw, uow, ChannelRole.CHAIRS, message, card_key(social.id))


async def refresh_card(hw: Hallway, uow: UnitOfWork, social: Social) -> None:
    """The chairs' card shows the proposal as it is now (edited in place once posted)."""
    message = await _card(uow, social)
    await revise_post(hw, uow, ChannelRole.CHAIRS, message, card_key(social.id))


async def _card(uow: UnitOfWork, social: Social) -> Message:
    history = await uow.audit.for_subject(subject(social.id))
    actors = [entry.actor_id for entry in history if entry.actor_id is not None]
    people = await people_of(uow, [social], *actors)
    return review_card(social, people, history)


def is_asked_to_combine(lead: SocialLead) -> bool:
    return lead.asked_for == LeadAsk.COMBINE and lead.consent == Consent.PENDING


def standing_leads(social: Social) -> list[int]:
    """Leads who have not declined: those to keep informed."""
    return [lead.participant_id for lead in social.leads if lead.consent != Consent.DECLINED]


def confirmed_leads(social: Social) -> list[int]:
    return [lead.participant_id for lead in social.leads if lead.consent == Consent.CONFIRMED]


def _lead_entry(people: People, lead: SocialLead) -> str:
    name = _name(people, lead.participant_id)
    return f"{name} (declined)" if lead.consent == Consent.DECLINED else name


def _name(people: People, participant_id: int) -> str:
    found = people.get(participant_id)
    return found.name if found else f"participant {participant_id}"


def ordered(socials: Sequence[Social]) -> list[Social]:
    return sorted(socials, key=lambda social: social.id)
