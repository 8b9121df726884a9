"""/programme ics (my calendar file and the links to subscribe) and /programme revoke-link."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.app import Hallway
from bot.commands.registry import Command, Router
from bot.interaction import Actor, Attachment, Outcome, Reply
from bot.messages import Block, Link, Message, Note, line, message, text
from bot.services.calendars import CalendarLinks, my_calendar, renew_calendar_link

ICS_TYPE = "text/calendar"


async def calendar_file(hw: Hallway, actor: Actor, args: Mapping[str, Any]) -> Outcome:
    file, links = await my_calendar(hw, actor)
    attachment = Attachment(file.filename, ICS_TYPE, file.data)
    return Reply(calendar_message(links), (attachment,))


async def revoke_link(hw: Hallway, actor: Actor, args: Mapping[str, Any]) -> Outcome:
    links = await renew_calendar_link(hw, actor)
    return Reply(
        message(
            "New calendar link",
            "Your old link no longer works; calendars subscribed to it stop updating.",
            *_links(links),
        )
    )


def calendar_message(links: CalendarLinks) -> Message:
    return message(
        "Your calendar",
        "The file holds the socials you lead or RSVPed to and the mentoring sessions you hold "
        "or booked, in UTC: your calendar app shows them in your own time.",
        *_links(links),
    )


def _links(links: CalendarLinks) -> list[Block]:
    return [
        text(
            line(
                "Subscribe to stay up to date (edits and cancellations arrive by themselves): "
                "{mine}",
                mine=Link(links.personal, "your calendar"),
            ),
            line("The whole programme: {programme}", programme=Link(links.programme, "programme")),
        ),
        Note(
            (
                line(
                    "Your link is yours alone; /programme revoke-link stops it and makes a new one."
                ),
            )
        ),
    ]


def register(router: Router) -> None:
    router.command(
        Command(
            "programme",
            "ics",
            "Your calendar file, and links to subscribe to it and to the programme.",
            calendar_file,
        )
    )
    router.command(
        Command(
            "programme",
            "revoke-link",
            "Stop your personal calendar link and get a new one.",
            revoke_link,
        )
    )
