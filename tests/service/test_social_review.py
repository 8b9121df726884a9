"""The chairs' review: the queue, approve, reject, suggest a change, comment — all audited."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.app import Hallway
from bot.domain.socials import Decision, QueueState
from bot.errors import HallwayError, InvalidInput
from bot.services.social_consent import answer_suggestion, confirm_colead
from bot.services.social_review import (
    approve_social,
    comment_on_social,
    reject_social,
    review_queue,
    suggest_change,
)
from bot.services.socials import submit_social
from tests.fakes import RecordingMessenger
from tests.social_cast import (
    LATER,
    START,
    Cast,
    audit_actions,
    cast,
    chair_posts,
    deliver,
    draft,
    inbox,
    reload,
)

EARLIER = START - timedelta(hours=3)


async def proposed(hw: Hallway) -> tuple[Cast, int]:
    people = await cast(hw)
    social = await submit_social(hw, people.ada, draft())
    await confirm_colead(hw, people.bob, social.id)
    return people, social.id


async def test_approving_holds_the_decision_until_release(
    hw: Hallway, messenger: RecordingMessenger
) -> None:
    people, social_id = await proposed(hw)
    await deliver(hw, messenger)
    sent_before = len(inbox(messenger, people.ada))
    await approve_social(hw, people.chair, social_id, "See you there")
    stored = await reload(hw, social_id)
    assert (stored.state, stored.decided_by) == (QueueState.DECIDED, people.pid(people.chair))
    await deliver(hw, messenger)
    assert len(inbox(messenger, people.ada)) == sent_before  # nothing reaches the leads yet
    card = chair_posts(messenger)[-1]
    assert "Decision: accepted by Grace Hopper, held until released" in card
    async with hw.uow() as uow:
        entry = (await uow.audit.for_subject(f"social:{social_id}"))[-1]
    assert (entry.action, entry.actor_id, entry.at, entry.message) == (
        "approve",
        people.pid(people.chair),
        hw.now(),
        "See you there",
    )
    assert (entry.before, entry.after) == (
        {"decision": None, "chairs_message": ""},
        {"decision": "accepted", "chairs_message": "See you there"},
    )


async def test_a_rejection_needs_a_message_for_the_leads(hw: Hallway) -> None:
    people, social_id = await proposed(hw)
    with pytest.raises(InvalidInput) as refused:
        await reject_social(hw, people.chair, social_id, "  ")
    assert list(refused.value.errors) == ["message"]
    await reject_social(hw, people.chair, social_id, "Too close to the keynote")
    assert (await reload(hw, social_id)).decision == Decision.REJECTED


async def test_a_proposal_awaiting_its_colead_cannot_be_decided(hw: Hallway) -> None:
    people = await cast(hw)
    social = await submit_social(hw, people.ada, draft())
    with pytest.raises(HallwayError, match="is awaiting co-lead, so it cannot be accepted now"):
        await approve_social(hw, people.chair, social.id)


async def test_a_suggestion_asks_the_leads_and_clears_an_earlier_decision(
    hw: Hallway, messenger: RecordingMessenger
) -> None:
    people, social_id = await proposed(hw)
    await approve_social(hw, people.chair, social_id)
    await suggest_change(hw, people.chair, social_id, {"slot1": EARLIER}, "Earlier suits Asia")
    stored = await reload(hw, social_id)
    assert (stored.state, stored.decision) == (QueueState.AWAITING_LEADS, None)
    await deliver(hw, messenger)
    for lead in (people.ada, people.bob):
        [ask] = [text for text in inbox(messenger, lead) if "suggest a change" in text]
        assert "Their message: “Earlier suits Asia”" in ask
        assert "Monday 19 July 2021, 12:00 UTC – 14:00 UTC" in ask
    assert "Grace Hopper suggested a change; waiting for the leads:" in chair_posts(messenger)[-1]


async def test_a_suggestion_needs_times_or_a_message(hw: Hallway) -> None:
    people, social_id = await proposed(hw)
    with pytest.raises(InvalidInput) as refused:
        await suggest_change(hw, people.chair, social_id, {}, "")
    assert list(refused.value.errors) == ["message"]


async def test_suggested_times_follow_the_slot_rules_at_their_fields(hw: Hallway) -> None:
    people, social_id = await proposed(hw)
    outside = START + timedelta(days=30)
    with pytest.raises(InvalidInput) as refused:
        await suggest_change(hw, people.chair, social_id, {"slot1": START, "slot2": outside})
    assert list(refused.value.errors) == ["slot2"]
    other = await submit_social(hw, people.carl, draft(("bob@example.org",), (LATER,), title="B"))
    with pytest.raises(InvalidInput, match="Bob Tanaka already leads"):
        await suggest_change(hw, people.chair, social_id, {"slot1": LATER})
    assert other.id != social_id
    assert (await reload(hw, social_id)).suggestions == []


async def test_accepting_a_suggestion_moves_the_slots_and_returns_it_as_new(
    hw: Hallway, messenger: RecordingMessenger
) -> None:
    people, social_id = await proposed(hw)
    social = await suggest_change(hw, people.chair, social_id, {"slot1": EARLIER, "slot2": LATER})
    suggestion_id = social.suggestions[0].id
    await answer_suggestion(hw, people.bob, social_id, suggestion_id, accept=True)
    stored = await reload(hw, social_id)
    assert [slot.start for slot in stored.ordered_slots()] == [EARLIER, LATER]
    assert stored.state == QueueState.NEW
    assert stored.suggestions[0].answered_by == people.pid(people.bob)
    async with hw.uow() as uow:
        entry = (await uow.audit.for_subject(f"social:{social_id}"))[-1]
    assert entry.action == "accept_suggestion"
    assert entry.before == {"slots": [START.isoformat()]}
    assert entry.after == {"slots": [EARLIER.isoformat(), LATER.isoformat()]}
    await deliver(hw, messenger)
    assert "Bob Tanaka accepted the chairs' suggestion" in inbox(messenger, people.ada)[-1]


async def test_accepting_checks_the_overlap_rules_again(hw: Hallway) -> None:
    people, social_id = await proposed(hw)
    social = await suggest_change(hw, people.chair, social_id, {"slot1": LATER})
    # Meanwhile Bob takes on another social at the suggested time.
    await submit_social(hw, people.bob, draft(("carl@example.org",), (LATER,), title="Other"))
    with pytest.raises(HallwayError, match="The suggested times no longer work"):
        await answer_suggestion(hw, people.ada, social_id, social.suggestions[0].id, accept=True)
    stored = await reload(hw, social_id)
    assert ([slot.start for slot in stored.slots], stored.state) == (
        [START],
        QueueState.AWAITING_LEADS,
    )


async def test_declining_keeps_the_slots_and_returns_it_to_the_chairs(hw: Hallway) -> None:
    people, social_id = await proposed(hw)
    social = await suggest_change(hw, people.chair, social_id, {"slot1": LATER})
    await answer_suggestion(hw, people.ada, social_id, social.suggestions[0].id, accept=False)
    stored = await reload(hw, social_id)
    assert ([slot.start for slot in stored.slots], stored.state) == ([START], QueueState.NEW)
    assert (await audit_actions(hw, social_id))[-1] == "decline_suggestion"


async def test_a_suggestion_is_answered_once(hw: Hallway) -> None:
    people, social_id = await proposed(hw)
    social = await suggest_change(hw, people.chair, social_id, {}, "Add a tag?")
    suggestion_id = social.suggestions[0].id
    await answer_suggestion(hw, people.ada, social_id, suggestion_id, accept=False)
    with pytest.raises(HallwayError, match="already answered or replaced"):
        await answer_suggestion(hw, people.bob, social_id, suggestion_id, accept=True)


async def test_a_new_suggestion_replaces_the_unanswered_one(hw: Hallway) -> None:
    people, social_id = await proposed(hw)
    first = (await suggest_change(hw, people.chair, social_id, {}, "One")).suggestions[0].id
    await suggest_change(hw, people.chair, social_id, {}, "Two")
    with pytest.raises(HallwayError, match="already answered or replaced"):
        await answer_suggestion(hw, people.ada, social_id, first, accept=True)
    stored = await reload(hw, social_id)
    assert stored.open_suggestion is not None
    assert stored.open_suggestion.message == "Two"


async def test_a_comment_goes_on_the_card_and_in_the_audit_only(
    hw: Hallway, messenger: RecordingMessenger
) -> None:
    people, social_id = await proposed(hw)
    await deliver(hw, messenger)
    direct_before = sum(1 for sent in messenger.sent if sent.kind == "direct")
    await comment_on_social(hw, people.chair, social_id, "Similar to #3?")
    await deliver(hw, messenger)
    assert sum(1 for sent in messenger.sent if sent.kind == "direct") == direct_before
    assert "Grace Hopper commented: “Similar to #3?”" in chair_posts(messenger)[-1]
    assert (await audit_actions(hw, social_id))[-1] == "comment"


async def test_the_queue_counts_every_state_and_filters(hw: Hallway) -> None:
    people, social_id = await proposed(hw)
    waiting = await submit_social(hw, people.carl, draft(("ada@example.org",), (LATER,), title="B"))
    await approve_social(hw, people.chair, social_id)
    queue = await review_queue(hw, people.chair)
    assert queue.counts[QueueState.DECIDED] == 1
    assert queue.counts[QueueState.AWAITING_COLEAD] == 1
    assert [social.id for social in queue.listing.socials] == [social_id, waiting.id]
    only = await review_queue(hw, people.chair, QueueState.AWAITING_COLEAD)
    assert [social.id for social in only.listing.socials] == [waiting.id]


async def test_deciding_while_the_leads_consider_a_suggestion_closes_it(hw: Hallway) -> None:
    people, social_id = await proposed(hw)
    await suggest_change(hw, people.chair, social_id, {"slot1": LATER})
    await reject_social(hw, people.chair, social_id, "We found no room after all")
    stored = await reload(hw, social_id)
    assert (stored.state, stored.open_suggestion) == (QueueState.DECIDED, None)
    assert [slot.start for slot in stored.slots] == [START]
