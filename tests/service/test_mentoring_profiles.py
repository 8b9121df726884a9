"""Volunteering as a mentor, and chairs suspending one."""

from __future__ import annotations

import pytest

from bot.app import Hallway
from bot.clock import ManualClock
from bot.domain.mentoring import Sector, SessionStatus
from bot.domain.participants import Role
from bot.errors import HallwayError, InvalidInput, NotAllowed, NotFound, NotRegistered
from bot.services.mentoring_bookings import book_session
from bot.services.mentoring_browse import BrowseFilter, browse_sessions
from bot.services.mentoring_profiles import (
    ProfileDraft,
    reinstate_mentor,
    save_mentor_profile,
    suspend_mentor,
)
from tests.factories import actor
from tests.fakes import RecordingMessenger
from tests.service.mentoring_helpers import deliver, mentor, offer, person, stored

DRAFT = ProfileDraft("  ETH   Zürich ", Sector.INDUSTRY, ["robotics"], "Builds robots. ")


async def test_any_registered_participant_may_volunteer(hw: Hallway) -> None:
    ada = await person(hw, "ada@example.org")  # no mentor role needed
    profile = await save_mentor_profile(hw, ada, DRAFT)
    assert (profile.affiliation, profile.sector, profile.bio) == (
        "ETH Zürich",
        Sector.INDUSTRY,
        "Builds robots.",
    )
    assert " zurich " in profile.search_text and " ada " in profile.search_text


async def test_saving_again_updates_the_profile(hw: Hallway) -> None:
    ada = await person(hw, "ada@example.org")
    await save_mentor_profile(hw, ada, DRAFT)
    again = await save_mentor_profile(hw, ada, ProfileDraft("CERN", Sector.ACADEMIC, [], "Hi."))
    async with hw.uow() as uow:
        found = await uow.mentors.for_participant(hw.event.id, again.participant_id)
    assert found is not None and (found.id, found.affiliation) == (again.id, "CERN")


async def test_a_stranger_cannot_volunteer(hw: Hallway) -> None:
    with pytest.raises(NotRegistered):
        await save_mentor_profile(hw, await actor(hw, "stranger@example.org"), DRAFT)


async def test_a_bio_over_600_characters_is_refused_and_nothing_stored(hw: Hallway) -> None:
    ada = await person(hw, "ada@example.org")
    long = ProfileDraft("x", Sector.OTHER, [], "b" * 601)
    with pytest.raises(InvalidInput) as refused:
        await save_mentor_profile(hw, ada, long)
    assert refused.value.errors == {"bio": "The bio is 601 characters; 600 fit."}
    async with hw.uow() as uow:
        assert await uow.mentors.for_participant(hw.event.id, ada.participant.id) is None  # type: ignore[union-attr]


@pytest.mark.parametrize("who", ["unregistered", "participant", "mentor"])
async def test_only_chairs_suspend_mentors(hw: Hallway, who: str) -> None:
    await mentor(hw)
    acting = {
        "unregistered": lambda: actor(hw, "stranger@example.org"),
        "participant": lambda: person(hw, "ada@example.org"),
        "mentor": lambda: mentor(hw, "hopper@example.org", "Grace Hopper"),
    }[who]
    with pytest.raises(NotRegistered if who == "unregistered" else NotAllowed):
        await suspend_mentor(hw, await acting(), "turing@example.org")


async def test_suspending_cancels_the_mentors_sessions_tells_mentees_and_hides_them(
    hw: Hallway, clock: ManualClock, messenger: RecordingMessenger
) -> None:
    turing = await mentor(hw)
    session = await offer(hw, turing)
    ada = await person(hw, "ada@example.org")
    await book_session(hw, ada, session.id)
    chair = await person(hw, "chair@example.org", Role.CHAIR)
    result = await suspend_mentor(hw, chair, " Turing@Example.org ")
    assert (result.mentor.name, result.cancelled) == ("Alan Turing", 1)
    assert (await stored(hw, session.id)).status == SessionStatus.CANCELLED
    assert (await browse_sessions(hw, ada, BrowseFilter())).cards == []
    with pytest.raises(NotAllowed, match="suspended"):
        await offer(hw, turing)
    await deliver(hw, clock, messenger)
    assert "has been cancelled" in messenger.to("U-ada@example.org")[0].text


async def test_a_lifted_suspension_lets_the_mentor_offer_sessions_again(hw: Hallway) -> None:
    turing = await mentor(hw)
    chair = await person(hw, "chair@example.org", Role.CHAIR)
    await suspend_mentor(hw, chair, "turing@example.org")
    with pytest.raises(HallwayError, match="already suspended"):
        await suspend_mentor(hw, chair, "turing@example.org")
    await reinstate_mentor(hw, chair, "turing@example.org")
    assert (await offer(hw, turing)).status == SessionStatus.SCHEDULED


async def test_suspending_someone_who_is_not_a_mentor_says_so(hw: Hallway) -> None:
    await person(hw, "ada@example.org")
    chair = await person(hw, "chair@example.org", Role.CHAIR)
    with pytest.raises(NotFound, match="No mentor of ICML 2021 has the e-mail ada@example"):
        await suspend_mentor(hw, chair, "ada@example.org")
