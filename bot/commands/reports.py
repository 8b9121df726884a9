"""The chairs' reports: `/social export csv|json` (submissions and mentoring as files),
`/social stats` and `/stats` (the statistics). Typed as `/social chairs export|stats|balance`
too (`/social balance` also posts the heatmap to the chairs' channel: see `programme`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.app import Hallway
from bot.commands.registry import Command, Option, Router
from bot.commands.stats_view import stats_message
from bot.exports.formats import CONTENT_TYPES, FORMATS, Format
from bot.interaction import Actor, Attachment, Outcome, Reply
from bot.messages import message
from bot.services.exports import chairs_export
from bot.services.stats import chairs_statistics


async def export_files(hw: Hallway, actor: Actor, args: Mapping[str, Any]) -> Outcome:
    form: Format = "json" if str(args.get("format", "csv")).lower() == "json" else "csv"
    files = await chairs_export(hw, actor, form)
    attachments = tuple(Attachment(name, CONTENT_TYPES[form], data) for name, data in files.items())
    names = ", ".join(files)
    return Reply(
        message(
            "Chairs' exports",
            f"Submissions (leads, state, slots in UTC, RSVPs, audit log) and mentoring "
            f"(mentors, sessions, bookings, waitlists): {names}.",
        ),
        attachments,
    )


async def show_stats(hw: Hallway, actor: Actor, args: Mapping[str, Any]) -> Outcome:
    return Reply(stats_message(await chairs_statistics(hw, actor)))


def register(router: Router) -> None:
    form = Option("format", "csv or json", "choice", choices=FORMATS)
    router.command(
        Command(
            "social",
            "export",
            "Chairs: the submissions and mentoring as CSV or JSON files.",
            export_files,
            (form,),
        )
    )
    router.command(Command("social", "stats", "Chairs: the statistics.", show_stats))
    router.command(Command("stats", "", "Chairs: the statistics.", show_stats, default=True))
    for verb in ("export", "stats", "balance"):
        router.alias("social", "chairs", verb)
