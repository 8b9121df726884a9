"""What a mentoring session's room is when its work runs: the mentor moderates, the mentees with
a seat are members, the video link is the mentor's own or the one Hallway made."""

from __future__ import annotations

import re

from bot.app import Hallway
from bot.domain.mentoring import BookingState
from bot.domain.search import words
from bot.ports import UnitOfWork
from bot.scheduling.rooms import GRACE, RoomPlan


async def mentoring_room(hw: Hallway, uow: UnitOfWork, ident: str) -> RoomPlan | None:
    session = await uow.mentoring.get(int(ident)) if re.fullmatch(r"\d+", ident) else None
    if session is None or not session.is_live():
        return None  # cancelled or ended early: no room
    mentor = await uow.participants.get(session.mentor_id)
    mentor_name = mentor.name if mentor is not None else "a mentor"
    booked = [
        booking.participant_id
        for booking in await uow.mentoring.bookings(session.id)
        if booking.state == BookingState.BOOKED
    ]
    slug = "-".join(words(mentor_name))[:40].strip("-")
    topics = ", ".join(session.topics)
    return RoomPlan(
        name=f"mentoring-{session.id}-{slug}" if slug else f"mentoring-{session.id}",
        topic=f"Mentoring with {mentor_name}" + (f": {topics}" if topics else ""),
        video_url=session.video_url,
        members=(session.mentor_id, *booked),
        moderators=(session.mentor_id,),
        closes_at=session.finishes_at + GRACE,
    )
