"""The dispatcher: takes due deliveries from the outbox and hands them to the platforms.

One sender per platform, so a slow platform never holds up another. Each round it settles
deliveries left in doubt, drops the ones no longer wanted (the guard: a reminder for a session
that moved), resolves addresses for a batch in one read, then sends — one conversation after
the other within each conversation, several conversations at once — through the platform's
pacer. No transaction is held open across a network call (SQLite has one writer).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
from collections.abc import Awaitable, Callable, Mapping, Sequence

from bot.app import Hallway
from bot.clock import Clock, SystemClock
from bot.delivery.attempts import MAX_ATTEMPTS, Sending, SendPolicy
from bot.delivery.pacing import Pacer
from bot.delivery.recovery import recover_in_doubt
from bot.delivery.targets import Known, defer, preload, resolve, skip
from bot.domain.delivery import Delivery
from bot.ports import DeliveryError, Messenger

__all__ = ["MAX_ATTEMPTS", "Dispatcher", "Guard"]

log = logging.getLogger(__name__)

# Deliveries no longer wanted, by id, with the reason (see `bot.scheduling.deriving`).
Guard = Callable[[Sequence[Delivery]], Awaitable[dict[int, str]]]


class Dispatcher:
    def __init__(
        self,
        hw: Hallway,
        messengers: Mapping[str, Messenger],
        *,
        batch: int = 200,
        pacers: Mapping[str, Pacer] | None = None,
        guard: Guard | None = None,
        policy: SendPolicy | None = None,
        wall: Clock | None = None,
        rng: random.Random | None = None,
    ) -> None:
        chosen = policy or SendPolicy(batch=batch)
        self.hw = hw
        self.senders = {
            platform: PlatformSender(
                Sending(
                    hw,
                    messenger,
                    (pacers or {}).get(platform),
                    chosen,
                    wall or SystemClock(),
                    rng or random.Random(),
                ),
                guard,
            )
            for platform, messenger in messengers.items()
        }

    def wake(self) -> None:
        """Something was queued: look now rather than at the next poll."""
        for sender in self.senders.values():
            sender.wake()

    async def run(self, poll_seconds: float = 1.0) -> None:
        await asyncio.gather(*(sender.run(poll_seconds) for sender in self.senders.values()))

    async def deliver_due(self) -> int:
        """Deliver everything due now on every platform; returns how many were sent."""
        counts = await asyncio.gather(*(sender.deliver_due() for sender in self.senders.values()))
        return sum(counts)


class PlatformSender:
    def __init__(self, sending: Sending, guard: Guard | None) -> None:
        self.sending = sending
        self.guard = guard
        self._lock = asyncio.Lock()  # one round at a time: the loop and a flush never overlap
        self._wake = asyncio.Event()

    @property
    def platform(self) -> str:
        return self.sending.messenger.platform

    def wake(self) -> None:
        self._wake.set()

    async def run(self, poll_seconds: float) -> None:
        while True:
            try:
                await self.deliver_due()
            except Exception:
                log.exception("delivery round on %s failed; trying again", self.platform)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=poll_seconds)
            self._wake.clear()

    async def deliver_due(self) -> int:
        async with self._lock:
            await recover_in_doubt(self.sending)
            sent, seen = 0, set[int]()
            while True:
                due = await self._due()
                fresh = [delivery for delivery in due if delivery.id not in seen]
                if not fresh:
                    return sent
                seen.update(delivery.id for delivery in fresh)
                sent += await self._send_batch(await self._drop_stale(fresh))
                if len(due) < self.sending.policy.batch:
                    return sent

    async def _due(self) -> list[Delivery]:
        hw = self.sending.hw
        async with hw.uow() as uow:
            return await uow.outbox.due(self.platform, hw.now(), self.sending.policy.batch)

    async def _drop_stale(self, deliveries: list[Delivery]) -> list[Delivery]:
        if self.guard is None:
            return deliveries
        stale = await self.guard(deliveries)
        for delivery in deliveries:
            if delivery.id in stale:
                log.info("not sending %s: %s", delivery.key, stale[delivery.id])
        await skip(self.sending.hw, stale)
        return [delivery for delivery in deliveries if delivery.id not in stale]

    async def _send_batch(self, deliveries: list[Delivery]) -> int:
        known = await preload(self.sending.hw, self.platform, deliveries)
        conversations: dict[str, list[Delivery]] = {}
        for delivery in deliveries:
            conversations.setdefault(delivery.recipient, []).append(delivery)
        gate = asyncio.Semaphore(self.sending.policy.workers)

        async def serve(queue: list[Delivery]) -> int:
            async with gate:
                return sum([await self._deliver(delivery, known) for delivery in queue])

        counts = await asyncio.gather(*(serve(queue) for queue in conversations.values()))
        return sum(counts)

    async def _deliver(self, delivery: Delivery, known: Known) -> int:
        try:
            target = await resolve(self.sending, delivery, known)
        except DeliveryError as exc:
            await defer(self.sending, delivery, exc)
            return 0
        if target.kind == "nobody":
            await skip(self.sending.hw, {delivery.id: "nobody to reach"})
            return 0
        if target.kind == "wait":
            await defer(self.sending, delivery, None)
            return 0
        return 1 if await self.sending.attempt(delivery, target) else 0
