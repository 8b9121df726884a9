"""Virtual socials: participant-led meetings with at least two consenting leads, one or more
2-hour slots across time zones, reviewed by the social chairs.

A social stores facts (who consented, what the chairs decided, when it was released); its
state in the review queue is derived from them, never stored twice.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from bot.timerules import Interval


class Category(StrEnum):
    RESEARCH = "research"
    SKILLS = "skills"
    AFFINITY = "affinity"
    GATHERING = "gathering"
    OTHER = "other"

    @property
    def label(self) -> str:
        return CATEGORY_LABELS[self]


CATEGORY_LABELS = {
    Category.RESEARCH: "Research topics",
    Category.SKILLS: "Skills exchange and training",
    Category.AFFINITY: "Affinity group",
    Category.GATHERING: "Social and intellectual gathering",
    Category.OTHER: "Other",
}


class Consent(StrEnum):
    """A lead's answer to being named (as co-lead, or as lead of a combined social)."""

    PENDING = "pending"
    CONFIRMED = "confirmed"
    DECLINED = "declined"


class Decision(StrEnum):
    ACCEPTED = "accepted"
    REJECTED = "rejected"


class QueueState(StrEnum):
    """Where a proposal stands, as the chairs' queue filters it."""

    AWAITING_COLEAD = "awaiting co-lead"
    NEW = "new"
    AWAITING_LEADS = "awaiting leads"  # a chair's suggestion or a combination to accept
    DECIDED = "decided"  # decided, not yet released to the leads
    RELEASED = "released"
    WITHDRAWN = "withdrawn"
    COMBINED = "combined"  # folded into another proposal


class LeadAsk(StrEnum):
    """Why a lead's consent is asked."""

    COLEAD = "colead"  # named as co-lead by the submitter
    COMBINE = "combine"  # the chairs combined two proposals into this one


@dataclass(eq=False)
class SocialLead:
    participant_id: int
    consent: Consent = Consent.PENDING
    asked_for: LeadAsk = LeadAsk.COLEAD
    is_submitter: bool = False
    responded_at: datetime | None = None
    social_id: int = field(init=False)
    id: int = field(init=False)


@dataclass(eq=False)
class SocialSlot:
    """One run of the social. A double session has two, twelve hours apart."""

    start: datetime
    position: int = 0
    social_id: int = field(init=False)
    id: int = field(init=False)


@dataclass(eq=False)
class Suggestion:
    """A chair's proposed change, waiting for the leads' answer (any one lead answers)."""

    chair_id: int
    message: str
    starts: list[datetime]  # proposed slot starts; empty: a message only
    created_at: datetime
    accepted: bool | None = None
    answered_by: int | None = None
    answered_at: datetime | None = None
    social_id: int = field(init=False)
    id: int = field(init=False)

    @property
    def is_open(self) -> bool:
        return self.accepted is None


@dataclass(eq=False)
class Social:
    event_id: int
    title: str
    description: str
    category: Category
    duration_minutes: int
    submitted_by: int
    submitted_at: datetime
    tags: list[str] = field(default_factory=list)
    video_url: str | None = None
    capacity: int | None = None
    notes_to_chairs: str = ""
    conduct_acknowledged: bool = False
    leads: list[SocialLead] = field(default_factory=list)
    slots: list[SocialSlot] = field(default_factory=list)
    suggestions: list[Suggestion] = field(default_factory=list)
    decision: Decision | None = None
    decided_by: int | None = None
    chairs_message: str = ""  # sent to the leads with the decision
    released_at: datetime | None = None
    withdrawn_at: datetime | None = None
    combined_into: int | None = None
    updated_at: datetime | None = None
    id: int = field(init=False)

    # --- derived ---

    @property
    def state(self) -> QueueState:
        return queue_state(
            withdrawn=self.withdrawn_at is not None,
            combined=self.combined_into is not None,
            waiting=[lead.asked_for for lead in self.leads if lead.consent != Consent.CONFIRMED],
            suggestion_open=self.open_suggestion is not None,
            decided=self.decision is not None,
            released=self.released_at is not None,
        )

    @property
    def is_public(self) -> bool:
        """On the programme: accepted, released, and still standing."""
        return (
            self.decision == Decision.ACCEPTED
            and self.released_at is not None
            and self.withdrawn_at is None
            and self.combined_into is None
        )

    @property
    def open_suggestion(self) -> Suggestion | None:
        return next((item for item in self.suggestions if item.is_open), None)

    def lead_ids(self) -> list[int]:
        return [lead.participant_id for lead in self.leads]

    def is_lead(self, participant_id: int) -> bool:
        return participant_id in self.lead_ids()

    def lead(self, participant_id: int) -> SocialLead | None:
        return next((lead for lead in self.leads if lead.participant_id == participant_id), None)

    def ordered_slots(self) -> list[SocialSlot]:
        return sorted(self.slots, key=lambda slot: slot.start)

    def intervals(self) -> list[Interval]:
        return [self.interval_of(slot) for slot in self.ordered_slots()]

    def interval_of(self, slot: SocialSlot) -> Interval:
        return Interval(slot.start, slot.start + timedelta(minutes=self.duration_minutes))


def queue_state(
    *,
    withdrawn: bool,
    combined: bool,
    waiting: Iterable[LeadAsk],
    suggestion_open: bool,
    decided: bool,
    released: bool,
) -> QueueState:
    """Where a proposal stands (`Social.state`), from the facts that decide it: `waiting` is
    why each lead who has not confirmed was asked. Storage counts the chairs' queue with it
    without loading every proposal."""
    if withdrawn:
        return QueueState.WITHDRAWN
    if combined:
        return QueueState.COMBINED
    asks = list(waiting)
    if LeadAsk.COLEAD in asks:
        return QueueState.AWAITING_COLEAD
    if asks or suggestion_open:
        return QueueState.AWAITING_LEADS
    if not decided:
        return QueueState.NEW
    return QueueState.RELEASED if released else QueueState.DECIDED


@dataclass(eq=False)
class Rsvp:
    """A participant going to one slot; past capacity they wait, in order of arrival."""

    slot_id: int
    participant_id: int
    created_at: datetime
    waitlisted: bool = False
    cancelled_at: datetime | None = None
    id: int = field(init=False)
