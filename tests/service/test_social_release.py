"""Decisions reach the leads when the chairs release them: once each, in the leads' own time."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.app import Hallway
from bot.clock import ManualClock
from bot.domain.socials import QueueState
from bot.errors import HallwayError, InvalidInput
from bot.scheduling.handlers import build_work_handlers
from bot.scheduling.runner import WorkRunner
from bot.services.social_consent import confirm_colead
from bot.services.social_release import (
    release_decisions,
    reminder_due,
    schedule_release,
)
from bot.services.social_review import approve_social, reject_social
from bot.services.socials import edit_social, submit_social
from tests.fakes import RecordingMessenger
from tests.social_cast import LATER, Cast, cast, chair_posts, deliver, draft, inbox, reload


async def decided(hw: Hallway) -> tuple[Cast, int, int]:
    """Two proposals: one approved, one rejected, neither released."""
    people = await cast(hw)
    good = await submit_social(hw, people.ada, draft(title="Good"))
    await confirm_colead(hw, people.bob, good.id)
    other = await submit_social(hw, people.carl, draft(("ada@example.org",), (LATER,), title="Bad"))
    await confirm_colead(hw, people.ada, other.id)
    await approve_social(hw, people.chair, good.id, "Welcome aboard")
    await reject_social(hw, people.chair, other.id, "Too similar to another social")
    return people, good.id, other.id


def decisions(messenger: RecordingMessenger, email: str) -> list[str]:
    return [
        text
        for text in inbox(messenger, email)
        if text.startswith(("Your social is accepted", "About your social proposal"))
    ]


async def test_releasing_sends_each_lead_one_message_and_twice_sends_nothing_more(
    hw: Hallway, messenger: RecordingMessenger
) -> None:
    people, good, bad = await decided(hw)
    released = await release_decisions(hw, people.chair)
    assert sorted(social.id for social in released) == [good, bad]
    assert await release_decisions(hw, people.chair) == []
    await deliver(hw, messenger)
    assert len(decisions(messenger, "ada@example.org")) == 2  # she leads both
    [bob] = decisions(messenger, "bob@example.org")
    assert "Good is accepted for ICML 2021" in bob
    assert "From the chairs: “Welcome aboard”" in bob
    [carl] = decisions(messenger, "carl@example.org")
    assert "could not accept Bad this time" in carl
    assert "Too similar to another social" in carl
    assert (await reload(hw, good)).state == QueueState.RELEASED


async def test_one_decision_can_be_released_alone(
    hw: Hallway, messenger: RecordingMessenger
) -> None:
    people, good, bad = await decided(hw)
    await release_decisions(hw, people.chair, good)
    assert (await reload(hw, bad)).state == QueueState.DECIDED
    with pytest.raises(HallwayError, match="already released"):
        await release_decisions(hw, people.chair, good)
    await deliver(hw, messenger)
    assert len(decisions(messenger, "bob@example.org")) == 1
    assert decisions(messenger, "carl@example.org") == []


async def test_an_undecided_proposal_has_nothing_to_release(hw: Hallway) -> None:
    people = await cast(hw)
    social = await submit_social(hw, people.ada, draft())
    with pytest.raises(HallwayError, match="there is no decision to release"):
        await release_decisions(hw, people.chair, social.id)


async def test_approving_with_release_now_tells_the_leads_at_once(
    hw: Hallway, messenger: RecordingMessenger
) -> None:
    people = await cast(hw)
    social = await submit_social(hw, people.ada, draft())
    await confirm_colead(hw, people.bob, social.id)
    await approve_social(hw, people.chair, social.id, release_now=True)
    assert (await reload(hw, social.id)).state == QueueState.RELEASED
    await deliver(hw, messenger)
    assert len(decisions(messenger, "ada@example.org")) == 1


async def test_a_new_decision_after_an_edit_is_a_new_message(
    hw: Hallway, messenger: RecordingMessenger
) -> None:
    people = await cast(hw)
    social = await submit_social(hw, people.ada, draft())
    await confirm_colead(hw, people.bob, social.id)
    await approve_social(hw, people.chair, social.id, release_now=True)
    await edit_social(hw, people.ada, social.id, draft(starts=(LATER,)))
    await approve_social(hw, people.chair, social.id, "Still good", release_now=True)
    await deliver(hw, messenger)
    assert len(decisions(messenger, "bob@example.org")) == 2


async def test_a_release_scheduled_for_a_time_happens_then(
    hw: Hallway, clock: ManualClock, messenger: RecordingMessenger
) -> None:
    people, good, _bad = await decided(hw)
    runner = WorkRunner(hw, {"fake": messenger}, build_work_handlers())
    at = hw.now() + timedelta(days=2)
    await schedule_release(hw, people.chair, at + timedelta(hours=1))
    await schedule_release(hw, people.chair, at)  # a new time replaces the first
    clock.set(at - timedelta(seconds=1))
    await runner.run_due()
    assert (await reload(hw, good)).state == QueueState.DECIDED
    clock.set(at)
    await runner.run_due()
    assert (await reload(hw, good)).released_at == at
    clock.set(at + timedelta(hours=2))
    await runner.run_due()  # the replaced time does not run again
    await deliver(hw, messenger)
    assert len(decisions(messenger, "bob@example.org")) == 1


async def test_a_release_cannot_be_scheduled_in_the_past(hw: Hallway) -> None:
    people = await cast(hw)
    with pytest.raises(InvalidInput) as refused:
        await schedule_release(hw, people.chair, hw.now())
    assert list(refused.value.errors) == ["at"]


async def test_the_chairs_are_reminded_of_undecided_proposals_on_the_notification_date(
    hw: Hallway, clock: ManualClock, messenger: RecordingMessenger
) -> None:
    people = await cast(hw)
    first = await submit_social(hw, people.ada, draft())
    await submit_social(hw, people.carl, draft(("ada@example.org",), (LATER,), title="Two"))
    await confirm_colead(hw, people.bob, first.id)
    await approve_social(hw, people.chair, first.id)
    runner = WorkRunner(hw, {"fake": messenger}, build_work_handlers())
    clock.set(reminder_due(hw.event) - timedelta(seconds=1))
    await runner.run_due()
    await deliver(hw, messenger)
    assert not any("still undecided" in post for post in chair_posts(messenger))
    clock.set(reminder_due(hw.event))
    await runner.run_due()
    await deliver(hw, messenger)
    [reminder] = [post for post in chair_posts(messenger) if "still undecided" in post]
    assert "It is now 30 June 2021 — the notification date — somewhere on Earth, and 1 " in reminder
    assert "1 decided proposal(s) are not released yet." in reminder


async def test_no_reminder_when_everything_is_decided(
    hw: Hallway, clock: ManualClock, messenger: RecordingMessenger
) -> None:
    await decided(hw)
    clock.set(reminder_due(hw.event))
    await WorkRunner(hw, {"fake": messenger}, build_work_handlers()).run_due()
    await deliver(hw, messenger)
    assert not any("still undecided" in post for post in chair_posts(messenger))


async def test_the_reminder_waits_for_submissions_to_close(hw: Hallway) -> None:
    from dataclasses import replace

    same_day = replace(hw.event.socials, notification=hw.event.socials.deadline)
    event = replace(hw.event, socials=same_day)
    assert reminder_due(event) == event.submissions_close
    assert reminder_due(hw.event).isoformat() == "2021-06-29T10:00:00+00:00"


async def test_the_release_card_shows_when_it_was_released(
    hw: Hallway, messenger: RecordingMessenger
) -> None:
    people, good, _bad = await decided(hw)
    await release_decisions(hw, people.chair, good)
    await deliver(hw, messenger)
    [card] = [
        post for post in chair_posts(messenger) if post.startswith(f"Social proposal #{good}")
    ][-1:]
    assert "Decision: accepted by Grace Hopper, released Fri 11 Jun, 09:00 UTC" in card


async def test_two_chairs_releasing_at_once_still_send_one_message_each(
    hw: Hallway, messenger: RecordingMessenger
) -> None:
    import asyncio

    people, good, _bad = await decided(hw)
    results = await asyncio.gather(
        release_decisions(hw, people.chair),
        release_decisions(hw, people.chair),
        return_exceptions=True,
    )
    assert not any(isinstance(result, BaseException) for result in results)
    await deliver(hw, messenger)
    assert len(decisions(messenger, "bob@example.org")) == 1
    assert len(decisions(messenger, "ada@example.org")) == 2
    async with hw.uow() as uow:
        releases = [
            e for e in await uow.audit.for_subject(f"social:{good}") if e.action == "release"
        ]
    assert len(releases) == 1


async def test_approving_again_after_a_crash_hid_the_answer_tells_the_leads_once(
    hw: Hallway, messenger: RecordingMessenger
) -> None:
    """A chair who saw no answer (the bot was killed after saving) presses Approve again:
    the same decision changes nothing — one audit entry, one release, one message per lead."""
    people = await cast(hw)
    social = await submit_social(hw, people.ada, draft())
    await confirm_colead(hw, people.bob, social.id)
    await approve_social(hw, people.chair, social.id, "Lovely", release_now=True)
    await approve_social(hw, people.chair, social.id, "Lovely", release_now=True)
    await deliver(hw, messenger)
    assert len(decisions(messenger, "bob@example.org")) == 1
    async with hw.uow() as uow:
        actions = [entry.action for entry in await uow.audit.for_subject(f"social:{social.id}")]
    assert actions.count("approve") == 1 and actions.count("release") == 1


async def test_the_same_decision_again_may_still_release_it(
    hw: Hallway, messenger: RecordingMessenger
) -> None:
    people = await cast(hw)
    social = await submit_social(hw, people.ada, draft())
    await confirm_colead(hw, people.bob, social.id)
    await reject_social(hw, people.chair, social.id, "Not this year")
    await reject_social(hw, people.chair, social.id, "Not this year", release_now=True)
    assert (await reload(hw, social.id)).state == QueueState.RELEASED
    await deliver(hw, messenger)
    assert len(decisions(messenger, "bob@example.org")) == 1
