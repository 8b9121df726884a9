"""Deliveries in doubt: left "sending" by a process that died, or by a call that never answered.

Once the lease has passed (longer than any call may take, so nobody is still sending it), the
platform is asked whether it has the message under the delivery's key. It has: the delivery is
recorded as sent, with the platform's reference. It has not: the delivery goes back to pending
and is sent again, under the same key. An edit is simply made again (editing twice is harmless).
"""

from __future__ import annotations

import asyncio
import logging

from bot.delivery.attempts import Sending
from bot.domain.delivery import Delivery, DeliveryStatus
from bot.ports import Attempt, DeliveryError

log = logging.getLogger(__name__)

_BATCH = 100


async def recover_in_doubt(sending: Sending) -> int:
    """Settle what was left in doubt on this platform; returns how many were settled."""
    hw, platform = sending.hw, sending.messenger.platform
    cutoff = sending.wall.now() - sending.policy.lease
    async with hw.uow() as uow:
        doubtful = await uow.outbox.in_doubt(platform, cutoff, _BATCH)
    settled = 0
    for delivery in doubtful:
        try:
            found = await _look_up(sending, delivery)
        except (DeliveryError, TimeoutError) as exc:
            log.warning(
                "delivery %s still in doubt: cannot ask the platform (%s)", delivery.key, exc
            )
            _pause_if_asked(sending, exc)
            continue
        settled += await _settle(sending, delivery, found)
    return settled


async def _look_up(sending: Sending, delivery: Delivery) -> str | None:
    if delivery.recipient_kind == "post" or delivery.address is None:
        return None  # an edit: making it again changes nothing
    if sending.pacer is not None:
        await sending.pacer.acquire("lookup", delivery.address)
    attempt = Attempt(
        key=delivery.key,
        address=delivery.address,
        direct=delivery.recipient_kind == "person",
        message=delivery.message,
        since=delivery.claimed_at or sending.wall.now(),
    )
    async with asyncio.timeout(sending.policy.send_timeout):
        return await sending.messenger.was_delivered(attempt)


async def _settle(sending: Sending, delivery: Delivery, found: str | None) -> int:
    hw = sending.hw
    async with hw.uow() as uow:
        stored = await uow.outbox.get(delivery.id)
        if stored is None or stored.status != DeliveryStatus.SENDING:
            return 0
        if stored.token != delivery.token:
            return 0  # claimed again since we looked: its new attempt decides
        if found is not None:
            stored.status, stored.ref, stored.sent_at = DeliveryStatus.SENT, found, hw.now()
            log.info("delivery %s was in doubt: the platform has it", stored.key)
        else:
            _send_again(stored, sending.policy.max_attempts)
        await uow.commit()
    return 1


def _send_again(delivery: Delivery, max_attempts: int) -> None:
    delivery.attempts += 1
    delivery.token = None
    if delivery.attempts >= max_attempts:
        delivery.status = DeliveryStatus.FAILED
        delivery.last_error = "lost on the way too many times"
        log.warning("delivery %s failed for good: lost on the way", delivery.key)
        return
    delivery.status = DeliveryStatus.PENDING
    delivery.last_error = "lost on the way; sent again"
    log.info("delivery %s was in doubt: the platform does not have it; sending again", delivery.key)


def _pause_if_asked(sending: Sending, exc: Exception) -> None:
    retry_after = getattr(exc, "retry_after", None)
    if retry_after is not None and sending.pacer is not None:
        sending.pacer.pause(retry_after)
