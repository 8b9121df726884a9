"""Turning a checked draft into a proposal, or into changes to one: its fields, its slots
(kept by row, so RSVPs to a moved slot follow it) and its leads (kept with their consent)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from bot.app import Hallway
from bot.domain.participants import Participant
from bot.domain.social_rules import SocialDraft
from bot.domain.socials import Consent, LeadAsk, Social, SocialLead, SocialSlot


def new_social(
    hw: Hallway, submitter: Participant, coleads: Sequence[Participant], draft: SocialDraft
) -> Social:
    now = hw.now()
    social = Social(
        event_id=hw.event.id,
        title=draft.title,
        description=draft.description,
        category=draft.category,
        duration_minutes=draft.duration_minutes,
        submitted_by=submitter.id,
        submitted_at=now,
        conduct_acknowledged=draft.conduct_acknowledged,
        leads=[SocialLead(submitter.id, Consent.CONFIRMED, is_submitter=True, responded_at=now)],
    )
    social.leads.extend(SocialLead(colead.id) for colead in coleads)
    apply_draft(social, draft, now)
    return social


def apply_draft(social: Social, draft: SocialDraft, now: datetime) -> None:
    social.title, social.description = draft.title, draft.description
    social.category, social.duration_minutes = draft.category, draft.duration_minutes
    social.tags = list(draft.tags)
    social.video_url, social.capacity = draft.video_url, draft.capacity
    social.notes_to_chairs = draft.notes_to_chairs
    social.conduct_acknowledged = draft.conduct_acknowledged
    social.updated_at = now
    replace_slots(social, draft.starts())


def replace_slots(social: Social, starts: Sequence[datetime]) -> None:
    """The proposal runs at `starts`: existing slot rows are moved in order, extras removed."""
    kept = social.ordered_slots()[: len(starts)]
    for slot in social.slots[:]:
        if slot not in kept:
            social.slots.remove(slot)
    for position, start in enumerate(sorted(starts)):
        if position < len(kept):
            kept[position].start, kept[position].position = start, position
        else:
            social.slots.append(SocialSlot(start, position))


def rename_leads(social: Social, named: Sequence[int]) -> tuple[list[SocialLead], list[SocialLead]]:
    """The leads become `named` (the editor first). Those still named keep their consent; one
    who had declined and is named again is asked again. Returns (to ask, removed)."""
    asked: list[SocialLead] = []
    removed = [lead for lead in social.leads if lead.participant_id not in named]
    for lead in removed:
        social.leads.remove(lead)
    for participant_id in named:
        found = social.lead(participant_id)
        if found is None:
            added = SocialLead(participant_id)
            social.leads.append(added)
            asked.append(added)
        elif found.consent == Consent.DECLINED:
            found.consent, found.asked_for, found.responded_at = (
                Consent.PENDING,
                LeadAsk.COLEAD,
                None,
            )
            asked.append(found)
    return asked, removed
