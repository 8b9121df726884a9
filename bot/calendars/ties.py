"""Whose calendar an entry belongs in: the socials a person leads and the slots they RSVPed to,
the sessions they mentor or hold a seat (or a waitlist place) in."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from bot.calendars.entries import Kind, anchor
from bot.calendars.versions import Served


@dataclass(frozen=True)
class Ties:
    led_socials: frozenset[int] = frozenset()
    slots: frozenset[int] = frozenset()  # live RSVPs, going or waiting
    rsvped_socials: frozenset[int] = frozenset()  # the socials of those slots
    sessions: frozenset[int] = frozenset()  # mentored, booked or waitlisted

    def holds(self, item: Served) -> bool:
        entry = item.entry
        if entry.kind == Kind.MENTORING:
            return entry.subject_id in self.sessions
        if entry.subject_id in self.led_socials:
            return True
        if entry.cancelled:  # a removed slot has no RSVPs left: the social ties it
            return entry.subject_id in self.rsvped_socials
        return _slot_id(entry.uid) in self.slots


def personal(served: Iterable[Served], ties: Ties) -> list[Served]:
    return [item for item in served if ties.holds(item)]


def _slot_id(uid: str) -> int:
    return int(anchor(uid).rsplit("-", 1)[1])
