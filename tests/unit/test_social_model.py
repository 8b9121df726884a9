from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.domain.socials import (
    Category,
    Consent,
    Decision,
    LeadAsk,
    QueueState,
    Social,
    SocialLead,
    SocialSlot,
    Suggestion,
)

NOW = datetime(2021, 6, 15, 9, tzinfo=UTC)


def social(*leads: SocialLead) -> Social:
    return Social(
        event_id=1,
        title="Quiz night",
        description="Questions",
        category=Category.GATHERING,
        duration_minutes=120,
        submitted_by=1,
        submitted_at=NOW,
        leads=list(leads) or [SocialLead(1, Consent.CONFIRMED, is_submitter=True)],
        slots=[
            SocialSlot(NOW + timedelta(days=40, hours=12)),
            SocialSlot(NOW + timedelta(days=40)),
        ],
    )


def test_a_pending_colead_keeps_the_proposal_awaiting_colead() -> None:
    proposal = social(SocialLead(1, Consent.CONFIRMED, is_submitter=True), SocialLead(2))
    assert proposal.state == QueueState.AWAITING_COLEAD
    proposal.leads[1].consent = Consent.CONFIRMED
    assert proposal.state == QueueState.NEW


def test_a_declined_colead_still_blocks_review() -> None:
    proposal = social(SocialLead(1, Consent.CONFIRMED), SocialLead(2, Consent.DECLINED))
    assert proposal.state == QueueState.AWAITING_COLEAD


def test_an_open_suggestion_or_combination_awaits_the_leads() -> None:
    proposal = social(SocialLead(1, Consent.CONFIRMED), SocialLead(2, Consent.CONFIRMED))
    proposal.suggestions.append(Suggestion(9, "Later?", [NOW], NOW))
    assert proposal.state == QueueState.AWAITING_LEADS
    proposal.suggestions[0].accepted = True
    assert proposal.state == QueueState.NEW
    proposal.leads.append(SocialLead(3, asked_for=LeadAsk.COMBINE))
    assert proposal.state == QueueState.AWAITING_LEADS


def test_decided_then_released_then_public() -> None:
    proposal = social()
    proposal.decision = Decision.ACCEPTED
    assert (proposal.state, proposal.is_public) == (QueueState.DECIDED, False)
    proposal.released_at = NOW
    assert (proposal.state, proposal.is_public) == (QueueState.RELEASED, True)
    proposal.withdrawn_at = NOW
    assert (proposal.state, proposal.is_public) == (QueueState.WITHDRAWN, False)


def test_slots_come_in_time_order_with_their_end() -> None:
    proposal = social()
    first, second = proposal.intervals()
    assert first.start < second.start
    assert first.minutes == 120
