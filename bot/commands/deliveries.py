"""/hallway deliveries [FAN-OUT]: for the chairs, how far the latest notices got."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.app import Hallway
from bot.commands.registry import Command, Option, Router
from bot.interaction import Actor, Outcome, Reply
from bot.messages import Item, Line, Message, Note, Strong, When, line, message
from bot.services.deliveries import FanoutStatus, fanout_status, recent_fanouts

SHOWN_REASONS = 3


async def show_deliveries(hw: Hallway, actor: Actor, args: Mapping[str, Any]) -> Outcome:
    chosen = str(args.get("fanout") or "").strip()
    if chosen:
        return Reply(deliveries_message([await fanout_status(hw, actor, chosen)]))
    return Reply(deliveries_message(await recent_fanouts(hw, actor)))


def deliveries_message(statuses: list[FanoutStatus]) -> Message:
    if not statuses:
        return message("Deliveries", "Nothing has been sent to many people yet.")
    return message(
        "Deliveries",
        *(Item(_lines(status)) for status in statuses),
        Note((("For one fan-out in detail: /hallway deliveries <fan-out>.",),)),
    )


def _lines(status: FanoutStatus) -> tuple[Line, ...]:
    head = line(
        "{title}, due {due}",
        title=Strong(status.title or status.fanout),
        due=When(status.last_due, "short"),
    )
    counts = f"{status.delivered} of {status.meant_for} delivered"
    extra = [
        f"{count} {label}"
        for count, label in ((status.waiting, "waiting"), (status.failed, "failed"))
        if count
    ]
    if status.skipped:
        extra.append(f"{status.skipped} skipped")
    summary: Line = (", ".join([counts, *extra]) + ".",)
    reasons: list[Line] = [
        (f"Failed ×{count}: {reason}",) for reason, count in status.failures[:SHOWN_REASONS]
    ]
    reasons += [(f"Skipped ×{count}: {reason}",) for reason, count in status.skips[:SHOWN_REASONS]]
    return (head, summary, *reasons, (f"fan-out: {status.fanout}",))


def register(router: Router) -> None:
    router.command(
        Command(
            "hallway",
            "deliveries",
            "For the chairs: how many of each recent notice were delivered, and why not.",
            show_deliveries,
            (Option("fanout", "One fan-out, as listed, to see alone", "rest"),),
        )
    )
