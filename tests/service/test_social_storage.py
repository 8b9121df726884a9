from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.app import Hallway
from bot.domain.audit import AuditEntry
from bot.domain.socials import Consent, Decision, Rsvp, Suggestion
from tests.factories import register, stored_social

START = datetime(2021, 7, 19, 15, tzinfo=UTC)


async def test_a_social_comes_back_whole(hw: Hallway) -> None:
    ada, bob = await register(hw, "ada@example.org"), await register(hw, "bob@example.org")
    made = await stored_social(
        hw, "RL reading group", [ada.id, bob.id], [START + timedelta(hours=12), START], tags=["rl"]
    )
    async with hw.uow() as uow:
        found = await uow.socials.get(made.id)
        assert found is not None
        found.suggestions.append(
            Suggestion(ada.id, "Later?", [START + timedelta(hours=2)], hw.now())
        )
        found.tags.append("theory")
        await uow.commit()
    async with hw.uow() as uow:
        again = await uow.socials.get(made.id)
    assert again is not None
    assert [slot.start for slot in again.slots] == [START, START + timedelta(hours=12)]
    assert [(lead.participant_id, lead.consent) for lead in again.leads] == [
        (ada.id, Consent.CONFIRMED),
        (bob.id, Consent.CONFIRMED),
    ]
    assert again.suggestions[0].starts == [START + timedelta(hours=2)]
    assert again.tags == ["rl", "theory"]


async def test_public_is_accepted_and_released_only(hw: Hallway) -> None:
    ada, bob = await register(hw, "ada@example.org"), await register(hw, "bob@example.org")
    await stored_social(hw, "Proposed", [ada.id, bob.id], [START])
    await stored_social(hw, "Accepted", [ada.id, bob.id], [START], accepted=True)
    await stored_social(hw, "On the programme", [ada.id, bob.id], [START], released=True)
    async with hw.uow() as uow:
        public = await uow.socials.public(hw.event.id)
        led = await uow.socials.led_by(hw.event.id, bob.id)
    assert [item.title for item in public] == ["On the programme"]
    assert public[0].decision == Decision.ACCEPTED
    assert len(led) == 3


async def test_rsvps_count_going_apart_from_the_waitlist(hw: Hallway) -> None:
    people = [await register(hw, f"p{n}@example.org") for n in range(4)]
    made = await stored_social(
        hw, "Small", [people[0].id, people[1].id], [START], released=True, capacity=2
    )
    slot_id = made.slots[0].id
    async with hw.uow() as uow:
        for index, person in enumerate(people):
            uow.rsvps.add(
                Rsvp(slot_id, person.id, hw.now() + timedelta(seconds=index), waitlisted=index >= 2)
            )
        await uow.commit()
    async with hw.uow() as uow:
        counts = await uow.rsvps.going_counts([slot_id])
        live = await uow.rsvps.live_for_slot(slot_id)
    assert counts == {slot_id: 2}
    assert [rsvp.waitlisted for rsvp in live] == [False, False, True, True]


async def test_the_audit_log_keeps_before_and_after(hw: Hallway) -> None:
    chair = await register(hw, "chair@example.org")
    async with hw.uow() as uow:
        uow.audit.add(
            AuditEntry(
                hw.event.id,
                "social:1",
                chair.id,
                hw.now(),
                "suggest",
                {"slots": ["a"]},
                {"slots": ["b"]},
                "Later?",
            )
        )
        await uow.commit()
    async with hw.uow() as uow:
        [entry] = await uow.audit.for_subject("social:1")
    assert (entry.action, entry.before, entry.after, entry.message) == (
        "suggest",
        {"slots": ["a"]},
        {"slots": ["b"]},
        "Later?",
    )
