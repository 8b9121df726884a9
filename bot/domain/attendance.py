"""Who goes to a slot: places up to its capacity, then a waitlist in order of arrival that
moves up when someone going cancels. Pure; the RSVP service applies it under a lock."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.domain.socials import Rsvp


@dataclass(frozen=True)
class Attendance:
    """The live RSVPs of one slot, split into those going and the waitlist, each in order."""

    going: tuple[Rsvp, ...]
    waiting: tuple[Rsvp, ...]

    @classmethod
    def of(cls, live: Sequence[Rsvp]) -> Attendance:
        standing = [rsvp for rsvp in live if rsvp.cancelled_at is None]
        ordered = sorted(standing, key=_arrival)
        return cls(
            tuple(rsvp for rsvp in ordered if not rsvp.waitlisted),
            tuple(rsvp for rsvp in ordered if rsvp.waitlisted),
        )

    def has_room(self, capacity: int | None) -> bool:
        return capacity is None or len(self.going) < capacity

    def of_person(self, participant_id: int) -> Rsvp | None:
        return next(
            (
                rsvp
                for rsvp in (*self.going, *self.waiting)
                if rsvp.participant_id == participant_id
            ),
            None,
        )

    def position(self, rsvp: Rsvp) -> int:
        """Place on the waitlist, from 1."""
        return self.waiting.index(rsvp) + 1

    def to_promote(self, capacity: int | None) -> tuple[Rsvp, ...]:
        """The first waiting, as many as there are free places (all when there is no limit)."""
        if capacity is None:
            return self.waiting
        free = max(capacity - len(self.going), 0)
        return self.waiting[:free]


def _arrival(rsvp: Rsvp) -> tuple[object, int]:
    # Unsaved RSVPs have no id yet; among equal times the saved ones came first.
    return rsvp.created_at, getattr(rsvp, "id", None) or 2**62
