"""People who RSVPed are told when a social on the programme moves or is cancelled, and a
social on the programme changes only through the chairs or by being cancelled."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.app import Hallway
from bot.clock import ManualClock
from bot.delivery.outbox import SETTLE
from bot.domain.socials import QueueState, Social
from bot.errors import HallwayError, NotAllowed
from bot.services.rsvps import rsvp_slot
from bot.services.social_consent import answer_suggestion
from bot.services.social_review import suggest_change
from bot.services.socials import edit_social, withdraw_social
from tests.factories import actor, register, stored_social
from tests.fakes import RecordingMessenger
from tests.social_cast import START, Cast, cast, deliver, draft, inbox, reload

AFTER_DEADLINE = datetime(2021, 7, 1, 9, tzinfo=UTC)


async def on_programme(hw: Hallway, people: Cast, capacity: int | None = None) -> Social:
    return await stored_social(
        hw,
        "Quiz night",
        [people.pid(people.ada), people.pid(people.bob)],
        [START, START + timedelta(hours=12)],
        released=True,
        capacity=capacity,
    )


async def attendee(hw: Hallway, email: str, slot_id: int) -> None:
    await register(hw, email)
    await rsvp_slot(hw, await actor(hw, email), slot_id)


async def test_a_lead_cancelling_after_the_deadline_tells_everyone_holding_a_place(
    hw: Hallway, clock: ManualClock, messenger: RecordingMessenger
) -> None:
    people = await cast(hw)
    social = await on_programme(hw, people, capacity=1)
    first, second = social.ordered_slots()
    await attendee(hw, "kim@example.org", first.id)
    await attendee(hw, "lee@example.org", first.id)  # waitlisted: told too
    await attendee(hw, "max@example.org", second.id)
    clock.set(AFTER_DEADLINE)
    await withdraw_social(hw, people.ada, social.id)
    clock.advance(SETTLE)
    await deliver(hw, messenger)
    for email in ("kim@example.org", "lee@example.org", "max@example.org"):
        [notice] = [text for text in inbox(messenger, email) if text.startswith("Cancelled")]
        assert "The social Quiz night has been cancelled." in notice
    assert "It was: Monday 19 July 2021, 15:00 UTC" in inbox(messenger, "kim@example.org")[-1]
    stored = await reload(hw, social.id)
    assert stored.state == QueueState.WITHDRAWN and not stored.is_public


async def test_a_chair_may_cancel_a_social_on_the_programme_a_participant_may_not(
    hw: Hallway, clock: ManualClock
) -> None:
    people = await cast(hw)
    social = await on_programme(hw, people)
    clock.set(AFTER_DEADLINE)
    with pytest.raises(NotAllowed):
        await withdraw_social(hw, people.carl, social.id)
    await withdraw_social(hw, people.chair, social.id)
    assert (await reload(hw, social.id)).state == QueueState.WITHDRAWN


async def test_a_social_that_has_taken_place_cannot_be_cancelled(
    hw: Hallway, clock: ManualClock
) -> None:
    people = await cast(hw)
    social = await on_programme(hw, people)
    clock.set(START + timedelta(days=2))
    with pytest.raises(HallwayError, match="already taken place"):
        await withdraw_social(hw, people.ada, social.id)


async def test_an_edit_to_a_social_on_the_programme_tells_its_attendees_it_is_reviewed_again(
    hw: Hallway, messenger: RecordingMessenger
) -> None:
    people = await cast(hw)
    social = await on_programme(hw, people)
    first, _ = social.ordered_slots()
    await attendee(hw, "kim@example.org", first.id)
    await edit_social(hw, people.ada, social.id, draft(starts=(START + timedelta(hours=2),)))
    await deliver(hw, messenger)
    [notice] = inbox(messenger, "kim@example.org")[-1:]
    assert notice.startswith("A social you joined is being reviewed again")
    assert "Proposed now: Monday 19 July 2021, 17:00 UTC" in notice
    stored = await reload(hw, social.id)
    assert not stored.is_public and stored.state == QueueState.NEW


async def test_a_move_the_chairs_suggest_and_the_leads_accept_reaches_the_attendees(
    hw: Hallway, clock: ManualClock, messenger: RecordingMessenger
) -> None:
    people = await cast(hw)
    social = await on_programme(hw, people)
    first, _ = social.ordered_slots()
    await attendee(hw, "kim@example.org", first.id)
    moved = {"slot1": START + timedelta(hours=2), "slot2": START + timedelta(hours=12)}
    clock.set(AFTER_DEADLINE)
    suggested = await suggest_change(hw, people.chair, social.id, moved, "Two hours later?")
    assert suggested.is_public  # still on the programme while the leads think it over
    suggestion = suggested.open_suggestion
    assert suggestion is not None
    await answer_suggestion(hw, people.bob, social.id, suggestion.id, accept=True)
    clock.advance(SETTLE)
    await deliver(hw, messenger)
    [notice] = [text for text in inbox(messenger, "kim@example.org") if text.startswith("Changed")]
    assert "Before: Monday 19 July 2021, 15:00 UTC" in notice
    assert "Now: Monday 19 July 2021, 17:00 UTC" in notice
    assert (await reload(hw, social.id)).is_public


async def test_a_declined_move_changes_nothing_for_attendees(
    hw: Hallway, clock: ManualClock, messenger: RecordingMessenger
) -> None:
    people = await cast(hw)
    social = await on_programme(hw, people)
    first, _ = social.ordered_slots()
    await attendee(hw, "kim@example.org", first.id)
    moved = {"slot1": START + timedelta(hours=2), "slot2": START + timedelta(hours=12)}
    suggested = await suggest_change(hw, people.chair, social.id, moved)
    assert suggested.open_suggestion is not None
    await answer_suggestion(hw, people.ada, social.id, suggested.open_suggestion.id, accept=False)
    clock.advance(SETTLE)
    await deliver(hw, messenger)
    assert not [text for text in inbox(messenger, "kim@example.org") if "Changed" in text]
