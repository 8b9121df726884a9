"""Co-leads agree to be named; a decline goes back to the submitter, who names someone else."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.app import Hallway
from bot.domain.socials import Consent, QueueState
from bot.errors import NotAllowed
from bot.services.social_consent import confirm_colead, decline_colead
from bot.services.socials import edit_social, my_proposals, submit_social
from tests.fakes import RecordingMessenger
from tests.social_cast import audit_actions, cast, chair_posts, deliver, draft, inbox, reload


async def test_confirming_makes_the_proposal_new_for_the_chairs(
    hw: Hallway, messenger: RecordingMessenger
) -> None:
    people = await cast(hw)
    social = await submit_social(hw, people.ada, draft())
    await confirm_colead(hw, people.bob, social.id)
    stored = await reload(hw, social.id)
    assert stored.state == QueueState.NEW
    assert stored.leads[1].responded_at == hw.now()
    assert await audit_actions(hw, social.id) == ["submit", "confirm_lead"]
    await deliver(hw, messenger)
    assert "State: new" in chair_posts(messenger)[-1]


async def test_only_the_asked_colead_can_confirm(hw: Hallway) -> None:
    people = await cast(hw)
    social = await submit_social(hw, people.ada, draft())
    for someone in (people.carl, people.chair, people.ada):
        with pytest.raises(NotAllowed):
            await confirm_colead(hw, someone, social.id)
    assert (await reload(hw, social.id)).state == QueueState.AWAITING_COLEAD


async def test_answering_twice_is_refused(hw: Hallway) -> None:
    people = await cast(hw)
    social = await submit_social(hw, people.ada, draft())
    await confirm_colead(hw, people.bob, social.id)
    with pytest.raises(NotAllowed, match="You already answered"):
        await decline_colead(hw, people.bob, social.id)
    assert (await reload(hw, social.id)).leads[1].consent == Consent.CONFIRMED


async def test_a_decline_tells_the_submitter_how_to_name_someone_else(
    hw: Hallway, messenger: RecordingMessenger
) -> None:
    people = await cast(hw)
    social = await submit_social(hw, people.ada, draft())
    await decline_colead(hw, people.bob, social.id)
    assert (await reload(hw, social.id)).state == QueueState.AWAITING_COLEAD
    await deliver(hw, messenger)
    [told] = inbox(messenger, people.ada)
    assert "Bob Tanaka will not co-lead RL reading group" in told
    assert f"/social edit {social.id}" in told


async def test_an_edit_replaces_the_declined_colead_and_asks_the_new_one(
    hw: Hallway, messenger: RecordingMessenger
) -> None:
    people = await cast(hw)
    social = await submit_social(hw, people.ada, draft())
    await deliver(hw, messenger)
    await decline_colead(hw, people.bob, social.id)
    await edit_social(hw, people.ada, social.id, draft(coleads=("carl@example.org",)))
    stored = await reload(hw, social.id)
    assert [(lead.participant_id, lead.consent) for lead in stored.leads] == [
        (people.pid(people.ada), Consent.CONFIRMED),
        (people.pid(people.carl), Consent.PENDING),
    ]
    await deliver(hw, messenger)
    assert len(inbox(messenger, people.carl)) == 1
    assert len(inbox(messenger, people.bob)) == 1  # the first ask; a decliner is not told again
    await confirm_colead(hw, people.carl, social.id)
    assert (await reload(hw, social.id)).state == QueueState.NEW


async def test_the_leads_see_awaiting_colead_in_their_own_list(hw: Hallway) -> None:
    people = await cast(hw)
    social = await submit_social(hw, people.ada, draft())
    for who in (people.ada, people.bob):
        listing = await my_proposals(hw, who)
        assert [(item.id, item.state) for item in listing.socials] == [
            (social.id, QueueState.AWAITING_COLEAD)
        ]
    await decline_colead(hw, people.bob, social.id)
    assert (await my_proposals(hw, people.bob)).socials == []


async def test_a_pending_colead_cannot_edit(hw: Hallway) -> None:
    people = await cast(hw)
    social = await submit_social(hw, people.ada, draft())
    with pytest.raises(NotAllowed):
        await edit_social(hw, people.bob, social.id, replace(draft(), title="Mine now"))
    assert (await reload(hw, social.id)).title == "RL reading group"


async def test_a_declined_colead_named_again_is_asked_again(
    hw: Hallway, messenger: RecordingMessenger
) -> None:
    people = await cast(hw)
    social = await submit_social(hw, people.ada, draft())
    await deliver(hw, messenger)
    await decline_colead(hw, people.bob, social.id)
    await edit_social(hw, people.ada, social.id, draft())
    assert (await reload(hw, social.id)).leads[1].consent == Consent.PENDING
    await deliver(hw, messenger)
    assert [text.split("\n")[0] for text in inbox(messenger, people.bob)] == [
        "You are named as co-lead of a social"
    ] * 2
    await confirm_colead(hw, people.bob, social.id)
    assert (await reload(hw, social.id)).state == QueueState.NEW


async def test_an_ask_answered_before_it_went_out_is_not_sent(
    hw: Hallway, messenger: RecordingMessenger
) -> None:
    people = await cast(hw)
    social = await submit_social(hw, people.ada, draft())
    await confirm_colead(hw, people.bob, social.id)  # from /social mine, before any delivery
    await deliver(hw, messenger)
    assert inbox(messenger, people.bob) == []
