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
from dataclasses import dataclass
from datetime import datetime

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


@dataclass(frozen=True)
class Page:
    deliveries: list[Delivery]  # due, still wanted
    known: Known
    cursor: tuple[datetime, int] | None  # where the next page starts
    full: bool  # there may be more


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

    def stop(self) -> None:
        """Finish the message in hand, then stop (`run` returns)."""
        for sender in self.senders.values():
            sender.stop()

    async def run(self, poll_seconds: float = 1.0) -> None:
        await asyncio.gather(*(sender.run(poll_seconds) for sender in self.senders.values()))

    async def deliver_due(self) -> int:
        """Deliver everything due now on every platform; returns how many were sent."""
        counts = await asyncio.gather(*(sender.deliver_due() for sender in self.senders.values()))
        return sum(counts)


# A page is checked by the guard just before it is sent: at most this many seconds of sending
# at the platform's pace, so a session moved meanwhile loses its stale reminders within seconds.
PAGE_SECONDS = 2.0
SMALLEST_PAGE = 10
MIN_WAIT = 0.02  # between rounds, at least: never a busy loop


class PlatformSender:
    def __init__(self, sending: Sending, guard: Guard | None) -> None:
        self.sending = sending
        self.guard = guard
        self.page_size = _page_size(sending)
        self.stopping = False
        self._lock = asyncio.Lock()  # one round at a time: the loop and a flush never overlap
        self._wake = asyncio.Event()

    @property
    def platform(self) -> str:
        return self.sending.messenger.platform

    def wake(self) -> None:
        self._wake.set()

    def stop(self) -> None:
        self.stopping = True
        self._wake.set()

    async def run(self, poll_seconds: float) -> None:
        while not self.stopping:
            wait = poll_seconds
            try:
                await self.deliver_due()
                wait = await self._until_next(poll_seconds)
            except Exception:
                log.exception("delivery round on %s failed; trying again", self.platform)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=wait)
            self._wake.clear()

    async def _until_next(self, poll_seconds: float) -> float:
        """Seconds until the next delivery falls due (queued early by the scheduler's look
        ahead), so it leaves on the dot; at most `poll_seconds`."""
        hw = self.sending.hw
        async with hw.uow() as uow:
            upcoming = await uow.outbox.next_due(self.platform)
        if upcoming is None:
            return poll_seconds
        seconds = (upcoming - hw.now()).total_seconds()
        return min(poll_seconds, max(MIN_WAIT, seconds))

    async def deliver_due(self) -> int:
        async with self._lock:
            await recover_in_doubt(self.sending)
            return await self._pages()

    async def _pages(self) -> int:
        """Page by page through what is due; the next page is read and checked while this
        one is being sent, so the platform never waits on the database between pages."""
        sent = 0
        upcoming: asyncio.Task[Page] | None = asyncio.create_task(self._page(None))
        try:
            while upcoming is not None and not self.stopping:
                page = await upcoming
                upcoming = asyncio.create_task(self._page(page.cursor)) if page.full else None
                sent += await self._send_batch(page.deliveries, page.known)
        finally:
            if upcoming is not None:  # a page being read: let it end its read, unused
                with contextlib.suppress(Exception):
                    await asyncio.shield(upcoming)
        return sent

    async def _page(self, after: tuple[datetime, int] | None) -> Page:
        hw, batch = self.sending.hw, self.page_size
        async with hw.uow() as uow:
            due = await uow.outbox.due(self.platform, hw.now(), batch, after)
        live = await self._drop_stale(due)
        known = await preload(hw, self.platform, live)
        cursor = (due[-1].due_at, due[-1].id) if due else after
        return Page(live, known, cursor, full=len(due) == batch)

    async def _drop_stale(self, deliveries: list[Delivery]) -> list[Delivery]:
        if self.guard is None:
            return deliveries
        stale = await self.guard(deliveries)
        for delivery in deliveries:
            if delivery.id in stale:
                log.info("not sending %s: %s", delivery.key, stale[delivery.id])
        await skip(self.sending.hw, stale)
        return [delivery for delivery in deliveries if delivery.id not in stale]

    async def _send_batch(self, deliveries: list[Delivery], known: Known) -> int:
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
        if self.stopping:
            return 0
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


def _page_size(sending: Sending) -> int:
    overall = sending.pacer.rules.overall if sending.pacer is not None else None
    if overall is None:
        return sending.policy.batch
    return max(SMALLEST_PAGE, min(sending.policy.batch, int(overall.per_second * PAGE_SECONDS)))
