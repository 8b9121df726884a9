"""For the chairs: how far each fan-out got — "n of m delivered", and why the rest did not.

A fan-out is one notice to many (a reminder wave, an announcement, the released decisions). A
person counts once however many platforms they were sent to: delivered if any platform took
it. Those skipped on purpose (the session had started, nobody to reach) are not counted in m.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from bot.app import Hallway
from bot.domain.delivery import DeliveryStatus
from bot.domain.participants import Role
from bot.errors import NotFound
from bot.interaction import Actor
from bot.ports import DeliveryLine, FanoutHead

RECENT = 10


@dataclass(frozen=True)
class FanoutStatus:
    fanout: str
    title: str | None
    last_due: datetime
    delivered: int
    waiting: int
    failed: int
    skipped: int
    failures: tuple[tuple[str, int], ...]  # reason, how many; most common first
    skips: tuple[tuple[str, int], ...]

    @property
    def meant_for(self) -> int:
        return self.delivered + self.waiting + self.failed


async def fanout_status(hw: Hallway, actor: Actor, fanout: str) -> FanoutStatus:
    _require_chair(hw, actor)
    async with hw.uow() as uow:
        head = await uow.outbox.fanout_head(hw.event.id, fanout)
        lines = await uow.outbox.fanout_lines(fanout) if head else []
    if head is None:
        raise NotFound(f"No deliveries belong to “{fanout}”. Try /hallway deliveries.")
    return tally(head, lines)


async def recent_fanouts(hw: Hallway, actor: Actor, limit: int = RECENT) -> list[FanoutStatus]:
    _require_chair(hw, actor)
    async with hw.uow() as uow:
        heads = await uow.outbox.recent_fanouts(hw.event.id, limit)
        found = [(head, await uow.outbox.fanout_lines(head.fanout)) for head in heads]
    return [tally(head, lines) for head, lines in found]


def tally(head: FanoutHead, lines: list[DeliveryLine]) -> FanoutStatus:
    by_recipient: dict[str, list[DeliveryLine]] = {}
    for item in lines:
        by_recipient.setdefault(item.recipient, []).append(item)
    outcome: Counter[DeliveryStatus] = Counter()
    reasons: dict[DeliveryStatus, Counter[str]] = {
        DeliveryStatus.FAILED: Counter(),
        DeliveryStatus.SKIPPED: Counter(),
    }
    for rows in by_recipient.values():
        verdict = _verdict({row.status for row in rows})
        outcome[verdict] += 1
        if verdict in reasons:
            why = {row.last_error or "unknown" for row in rows if row.status == verdict}
            reasons[verdict].update(why)
    return FanoutStatus(
        head.fanout,
        head.title,
        head.last_due,
        delivered=outcome[DeliveryStatus.SENT],
        waiting=outcome[DeliveryStatus.PENDING],
        failed=outcome[DeliveryStatus.FAILED],
        skipped=outcome[DeliveryStatus.SKIPPED],
        failures=tuple(reasons[DeliveryStatus.FAILED].most_common()),
        skips=tuple(reasons[DeliveryStatus.SKIPPED].most_common()),
    )


def _verdict(statuses: set[DeliveryStatus]) -> DeliveryStatus:
    """A person's outcome over the platforms they were sent to: the best one."""
    if DeliveryStatus.SENT in statuses:
        return DeliveryStatus.SENT
    if statuses & {DeliveryStatus.PENDING, DeliveryStatus.SENDING}:
        return DeliveryStatus.PENDING
    if DeliveryStatus.FAILED in statuses:
        return DeliveryStatus.FAILED
    return DeliveryStatus.SKIPPED


def _require_chair(hw: Hallway, actor: Actor) -> None:
    actor.require_role(Role.CHAIR, hw.event.name, "see how deliveries went")
