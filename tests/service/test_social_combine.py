"""Combining two proposals: every lead of both is asked; one decline calls it off."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.app import Hallway
from bot.domain.socials import Consent, LeadAsk, QueueState
from bot.errors import HallwayError, InvalidInput
from bot.services.social_combine import combine_socials
from bot.services.social_consent import confirm_colead, decline_colead
from bot.services.socials import submit_social
from tests.factories import actor, register
from tests.fakes import RecordingMessenger
from tests.social_cast import LATER, START, Cast, cast, chair_posts, deliver, draft, inbox, reload

COMBINED_AT = START + timedelta(days=1)


async def two_proposals(hw: Hallway) -> tuple[Cast, int, int]:
    people = await cast(hw)
    await register(hw, "dana@example.org", "Dana Ito")
    dana = await actor(hw, "dana@example.org")
    first = await submit_social(hw, people.ada, draft(title="RL reading group"))
    await confirm_colead(hw, people.bob, first.id)
    second = await submit_social(
        hw,
        people.carl,
        draft(("dana@example.org",), (LATER,), title="Bandits club", tags=("bandits",)),
    )
    await confirm_colead(hw, dana, second.id)
    return people, first.id, second.id


async def combine(hw: Hallway, people: Cast, kept: int, other: int) -> None:
    await combine_socials(
        hw,
        people.chair,
        kept,
        other,
        "RL and bandits",
        "Both groups, together.",
        {"slot1": COMBINED_AT},
    )


async def test_combining_keeps_every_lead_and_asks_each_to_accept(
    hw: Hallway, messenger: RecordingMessenger
) -> None:
    people, kept_id, other_id = await two_proposals(hw)
    await combine(hw, people, kept_id, other_id)
    kept, other = await reload(hw, kept_id), await reload(hw, other_id)
    assert (kept.title, [slot.start for slot in kept.slots]) == ("RL and bandits", [COMBINED_AT])
    assert kept.tags == ["rl", "bandits"]
    assert [(lead.consent, lead.asked_for) for lead in kept.leads] == [
        (Consent.PENDING, LeadAsk.COMBINE)
    ] * 4
    assert (kept.state, other.state, other.combined_into) == (
        QueueState.AWAITING_LEADS,
        QueueState.COMBINED,
        kept_id,
    )
    await deliver(hw, messenger)
    for email in ("ada", "bob", "carl", "dana"):
        assert (
            "propose to combine RL reading group with Bandits club"
            in inbox(messenger, f"{email}@example.org")[-1]
        )


async def test_when_every_lead_accepts_the_combination_is_new(hw: Hallway) -> None:
    people, kept_id, other_id = await two_proposals(hw)
    await combine(hw, people, kept_id, other_id)
    dana = await actor(hw, "dana@example.org")
    for who in (people.ada, people.bob, people.carl, dana):
        await confirm_colead(hw, who, kept_id)
    assert (await reload(hw, kept_id)).state == QueueState.NEW


async def test_one_decline_calls_it_off_and_tells_the_chairs(
    hw: Hallway, messenger: RecordingMessenger
) -> None:
    people, kept_id, other_id = await two_proposals(hw)
    await combine(hw, people, kept_id, other_id)
    await confirm_colead(hw, people.ada, kept_id)
    await decline_colead(hw, people.carl, kept_id)
    kept, other = await reload(hw, kept_id), await reload(hw, other_id)
    assert (kept.title, [slot.start for slot in kept.slots]) == ("RL reading group", [START])
    assert kept.lead_ids() == [people.pid(people.ada), people.pid(people.bob)]
    assert [lead.consent for lead in kept.leads] == [Consent.CONFIRMED] * 2
    assert (kept.state, other.state, other.combined_into) == (QueueState.NEW, QueueState.NEW, None)
    await deliver(hw, messenger)
    called_off = "Carl Okafor declined to combine RL reading group with Bandits club"
    assert any(called_off in post for post in chair_posts(messenger))
    assert called_off in inbox(messenger, people.bob)[-1]


async def test_only_proposals_ready_for_review_can_be_combined(hw: Hallway) -> None:
    people, kept_id, other_id = await two_proposals(hw)
    waiting = await submit_social(
        hw, people.ada, draft(("carl@example.org",), (START + timedelta(days=2),), title="C")
    )
    with pytest.raises(HallwayError, match="awaiting co-lead, so it cannot be combined"):
        await combine(hw, people, kept_id, waiting.id)
    with pytest.raises(InvalidInput) as itself:
        await combine(hw, people, kept_id, kept_id)
    assert list(itself.value.errors) == ["other"]
    with pytest.raises(InvalidInput) as missing:
        await combine(hw, people, kept_id, 999)
    assert "There is no social proposal #999" in missing.value.errors["other"]
    assert (await reload(hw, other_id)).combined_into is None


async def test_the_combined_slots_follow_the_slot_rules(hw: Hallway) -> None:
    people, kept_id, other_id = await two_proposals(hw)
    with pytest.raises(InvalidInput) as refused:
        await combine_socials(
            hw, people.chair, kept_id, other_id, "T", "D", {"slot1": START + timedelta(days=40)}
        )
    assert list(refused.value.errors) == ["slot1"]


async def test_a_combination_waiting_for_its_leads_cannot_be_decided(hw: Hallway) -> None:
    from bot.services.social_review import approve_social

    people, kept_id, other_id = await two_proposals(hw)
    await combine(hw, people, kept_id, other_id)
    with pytest.raises(HallwayError, match="considering a combination"):
        await approve_social(hw, people.chair, kept_id)
    assert (await reload(hw, kept_id)).decision is None
