"""The call's rules for a proposal's slots and leads, pure: no storage, no clock.

Services gather what the rules need (the other socials each lead stands for, the event's
window, now) and turn what the rules find into messages at the form's fields.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from bot.domain.socials import Category, Consent, Decision, Social
from bot.timerules import Interval

SLOT_FIELDS = ("slot1", "slot2", "slot3")


@dataclass(frozen=True)
class SocialDraft:
    """What a lead typed into the submission (or edit) form, read and typed but not yet checked
    against other socials. `slots` maps a form field ("slot1") to a start."""

    title: str
    description: str
    category: Category
    slots: Mapping[str, datetime]
    duration_minutes: int
    coleads: tuple[str, ...] = ()  # as typed: e-mails or platform user ids
    tags: tuple[str, ...] = ()
    video_url: str | None = None
    capacity: int | None = None
    notes_to_chairs: str = ""
    conduct_acknowledged: bool = False

    def starts(self) -> list[datetime]:
        return sorted(self.slots.values())


@dataclass(frozen=True)
class LeadClash:
    """A lead would lead two things at once: `field`'s slot overlaps a slot of `other`."""

    field: str
    participant_id: int
    other: Social


@dataclass(frozen=True)
class SlotPlan:
    """Slots to check: starts by field, how long each runs, and where they may start."""

    slots: Mapping[str, datetime]
    minutes: int
    window: Interval
    event_days: str = ""  # "18–24 July 2021", for messages

    def intervals(self) -> dict[str, Interval]:
        return {name: Interval.lasting(start, self.minutes) for name, start in self.slots.items()}


def slot_label(field_name: str) -> str:
    return f"Slot {field_name.removeprefix('slot')}"


def is_standing(social: Social) -> bool:
    """Still in the running: not withdrawn, not folded into another, not rejected."""
    return (
        social.withdrawn_at is None
        and social.combined_into is None
        and social.decision != Decision.REJECTED
    )


def submissions_open(now: datetime, close: datetime) -> bool:
    """Open up to, not including, the instant the deadline has passed everywhere on Earth."""
    return now < close


def slot_problems(plan: SlotPlan) -> dict[str, str]:
    """Slots outside the conference, and slots of the same social that overlap."""
    problems: dict[str, str] = {}
    for name, start in plan.slots.items():
        if not plan.window.contains(start):
            days = f" ({plan.event_days})" if plan.event_days else ""
            problems[name] = (
                f"{slot_label(name)} must start on a day of the conference{days} somewhere "
                "on Earth."
            )
    ordered = sorted(plan.intervals().items(), key=lambda item: item[1].start)
    for index, (later, span) in enumerate(ordered):
        for earlier, other in ordered[:index]:
            if span.overlaps(other) and later not in problems:
                problems[later] = (
                    f"{slot_label(later)} overlaps {slot_label(earlier).lower()}: start it at "
                    f"least {plan.minutes} minutes after, or leave it out."
                )
    return problems


def lead_clashes(
    plan: SlotPlan,
    lead_ids: Iterable[int],
    others: Iterable[Social],
    ignore: Iterable[int] = (),
) -> list[LeadClash]:
    """Where a lead of this proposal already leads a standing social at the same time.

    A lead who declined the other social does not count; one still asked does, since they may
    yet confirm. `ignore`: this proposal itself, and one being combined into it.
    """
    skipped, leads, spans = set(ignore), set(lead_ids), plan.intervals()
    clashes: list[LeadClash] = []
    for other in others:
        if getattr(other, "id", None) in skipped or not is_standing(other):
            continue
        busy = other.intervals()
        for lead in other.leads:
            if lead.participant_id not in leads or lead.consent == Consent.DECLINED:
                continue
            for name, span in spans.items():
                if any(span.overlaps(taken) for taken in busy):
                    clashes.append(LeadClash(name, lead.participant_id, other))
    return clashes
