"""The chairs' queue counts proposals from their states read as plain rows
(`SocialRepository.states`) instead of loading every proposal: the states must be exactly
what `Social.state` says of the proposals loaded whole, whatever combination of facts."""

from __future__ import annotations

import itertools

from bot.app import Hallway
from bot.domain.participants import Role
from bot.domain.socials import (
    Category,
    Consent,
    Decision,
    LeadAsk,
    QueueState,
    Social,
    SocialLead,
    Suggestion,
)
from bot.services.social_review import review_queue
from tests.factories import actor, register

# A second lead's standing: none, confirmed, pending or declined as co-lead, pending as the
# lead of a combination.
SECOND_LEAD = (
    None,
    (Consent.CONFIRMED, LeadAsk.COLEAD),
    (Consent.PENDING, LeadAsk.COLEAD),
    (Consent.DECLINED, LeadAsk.COLEAD),
    (Consent.PENDING, LeadAsk.COMBINE),
)
SUGGESTION_KINDS = ("none", "open", "answered")
DECISION = (None, Decision.ACCEPTED, Decision.REJECTED)


async def _every_combination(hw: Hallway) -> list[Social]:
    first = await register(hw, "first@example.org")
    second = await register(hw, "second@example.org")
    chair = await register(hw, "chair@example.org", None, Role.CHAIR)
    flags = (False, True)
    combos = list(itertools.product(SECOND_LEAD, SUGGESTION_KINDS, DECISION, flags, flags, flags))
    made = [
        _social(hw, number, first.id, second.id, chair.id, *combo[:5])
        for number, combo in enumerate(combos)
    ]
    async with hw.uow() as uow:
        for social in made:
            uow.socials.add(social)
        await uow.commit()
    # Combined into another: that one must exist first.
    async with hw.uow() as uow:
        for social, combo in zip(made, combos, strict=True):
            if combo[-1]:
                stored = await uow.socials.get(social.id)
                assert stored is not None
                stored.combined_into = made[0].id
        await uow.commit()
    return made


def _social(
    hw: Hallway,
    number: int,
    first: int,
    second: int,
    chair: int,
    lead: tuple[Consent, LeadAsk] | None,
    suggestion: str,
    decision: Decision | None,
    released: bool,
    withdrawn: bool,
) -> Social:
    leads = [SocialLead(first, Consent.CONFIRMED, is_submitter=True)]
    if lead is not None:
        leads.append(SocialLead(second, *lead))
    suggestions = []
    if suggestion != "none":
        answer = None if suggestion == "open" else True
        suggestions.append(Suggestion(chair, "Later?", [], hw.now(), accepted=answer))
    return Social(
        event_id=hw.event.id,
        title=f"Social {number}",
        description="About it",
        category=Category.RESEARCH,
        duration_minutes=60,
        submitted_by=first,
        submitted_at=hw.now(),
        leads=leads,
        suggestions=suggestions,
        decision=decision,
        decided_by=chair if decision else None,
        released_at=hw.now() if released and decision else None,
        withdrawn_at=hw.now() if withdrawn else None,
    )


async def test_states_read_as_rows_are_the_states_of_the_proposals_loaded_whole(
    hw: Hallway,
) -> None:
    made = await _every_combination(hw)
    async with hw.uow() as uow:
        whole = {social.id: social.state for social in await uow.socials.for_event(hw.event.id)}
        read = await uow.socials.states(hw.event.id)
    assert read == whole
    assert len(read) == len(made)
    assert set(read.values()) == set(QueueState)  # every state is among them


async def test_the_queue_lists_the_proposals_in_the_wanted_state_and_counts_them_all(
    hw: Hallway,
) -> None:
    await _every_combination(hw)
    chair = await actor(hw, "chair@example.org")
    async with hw.uow() as uow:
        everything = await uow.socials.for_event(hw.event.id)
    for wanted in (*QueueState, None):
        queue = await review_queue(hw, chair, wanted)
        expected = [
            social.id
            for social in everything
            if (
                social.state == wanted
                if wanted
                else social.state not in (QueueState.WITHDRAWN, QueueState.COMBINED)
            )
        ]
        assert [social.id for social in queue.listing.socials] == expected
        assert sum(queue.counts.values()) == len(everything)
        assert all(social.leads for social in queue.listing.socials)  # loaded whole
