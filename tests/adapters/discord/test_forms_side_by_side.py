"""Two people with the same form open at once each submit their own answers: discord.py keeps
open modals by custom id alone, so a modal's custom id must name whose it is (the load bench
found bookings landing on another person's session, and submissions going unanswered)."""

from __future__ import annotations

from datetime import timedelta

from bot.domain.mentoring import MentoringSession, MentorProfile, Sector
from bot.domain.participants import Role
from tests.adapters.discord.world import Member, World, text_of


async def offered_session(world: World, mentor: Member, hours_ahead: int) -> int:
    start = world.clock.now() + timedelta(days=40, hours=hours_ahead)  # during the conference
    async with world.hw.uow() as uow:
        if await uow.mentors.for_participant(world.hw.event.id, mentor.person.id) is None:
            profile = MentorProfile(world.hw.event.id, mentor.person.id, "", Sector.OTHER, [], "")
            profile.describe("Mia", "Somewhere", Sector.ACADEMIC, ["theory"], "Bio.")
            uow.session.add(profile)
        session = MentoringSession(
            world.hw.event.id, mentor.person.id, start, 45, 3, ["theory"], "", "https://x/y", True
        )
        uow.session.add(session)
        await uow.commit()
    return session.id


async def booked_sessions(world: World, member: Member) -> set[int]:
    async with world.hw.uow() as uow:
        found = await uow.mentoring.bookings_of(
            world.hw.event.id, member.person.id, world.clock.now()
        )
    return {booking.session_id for booking in found}


async def test_two_people_booking_through_forms_opened_together_each_book_their_own_session(
    world: World,
) -> None:
    mia = await world.member("Mia", Role.MENTOR)
    ada, ben = await world.member("Ada"), await world.member("Ben")
    first, second = await offered_session(world, mia, 0), await offered_session(world, mia, 3)
    ada_card = await world.press_new(ada, f"mentoring.book:{first}")
    ben_card = await world.press_new(ben, f"mentoring.book:{second}")
    ada_modal = await world.press(ada, ada_card, "~form:open:mentoring.book")
    ben_modal = await world.press(ben, ben_card, "~form:open:mentoring.book")

    ada_answer = await world.submit(ada, ada_modal, {"note": "Ada's question"})
    ben_answer = await world.submit(ben, ben_modal, {"note": "Ben's question"})

    assert "Booked" in text_of(ada_answer) and "Booked" in text_of(ben_answer)
    assert await booked_sessions(world, ada) == {first}
    assert await booked_sessions(world, ben) == {second}
