"""Submitting a social: who the leads are, when it may run, and until when it can be sent."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from bot.app import Hallway
from bot.clock import ManualClock
from bot.domain.socials import Consent, QueueState
from bot.errors import HallwayError, InvalidInput, NotRegistered
from bot.services.social_release import REMIND_KIND
from bot.services.socials import submit_social, withdraw_social
from tests.factories import actor, register
from tests.fakes import RecordingMessenger
from tests.social_cast import (
    LATER,
    START,
    audit_actions,
    cast,
    chair_posts,
    count_socials,
    deliver,
    draft,
)


async def test_a_submission_names_the_submitter_confirmed_and_asks_the_colead(hw: Hallway) -> None:
    people = await cast(hw)
    social = await submit_social(hw, people.ada, draft(starts=(START, LATER)))
    assert social.state == QueueState.AWAITING_COLEAD
    assert [(lead.participant_id, lead.consent, lead.is_submitter) for lead in social.leads] == [
        (people.pid(people.ada), Consent.CONFIRMED, True),
        (people.pid(people.bob), Consent.PENDING, False),
    ]
    assert [slot.start for slot in social.ordered_slots()] == [START, LATER]
    assert await audit_actions(hw, social.id) == ["submit"]


async def test_the_colead_is_asked_and_the_chairs_see_it_awaiting_colead(
    hw: Hallway, messenger: RecordingMessenger
) -> None:
    people = await cast(hw)
    await submit_social(hw, people.ada, draft())
    await deliver(hw, messenger)
    [ask] = [sent for sent in messenger.sent if sent.kind == "direct"]
    assert ask.address == "U-bob@example.org"
    assert "Ada Lovelace proposes a virtual social at ICML 2021" in ask.text
    assert ask.message is not None
    assert [button.action for button in ask.message.buttons] == [
        "social.confirm_lead",
        "social.decline_lead",
        "conduct.policy",
    ]
    [card] = chair_posts(messenger)
    assert "State: awaiting co-lead" in card
    assert "Bob Tanaka (co-lead, asked, not yet confirmed)" in card


async def test_a_colead_can_be_named_by_an_account_of_the_actors_platform(hw: Hallway) -> None:
    people = await cast(hw)
    social = await submit_social(hw, people.ada, draft(coleads=("U-bob@example.org",)))
    assert social.lead_ids() == [people.pid(people.ada), people.pid(people.bob)]


async def test_an_unregistered_colead_is_refused_at_the_colead_field(hw: Hallway) -> None:
    people = await cast(hw)
    with pytest.raises(InvalidInput) as refused:
        await submit_social(hw, people.ada, draft(coleads=("ghost@example.org",)))
    message = refused.value.errors["coleads"]
    assert "ghost@example.org is not a registered participant of ICML 2021" in message
    assert "link their account with /verify" in message


async def test_naming_yourself_as_colead_is_one_lead_too_few(hw: Hallway) -> None:
    people = await cast(hw)
    with pytest.raises(InvalidInput) as refused:
        await submit_social(hw, people.ada, draft(coleads=("ada@example.org",)))
    assert refused.value.errors["coleads"].startswith("A social needs at least 2 leads")


async def test_the_number_of_leads_comes_from_the_event(hw: Hallway) -> None:
    people = await cast(hw)
    three = replace(hw, event=replace(hw.event, socials=replace(hw.event.socials, leads=3)))
    with pytest.raises(InvalidInput, match="at least 3 leads"):
        await submit_social(three, people.ada, draft())
    social = await submit_social(
        three, people.ada, draft(coleads=("bob@example.org", "carl@example.org"))
    )
    assert len(social.leads) == 3


@pytest.mark.parametrize(
    ("start", "accepted"),
    [
        (START.replace(day=17, hour=10), True),  # 18 July begins at UTC+14
        (START.replace(day=17, hour=9, minute=59), False),
        (START.replace(day=25, hour=11, minute=59), True),  # 24 July ends at UTC−12
        (START.replace(day=25, hour=12), False),
    ],
)
async def test_slots_must_start_on_a_conference_day_somewhere_on_earth(
    hw: Hallway, start: object, accepted: bool
) -> None:
    people = await cast(hw)
    if accepted:
        await submit_social(hw, people.ada, draft(starts=(start,)))  # type: ignore[arg-type]
        return
    with pytest.raises(InvalidInput) as refused:
        await submit_social(hw, people.ada, draft(starts=(start,)))  # type: ignore[arg-type]
    assert refused.value.errors == {
        "slot1": "Slot 1 must start on a day of the conference (18 July – 24 July 2021) "
        "somewhere on Earth."
    }


async def test_a_second_slot_outside_the_window_is_reported_at_slot2(hw: Hallway) -> None:
    people = await cast(hw)
    with pytest.raises(InvalidInput) as refused:
        await submit_social(hw, people.ada, draft(starts=(START, START + timedelta(days=10))))
    assert list(refused.value.errors) == ["slot2"]


async def test_slots_of_one_social_may_not_overlap(hw: Hallway) -> None:
    people = await cast(hw)
    with pytest.raises(InvalidInput) as refused:
        await submit_social(hw, people.ada, draft(starts=(START, START + timedelta(minutes=119))))
    assert refused.value.errors["slot2"].startswith("Slot 2 overlaps slot 1")
    await submit_social(hw, people.ada, draft(starts=(START, START + timedelta(minutes=120))))


async def test_a_lead_cannot_lead_two_socials_at_once(hw: Hallway) -> None:
    people = await cast(hw)
    await submit_social(hw, people.ada, draft(title="First"))
    with pytest.raises(InvalidInput) as refused:
        await submit_social(
            hw,
            people.ada,
            draft(
                title="Second", coleads=("carl@example.org",), starts=(START + timedelta(hours=1),)
            ),
        )
    assert refused.value.errors["slot1"].startswith(
        "Slot 1 overlaps “First”, which you already lead (Mon 19 Jul, 15:00 UTC)."
    )


async def test_a_colead_clash_names_the_colead_but_not_a_social_you_do_not_lead(
    hw: Hallway,
) -> None:
    people = await cast(hw)
    await submit_social(hw, people.carl, draft(title="Carl's", coleads=("bob@example.org",)))
    with pytest.raises(InvalidInput) as refused:
        await submit_social(hw, people.ada, draft())
    assert refused.value.errors["slot1"].startswith(
        "Slot 1 overlaps another social, which Bob Tanaka already leads"
    )


async def test_a_withdrawn_social_frees_its_leads_time(hw: Hallway) -> None:
    people = await cast(hw)
    first = await submit_social(hw, people.ada, draft(title="First"))
    await withdraw_social(hw, people.ada, first.id)
    await submit_social(hw, people.ada, draft(title="Second"))
    assert await count_socials(hw) == 2


async def test_a_lead_who_declined_the_other_social_is_free_then(hw: Hallway) -> None:
    from bot.services.social_consent import decline_colead

    people = await cast(hw)
    first = await submit_social(hw, people.carl, draft(title="Carl's"))
    await decline_colead(hw, people.bob, first.id)
    await submit_social(hw, people.ada, draft())
    assert await count_socials(hw) == 2


async def test_submissions_close_at_the_deadline_to_the_second(
    hw: Hallway, clock: ManualClock
) -> None:
    people = await cast(hw)
    close = hw.event.submissions_close
    assert close.isoformat() == "2021-06-22T12:00:00+00:00"
    clock.set(close - timedelta(seconds=1))
    await submit_social(hw, people.ada, draft(title="Just in time"))
    clock.set(close)
    with pytest.raises(
        HallwayError, match=r"deadline of ICML 2021 \(21 June 2021, anywhere on Earth\) has passed"
    ):
        await submit_social(hw, people.ada, draft(title="Too late", starts=(LATER,)))
    assert await count_socials(hw) == 1


async def test_a_refused_submission_stores_nothing(
    hw: Hallway, messenger: RecordingMessenger
) -> None:
    people = await cast(hw)
    bad = draft(coleads=("bob@example.org", "ghost@example.org"), starts=(START, START))
    with pytest.raises(InvalidInput) as refused:
        await submit_social(hw, people.ada, bad)
    assert set(refused.value.errors) == {"coleads", "slot2"}
    assert await count_socials(hw) == 0
    assert await deliver(hw, messenger) == 0
    async with hw.uow() as uow:
        assert await uow.work.by_key(f"{REMIND_KIND}:{hw.event.slug}") is None


async def test_an_unregistered_person_cannot_submit(hw: Hallway) -> None:
    people = await cast(hw)
    with pytest.raises(NotRegistered):
        await submit_social(hw, people.stranger, draft())
    assert await count_socials(hw) == 0


async def test_the_chairs_reminder_is_scheduled_once_at_the_first_submission(hw: Hallway) -> None:
    people = await cast(hw)
    await submit_social(hw, people.ada, draft(title="One"))
    await submit_social(hw, people.ada, draft(title="Two", starts=(LATER,)))
    async with hw.uow() as uow:
        work = await uow.work.by_key(f"{REMIND_KIND}:{hw.event.slug}")
        assert work is not None
        assert work.due_at.isoformat() == "2021-06-29T10:00:00+00:00"  # 30 June at UTC+14


async def test_the_colead_is_registered_but_from_another_platform_account(hw: Hallway) -> None:
    people = await cast(hw)
    await register(hw, "dana@example.org", "Dana")
    await actor(hw, "dana@example.org", platform="slack")
    with pytest.raises(InvalidInput, match="not linked to a fake account"):
        await submit_social(hw, people.ada, draft(coleads=("U-dana@example.org",)))
