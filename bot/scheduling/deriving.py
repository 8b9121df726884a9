"""From due items to outbox rows, every tick; and, before sending, which rows are stale.

Each tick asks every source what is due by now and queues what the outbox does not have yet.
An item past its use (a reminder for a session that began while Hallway was down) is recorded
as skipped, with the reason, and logged once. Of a person's reminders for one session, only the
latest due goes out: after downtime, "starts in an hour" is sent, not also "starts tomorrow".

The same derivation, run again just before a batch is sent, is the guard: a queued reminder
that is no longer derived (the session moved or was cancelled, the RSVP withdrawn) is dropped.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta

from bot.app import Hallway
from bot.domain.delivery import Delivery, DeliveryStatus
from bot.messages import Message
from bot.ports import UnitOfWork
from bot.scheduling.due import DueItem, DueSource

log = logging.getLogger(__name__)

SKIPPED = DeliveryStatus.SKIPPED
NO_LONGER_DUE = "no longer due: the session moved or was cancelled, or the person withdrew"
SUPERSEDED = "superseded by a later reminder"
_KNOWN_LIMIT = 200_000


class DueWork:
    def __init__(
        self,
        hw: Hallway,
        sources: Sequence[DueSource],
        lookahead: timedelta = timedelta(0),
    ) -> None:
        self.hw = hw
        self.sources = list(sources)
        # Items falling due before the next tick are queued now, with their own due time, so
        # the sender can send them on the dot rather than up to a tick late.
        self.lookahead = lookahead
        self._names = {source.name for source in self.sources}
        # Keys already in the outbox on every platform: a cache of a database fact, so a tick
        # need not ask again. A fresh process starts empty and asks the database.
        self._known: set[str] = set()

    async def queue_due(self) -> int:
        """Queue what is due now; returns how many deliveries were queued to be sent."""
        now = self.hw.now()
        horizon = now + self.lookahead
        async with self.hw.uow() as uow:
            send, skipped = split(await self._derive(uow, horizon), now, horizon)
            fresh = [item for item in (*send, *(item for item, _ in skipped)) if self._new(item)]
            recorded = await uow.outbox.recorded([item.key for item in fresh])
            rows = self._rows(send, skipped, recorded)
            await uow.outbox.add_new(rows)
            await uow.commit()
        self._remember(item.key for item in fresh)
        for key, reason in {r.key: r.last_error for r in rows if r.status == SKIPPED}.items():
            log.info("skipped %s: %s", key, reason)
        return sum(1 for row in rows if row.status == DeliveryStatus.PENDING)

    async def stale(self, deliveries: Sequence[Delivery]) -> dict[int, str]:
        """The derived deliveries among these that should no longer go out, with the reason."""
        derived = [d for d in deliveries if d.context and d.context.get("due") in self._names]
        if not derived:
            return {}
        subjects = frozenset(str(d.context.get("subject", "")) for d in derived if d.context)
        now = self.hw.now()
        horizon = now + self.lookahead
        async with self.hw.uow() as uow:
            send, skipped = split(await self._derive(uow, horizon, subjects), now, horizon)
        live = {item.key for item in send}
        reasons = {item.key: reason for item, reason in skipped}
        return {d.id: reasons.get(d.key, NO_LONGER_DUE) for d in derived if d.key not in live}

    async def _derive(
        self, uow: UnitOfWork, now: datetime, subjects: frozenset[str] | None = None
    ) -> list[DueItem]:
        found: list[DueItem] = []
        for source in self.sources:
            items = await source.due(self.hw, uow, now, subjects)
            found.extend(items)
        return found

    def _new(self, item: DueItem) -> bool:
        return item.key not in self._known

    def _remember(self, keys: Iterable[str]) -> None:
        if len(self._known) > _KNOWN_LIMIT:
            self._known.clear()
        self._known.update(keys)

    def _rows(
        self,
        send: list[DueItem],
        skipped: list[tuple[DueItem, str]],
        recorded: set[tuple[str, str]],
    ) -> list[Delivery]:
        rows = []
        for item, reason in [*((item, None) for item in send), *skipped]:
            if not self._new(item):
                continue
            message: Message | None = None
            for platform in self.hw.platforms:
                if (platform, item.key) in recorded:
                    continue
                message = message or item.compose()
                rows.append(self._row(platform, item, message, reason))
        return rows

    def _row(self, platform: str, item: DueItem, message: Message, reason: str | None) -> Delivery:
        row = Delivery(
            self.hw.event.id,
            platform,
            item.key,
            item.recipient,
            message,
            item.due_at,
            item.fanout,
            context={"due": item.subject.partition(":")[0], "subject": item.subject},
        )
        if reason is not None:
            row.status, row.last_error = DeliveryStatus.SKIPPED, reason
        return row


def split(
    found: Sequence[DueItem], now: datetime, horizon: datetime | None = None
) -> tuple[list[DueItem], list[tuple[DueItem, str]]]:
    """What to send (due by `horizon`, still useful `now`), and what to record as skipped
    with the reason."""
    due = [item for item in found if item.due_at <= (horizon or now)]
    latest: dict[str, DueItem] = {}
    for item in due:
        if item.series not in latest or item.due_at > latest[item.series].due_at:
            latest[item.series] = item
    send: list[DueItem] = []
    skipped: list[tuple[DueItem, str]] = []
    for item in due:
        if item.useful_until <= now:
            skipped.append((item, item.too_late))
        elif latest[item.series] is not item:
            skipped.append((item, SUPERSEDED))
        else:
            send.append(item)
    return send, skipped
