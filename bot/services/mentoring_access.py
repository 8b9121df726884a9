"""Finding a session for someone: it must belong to this event, and for the mentor's verbs
(edit, cancel, end) the actor must be its mentor — or, to cancel or end, a chair."""

from __future__ import annotations

from bot.app import Hallway
from bot.domain.mentoring import MentoringSession
from bot.errors import NotAllowed, NotFound
from bot.interaction import Actor
from bot.ports import UnitOfWork


async def session_for(hw: Hallway, uow: UnitOfWork, session_id: int) -> MentoringSession:
    """The session, locked for this unit of work (bookings and changes queue behind it)."""
    session = await uow.mentoring.lock(session_id)
    if session is None or session.event_id != hw.event.id:
        # Another event's session is as good as absent: two events never mix.
        raise NotFound(f"There is no mentoring session {session_id} at {hw.event.name}.")
    return session


async def session_of_mentor(
    hw: Hallway, uow: UnitOfWork, actor: Actor, session_id: int, doing: str, *, chairs: bool
) -> MentoringSession:
    person = actor.registered(hw.event.name)
    session = await session_for(hw, uow, session_id)
    if session.mentor_id == person.id or (chairs and person.is_chair):
        return session
    who = "its mentor or a chair" if chairs else "its mentor"
    raise NotAllowed(f"Session {session_id} is not yours: only {who} can {doing}.")
