"""One try at one delivery, so that the platform gets each message once.

The protocol: a delivery is claimed — pending → sending, under a fresh token, with the address
and the wall-clock time — in its own short transaction, then handed to the platform with its
key (Slack keeps it in the message metadata, Discord as the nonce), then marked sent. A crash
between the platform's acceptance and "sent" leaves the row "sending": `recovery` later asks the
platform whether it has the message before anything is sent again. A clear refusal (a 4xx, a
429) returns the row to pending; an unclear failure (a timeout, a lost connection, a 5xx, a bug)
leaves it "sending", in doubt.
"""

from __future__ import annotations

import asyncio
import logging
import random
import uuid
from dataclasses import dataclass, field
from datetime import timedelta

from bot.app import Hallway
from bot.clock import Clock, SystemClock
from bot.delivery.pacing import Pacer, backoff
from bot.domain.delivery import Delivery, DeliveryStatus
from bot.domain.participants import Account
from bot.ports import DeliveryError, Messenger, UnitOfWork

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 6  # failures that are the message's own (errors, lost tries)
MAX_THROTTLED = 30  # "too many requests" answers: the platform's mood, not the message's fault


@dataclass(frozen=True)
class Target:
    """Where one delivery goes on its platform, resolved before sending."""

    kind: str  # "direct" | "channel" | "edit" | "nobody" | "wait"
    address: str = ""
    zone: str | None = None
    link_participant: int | None = None  # an account found by lookup, to remember afterwards


@dataclass(frozen=True)
class SendPolicy:
    send_timeout: float = 10.0  # seconds a platform call may take before it is in doubt
    lease: timedelta = timedelta(seconds=20)  # "sending" older than this is in doubt for sure
    workers: int = 8  # conversations served at once per platform
    batch: int = 200
    max_attempts: int = MAX_ATTEMPTS
    max_throttled: int = MAX_THROTTLED


@dataclass
class Sending:
    """What a platform sender needs for a try: its messenger, pacer and clocks."""

    hw: Hallway
    messenger: Messenger
    pacer: Pacer | None
    policy: SendPolicy = field(default_factory=SendPolicy)
    wall: Clock = field(default_factory=SystemClock)
    rng: random.Random = field(default_factory=random.Random)

    async def attempt(self, delivery: Delivery, target: Target) -> bool:
        """True when the platform took it (and it is recorded as sent)."""
        if self.pacer is not None:
            await self.pacer.acquire(target.kind, target.address)
        token = uuid.uuid4().hex
        if not await self._claim(delivery, token, target.address):
            return False
        if not await self._outwait_pause(delivery, token):
            return False
        try:
            async with asyncio.timeout(self.policy.send_timeout):
                ref = await self._call(delivery, target)
        except DeliveryError as exc:
            await self._refused(delivery, token, exc)
            return False
        except TimeoutError:
            timeout = self.policy.send_timeout
            log.warning("delivery %s: no answer in %ss; in doubt", delivery.key, timeout)
            return False
        except Exception:
            log.exception("delivery %s raised; in doubt", delivery.key)
            return False
        await self._sent(delivery, token, target, ref)
        return True

    async def _outwait_pause(self, delivery: Delivery, token: str) -> bool:
        """A 429 may have answered another call while this one was being claimed. A short pause
        is waited out; a long one hands the delivery back (a claim held past its lease would
        look in doubt to the recovery). False: handed back, not sent."""
        left = self.pacer.pause_left() if self.pacer is not None else 0.0
        if left <= 0.0:
            return True
        if self.pacer is not None and left <= self.policy.lease.total_seconds() / 4:
            await self.pacer.hold()
            return True
        async with self.hw.uow() as uow:
            stored = await uow.outbox.get(delivery.id)
            if stored is not None and _holds(stored, token):
                paused = DeliveryError("the platform asked to wait", retry_after=left)
                retry_later(stored, paused, self.hw, self.policy, self.rng)
            await uow.commit()
        return False

    async def _claim(self, delivery: Delivery, token: str, address: str) -> bool:
        async with self.hw.uow() as uow:
            claimed = await uow.outbox.claim(delivery.id, token, address, self.wall.now())
            await uow.commit()
        return claimed

    async def _call(self, delivery: Delivery, target: Target) -> str:
        messenger, key = self.messenger, delivery.key
        if target.kind == "direct":
            return await messenger.send_direct(
                target.address, delivery.message, target.zone, key=key
            )
        if target.kind == "edit":
            await messenger.update(target.address, delivery.message)
            return target.address
        return await messenger.post(target.address, delivery.message, key=key)

    async def _refused(self, delivery: Delivery, token: str, error: DeliveryError) -> None:
        if error.maybe_delivered:
            log.warning("delivery %s: %s; in doubt", delivery.key, error.reason)
            return
        if error.retry_after is not None and self.pacer is not None:
            self.pacer.pause(error.retry_after)
        async with self.hw.uow() as uow:
            stored = await uow.outbox.get(delivery.id)
            if stored is not None and _holds(stored, token):
                retry_later(stored, error, self.hw, self.policy, self.rng)
            await uow.commit()

    async def _sent(self, delivery: Delivery, token: str, target: Target, ref: str) -> None:
        async with self.hw.uow() as uow:
            if not await uow.outbox.mark_sent(delivery.id, token, ref, self.hw.now()):
                log.warning("delivery %s was taken over while being sent", delivery.key)
                return
            if target.link_participant is not None:
                await _remember_account(uow, self.hw, target, delivery.platform)
            await uow.commit()


def retry_later(
    delivery: Delivery,
    error: DeliveryError,
    hw: Hallway,
    policy: SendPolicy,
    rng: random.Random,
) -> None:
    """Back to pending for another try, or failed for good after bounded tries."""
    delivery.status, delivery.token = DeliveryStatus.PENDING, None
    delivery.last_error = error.reason[:500]
    if error.retry_after is not None and not error.permanent:
        delivery.throttled += 1
        wait = max(error.retry_after, 1.0)
        exhausted = delivery.throttled > policy.max_throttled
    else:
        delivery.attempts += 1
        wait = backoff(delivery.attempts, rng)
        exhausted = error.permanent or delivery.attempts >= policy.max_attempts
    if exhausted:
        delivery.status = DeliveryStatus.FAILED
        log.warning("delivery %s failed for good: %s", delivery.key, error.reason)
        return
    delivery.due_at = hw.now() + timedelta(seconds=wait)


def _holds(delivery: Delivery, token: str) -> bool:
    return delivery.status == DeliveryStatus.SENDING and delivery.token == token


async def _remember_account(uow: UnitOfWork, hw: Hallway, target: Target, platform: str) -> None:
    """A platform found this person by e-mail: link the account so the next message is direct."""
    if target.link_participant is None:
        return
    if await uow.accounts.find(hw.event.id, platform, target.address) is None:
        uow.accounts.add(Account(hw.event.id, target.link_participant, platform, target.address))
