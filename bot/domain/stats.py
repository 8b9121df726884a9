"""The chairs' statistics, computed from facts (pure; tested on hand-computed data sets).

Definitions:
- Acceptance rate: accepted ÷ (accepted + rejected) among proposals with a decision.
- RSVPs per social: live RSVPs over all its slots, going and waiting, for public socials.
- Mentor utilisation: booked seats ÷ offered seats (capacity) over sessions not cancelled.
- Ad-hoc wait: from an ad-hoc session's announcement (it is announced as it starts) to its first
  booking, whatever became of that booking; sessions nobody joined are counted apart.
- Delivery: per fan-out, a person counts once whatever the platforms: delivered when some
  platform's row was sent; people whose every row was skipped on purpose are not counted in m.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta

from bot.domain.balance import Coverage, Proposal, coverage
from bot.domain.mentoring import Booking, BookingState, MentoringSession, SessionStatus
from bot.domain.socials import Category, Decision, QueueState, Social

SENT, SKIPPED = "sent", "skipped"


@dataclass(frozen=True)
class FanoutLine:
    fanout: str
    recipient: str
    status: str  # a DeliveryStatus value


@dataclass(frozen=True)
class SocialRsvps:
    social_id: int
    title: str
    going: int
    waiting: int


@dataclass(frozen=True)
class Utilisation:
    booked: int
    offered: int

    @property
    def share(self) -> float | None:
        return self.booked / self.offered if self.offered else None


@dataclass(frozen=True)
class AdhocWaits:
    sessions: int
    waits: tuple[timedelta, ...]  # one per session somebody joined

    @property
    def unjoined(self) -> int:
        return self.sessions - len(self.waits)

    @property
    def median(self) -> timedelta | None:
        if not self.waits:
            return None
        ordered = sorted(self.waits)
        middle = len(ordered) // 2
        if len(ordered) % 2:
            return ordered[middle]
        return (ordered[middle - 1] + ordered[middle]) / 2

    @property
    def longest(self) -> timedelta | None:
        return max(self.waits) if self.waits else None


@dataclass(frozen=True)
class FanoutTally:
    fanout: str
    delivered: int
    meant_for: int


@dataclass(frozen=True)
class Stats:
    proposals: Mapping[Category, Mapping[QueueState, int]]
    accepted: int
    rejected: int
    rsvps: tuple[SocialRsvps, ...]
    utilisation: Utilisation
    mentors: Mapping[int, Utilisation]  # by mentor's participant id
    adhoc: AdhocWaits
    coverage: Coverage
    deliveries: tuple[FanoutTally, ...]

    @property
    def acceptance_rate(self) -> float | None:
        decided = self.accepted + self.rejected
        return self.accepted / decided if decided else None


def proposals_by_category(socials: Iterable[Social]) -> dict[Category, dict[QueueState, int]]:
    counts: dict[Category, Counter[QueueState]] = defaultdict(Counter)
    for social in socials:
        counts[social.category][social.state] += 1
    return {category: dict(counts[category]) for category in Category if category in counts}


def rsvps_per_social(
    socials: Iterable[Social], counts: Mapping[int, tuple[int, int]]
) -> tuple[SocialRsvps, ...]:
    found = []
    for social in socials:
        if social.is_public:
            slots = [counts.get(slot.id, (0, 0)) for slot in social.slots]
            going, waiting = sum(c[0] for c in slots), sum(c[1] for c in slots)
            found.append(SocialRsvps(social.id, social.title, going, waiting))
    return tuple(sorted(found, key=lambda item: (-item.going, item.title.casefold())))


def utilisation(
    sessions: Iterable[MentoringSession], bookings: Iterable[Booking]
) -> tuple[Utilisation, dict[int, Utilisation]]:
    held = [s for s in sessions if s.status != SessionStatus.CANCELLED]
    seats = Counter(b.session_id for b in bookings if b.state == BookingState.BOOKED)
    offered: Counter[int] = Counter()
    booked: Counter[int] = Counter()
    for session in held:
        offered[session.mentor_id] += session.capacity
        booked[session.mentor_id] += seats[session.id]
    per_mentor = {mentor: Utilisation(booked[mentor], offered[mentor]) for mentor in offered}
    return Utilisation(sum(booked.values()), sum(offered.values())), per_mentor


def adhoc_waits(sessions: Iterable[MentoringSession], bookings: Iterable[Booking]) -> AdhocWaits:
    adhoc = [s for s in sessions if s.adhoc and s.status != SessionStatus.CANCELLED]
    first: dict[int, Booking] = {}
    for booking in bookings:
        earlier = first.get(booking.session_id)
        if earlier is None or booking.created_at < earlier.created_at:
            first[booking.session_id] = booking
    waits = tuple(
        max(first[s.id].created_at - s.starts_at, timedelta(0)) for s in adhoc if s.id in first
    )
    return AdhocWaits(len(adhoc), waits)


def delivery_tallies(lines: Iterable[FanoutLine]) -> tuple[FanoutTally, ...]:
    people: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for item in lines:
        people[item.fanout][item.recipient].add(item.status)
    tallies = []
    for fanout, recipients in people.items():
        counted = [states for states in recipients.values() if states != {SKIPPED}]
        delivered = sum(SENT in states for states in counted)
        tallies.append(FanoutTally(fanout, delivered, len(counted)))
    return tuple(sorted(tallies, key=lambda tally: tally.fanout))


def statistics(
    socials: Sequence[Social],
    rsvp_counts: Mapping[int, tuple[int, int]],
    sessions: Sequence[MentoringSession],
    bookings: Sequence[Booking],
    proposals: Sequence[Proposal],
    lines: Sequence[FanoutLine],
) -> Stats:
    overall, per_mentor = utilisation(sessions, bookings)
    return Stats(
        proposals=proposals_by_category(socials),
        accepted=sum(s.decision == Decision.ACCEPTED for s in socials),
        rejected=sum(s.decision == Decision.REJECTED for s in socials),
        rsvps=rsvps_per_social(socials, rsvp_counts),
        utilisation=overall,
        mentors=per_mentor,
        adhoc=adhoc_waits(sessions, bookings),
        coverage=coverage(proposals),
        deliveries=delivery_tallies(lines),
    )
