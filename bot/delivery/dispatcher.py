"""The dispatcher: takes due deliveries from the outbox and hands them to the platforms.

No transaction is held open across a network call: a delivery is read, sent, then marked in a
second short transaction, so a slow platform never blocks a writer (SQLite has only one).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.app import Hallway
from bot.domain.delivery import ChannelRole, Delivery, DeliveryStatus
from bot.domain.participants import Account
from bot.ports import DeliveryError, Messenger, UnitOfWork

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 6


@dataclass(frozen=True)
class _Target:
    """Where one delivery goes on its platform, resolved before sending."""

    kind: str  # "direct" | "channel" | "edit" | "nobody"
    address: str = ""
    zone: str | None = None
    link_participant: int | None = None  # an account found by lookup, to remember afterwards


class Dispatcher:
    def __init__(
        self, hw: Hallway, messengers: Mapping[str, Messenger], *, batch: int = 200
    ) -> None:
        self.hw = hw
        self.messengers = dict(messengers)
        self.batch = batch
        self._wake = asyncio.Event()

    def wake(self) -> None:
        """Something was queued in this process: look now rather than at the next poll."""
        self._wake.set()

    async def run(self, poll_seconds: float = 1.0) -> None:
        while True:
            await self.deliver_due()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=poll_seconds)
            self._wake.clear()

    async def deliver_due(self) -> int:
        """Deliver everything due now; returns how many were sent."""
        sent = 0
        for platform, messenger in self.messengers.items():
            async with self.hw.uow() as uow:
                due = await uow.outbox.due(platform, self.hw.now(), self.batch)
            for delivery in due:
                sent += await self._deliver(messenger, delivery)
        return sent

    async def _deliver(self, messenger: Messenger, delivery: Delivery) -> int:
        target = await self._resolve(messenger, delivery)
        ref: str | None = None
        error: DeliveryError | None = None
        try:
            ref = await self._send(messenger, target, delivery)
        except DeliveryError as exc:
            error = exc
        except Exception as exc:
            log.exception("delivery %s raised", delivery.key)
            error = DeliveryError(f"unexpected {type(exc).__name__}")
        await self._record(delivery, target, ref, error)
        return 1 if ref is not None else 0

    async def _resolve(self, messenger: Messenger, delivery: Delivery) -> _Target:
        kind, ident = delivery.recipient_kind, delivery.recipient_id
        if kind == "channel":
            channels = self.hw.event.channels(messenger.platform)
            return _Target("channel", getattr(channels, ChannelRole(ident).value))
        if kind == "post":
            async with self.hw.uow() as uow:
                ref = await uow.outbox.sent_ref(messenger.platform, ident)
            return _Target("edit", ref) if ref else _Target("nobody")
        async with self.hw.uow() as uow:
            person = await uow.participants.get(int(ident))
            if person is None:
                return _Target("nobody")
            account = await uow.accounts.for_participant(person.id, messenger.platform)
        if account is not None:
            return _Target("direct", account.user_id, person.zone)
        found = await messenger.resolve_user(person)
        if found is None:
            return _Target("nobody")
        return _Target("direct", found, person.zone, link_participant=person.id)

    async def _send(self, messenger: Messenger, target: _Target, delivery: Delivery) -> str | None:
        if target.kind == "nobody":
            return None
        if target.kind == "direct":
            return await messenger.send_direct(target.address, delivery.message, target.zone)
        if target.kind == "edit":
            await messenger.update(target.address, delivery.message)
            return target.address
        return await messenger.post(target.address, delivery.message)

    async def _record(
        self, delivery: Delivery, target: _Target, ref: str | None, error: DeliveryError | None
    ) -> None:
        now = self.hw.now()
        async with self.hw.uow() as uow:
            stored = await uow.outbox.get(delivery.id)
            if stored is None or stored.status != DeliveryStatus.PENDING:
                return
            if target.link_participant is not None and ref is not None:
                await _remember_account(uow, self.hw.event.id, target, stored.platform)
            if ref is not None:
                stored.status, stored.sent_at, stored.ref = DeliveryStatus.SENT, now, ref
            elif error is None:
                stored.status, stored.last_error = DeliveryStatus.SKIPPED, "nobody to reach"
            else:
                _schedule_retry(stored, error, now)
            await uow.commit()


def _schedule_retry(delivery: Delivery, error: DeliveryError, now: datetime) -> None:
    delivery.attempts += 1
    delivery.last_error = error.reason[:500]
    if error.permanent or delivery.attempts >= MAX_ATTEMPTS:
        delivery.status = DeliveryStatus.FAILED
        log.warning("delivery %s failed for good: %s", delivery.key, error.reason)
        return
    # Exponential backoff, unless the platform said how long to wait.
    wait = error.retry_after if error.retry_after is not None else 2.0**delivery.attempts
    delivery.due_at = now + timedelta(seconds=wait)


async def _remember_account(uow: UnitOfWork, event_id: int, target: _Target, platform: str) -> None:
    """A platform found this person by e-mail: link the account so the next message is direct."""
    if target.link_participant is None:
        return
    if await uow.accounts.find(event_id, platform, target.address) is None:
        uow.accounts.add(Account(event_id, target.link_participant, platform, target.address))
