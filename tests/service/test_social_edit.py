"""Leads edit or withdraw their proposal until the deadline; an edit after review goes back to
the chairs with the change shown."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.app import Hallway
from bot.clock import ManualClock
from bot.domain.socials import Decision, QueueState
from bot.errors import HallwayError, NotAllowed
from bot.services.social_consent import confirm_colead
from bot.services.social_review import approve_social, suggest_change
from bot.services.socials import edit_social, submit_social, withdraw_social
from tests.fakes import RecordingMessenger
from tests.social_cast import (
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


async def confirmed(hw: Hallway) -> tuple[Cast, int]:
    people = await cast(hw)
    social = await submit_social(hw, people.ada, draft())
    await confirm_colead(hw, people.bob, social.id)
    return people, social.id


async def test_a_confirmed_colead_edits_and_the_audit_keeps_before_and_after(hw: Hallway) -> None:
    people, social_id = await confirmed(hw)
    await edit_social(hw, people.bob, social_id, draft(("ada@example.org",), title="RL paper club"))
    async with hw.uow() as uow:
        entry = (await uow.audit.for_subject(f"social:{social_id}"))[-1]
    assert (entry.action, entry.actor_id, entry.at) == ("edit", people.pid(people.bob), hw.now())
    assert (entry.before, entry.after) == (
        {"title": "RL reading group"},
        {"title": "RL paper club"},
    )
    stored = await reload(hw, social_id)
    assert stored.lead_ids() == [people.pid(people.ada), people.pid(people.bob)]


async def test_an_edit_that_changes_nothing_is_not_recorded(hw: Hallway) -> None:
    people, social_id = await confirmed(hw)
    await edit_social(hw, people.ada, social_id, draft())
    assert await audit_actions(hw, social_id) == ["submit", "confirm_lead"]


async def test_an_edit_after_approval_returns_it_to_the_queue_with_the_change_shown(
    hw: Hallway, messenger: RecordingMessenger
) -> None:
    people, social_id = await confirmed(hw)
    await approve_social(hw, people.chair, social_id, "Lovely")
    await edit_social(hw, people.ada, social_id, draft(title="RL paper club"))
    stored = await reload(hw, social_id)
    assert (stored.state, stored.decision, stored.chairs_message) == (QueueState.NEW, None, "")
    await deliver(hw, messenger)
    card = chair_posts(messenger)[-1]
    assert "Edited after review by Ada Lovelace:" in card
    assert "title: RL reading group → RL paper club" in card


async def test_an_edit_closes_the_chairs_open_suggestion(hw: Hallway) -> None:
    people, social_id = await confirmed(hw)
    await suggest_change(hw, people.chair, social_id, {}, "Could it be shorter?")
    await edit_social(hw, people.ada, social_id, draft(duration_minutes=90))
    stored = await reload(hw, social_id)
    assert (stored.state, stored.open_suggestion) == (QueueState.NEW, None)
    assert stored.suggestions[0].accepted is False


async def test_a_slot_moved_by_an_edit_does_not_clash_with_itself(hw: Hallway) -> None:
    people, social_id = await confirmed(hw)
    moved = START + timedelta(hours=1)
    await edit_social(hw, people.ada, social_id, draft(starts=(moved,)))
    stored = await reload(hw, social_id)
    assert [slot.start for slot in stored.slots] == [moved]


async def test_editing_or_withdrawing_after_the_deadline_is_refused(
    hw: Hallway, clock: ManualClock
) -> None:
    people, social_id = await confirmed(hw)
    clock.set(hw.event.submissions_close)
    with pytest.raises(HallwayError, match="can no longer edit it"):
        await edit_social(hw, people.ada, social_id, draft(title="Late"))
    with pytest.raises(HallwayError, match="can no longer withdraw it"):
        await withdraw_social(hw, people.ada, social_id)
    assert (await reload(hw, social_id)).state == QueueState.NEW


async def test_a_lead_removed_by_an_edit_is_told(
    hw: Hallway, messenger: RecordingMessenger
) -> None:
    people, social_id = await confirmed(hw)
    await edit_social(hw, people.ada, social_id, draft(coleads=("carl@example.org",)))
    await deliver(hw, messenger)
    assert (
        "Ada Lovelace edited RL reading group and no longer names you as a lead."
        in (inbox(messenger, people.bob)[-1])
    )
    assert inbox(messenger, people.carl)[0].startswith("You are named as co-lead")


async def test_withdrawing_tells_the_other_leads_and_stops_review(
    hw: Hallway, messenger: RecordingMessenger
) -> None:
    people, social_id = await confirmed(hw)
    await withdraw_social(hw, people.bob, social_id)
    stored = await reload(hw, social_id)
    assert stored.state == QueueState.WITHDRAWN
    await deliver(hw, messenger)
    assert "Bob Tanaka withdrew RL reading group" in inbox(messenger, people.ada)[-1]
    assert "State: withdrawn" in chair_posts(messenger)[-1]
    with pytest.raises(HallwayError, match="withdrawn"):
        await edit_social(hw, people.ada, social_id, draft(title="Back"))
    with pytest.raises(HallwayError, match="is withdrawn"):
        await approve_social(hw, people.chair, social_id)


async def test_withdrawing_before_the_colead_answers_cancels_the_unsent_ask(
    hw: Hallway, messenger: RecordingMessenger
) -> None:
    people = await cast(hw)
    social = await submit_social(hw, people.ada, draft())
    await withdraw_social(hw, people.ada, social.id)
    await deliver(hw, messenger)
    assert inbox(messenger, people.bob) == []


async def test_only_a_lead_may_withdraw(hw: Hallway) -> None:
    people, social_id = await confirmed(hw)
    for someone in (people.carl, people.chair):
        with pytest.raises(NotAllowed):
            await withdraw_social(hw, someone, social_id)
    assert (await reload(hw, social_id)).decision is None


async def test_a_rejected_then_edited_proposal_can_be_decided_again(hw: Hallway) -> None:
    from bot.services.social_review import reject_social

    people, social_id = await confirmed(hw)
    await reject_social(hw, people.chair, social_id, "Too close to the keynote")
    await edit_social(hw, people.ada, social_id, draft(starts=(START + timedelta(days=1),)))
    await approve_social(hw, people.chair, social_id)
    assert (await reload(hw, social_id)).decision == Decision.ACCEPTED
