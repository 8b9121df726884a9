"""/help, /whoami, /timezone and /verify: who I am here and how to get in."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.app import Hallway
from bot.commands.registry import Command, Option, Router
from bot.interaction import Actor, Outcome, Reply
from bot.messages import Strong, When, line, message, text
from bot.services import identity


async def whoami(hw: Hallway, actor: Actor, args: Mapping[str, Any]) -> Outcome:
    person = actor.participant
    if person is None:
        return Reply(
            message(
                "You are not linked to a registration",
                line(
                    "This {platform} account is not linked to a registration of {event}.",
                    platform=actor.platform,
                    event=Strong(hw.event.name),
                ),
                "You can browse the programme. To submit, lead, book or mentor, link your "
                "account with /verify (your e-mail and registration id) or ask the organisers.",
            )
        )
    roles = ", ".join(sorted(role.value for role in person.roles)) or "participant"
    zone = actor.zone.key if actor.zone else "not set (times are read as UTC; see /timezone)"
    return Reply(
        message(
            f"You are {person.name}",
            line(
                "Registered for {event} as {email}.",
                event=Strong(hw.event.name),
                email=person.email,
            ),
            line("Roles: {roles}.", roles=roles),
            line("Time zone: {zone}. Now it is {now}.", zone=zone, now=When(hw.now(), "full")),
        )
    )


async def set_timezone(hw: Hallway, actor: Actor, args: Mapping[str, Any]) -> Outcome:
    zone = await identity.set_timezone(hw, actor, str(args["zone"]))
    return Reply(
        message(
            "Time zone saved",
            line(
                "Times you type are now read in {zone}. It is {now} there.",
                zone=Strong(zone.key),
                now=When(hw.now(), "time"),
            ),
        )
    )


async def verify(hw: Hallway, actor: Actor, args: Mapping[str, Any]) -> Outcome:
    person = await identity.verify(hw, actor, str(args["email"]), str(args["registration_id"]))
    return Reply(
        message(
            "Account linked",
            line(
                "Welcome, {name}: this account now speaks for your registration of {event}.",
                name=person.name,
                event=Strong(hw.event.name),
            ),
            text("Type /help to see what you can do."),
        )
    )


def register(router: Router) -> None:
    async def show_help(hw: Hallway, actor: Actor, args: Mapping[str, Any]) -> Outcome:
        return Reply(router.help(str(args.get("command", "")).lstrip("/")))

    router.command(
        Command(
            "help",
            "",
            "What you can do here.",
            show_help,
            (Option("command", "A command to explain, e.g. social"),),
            default=True,
        )
    )
    router.command(Command("whoami", "", "Who Hallway thinks you are.", whoami, default=True))
    router.command(
        Command(
            "timezone",
            "",
            "Set the time zone you read and type times in (e.g. Asia/Tokyo).",
            set_timezone,
            (Option("zone", "An IANA time zone such as Europe/Paris", "text", required=True),),
            default=True,
        )
    )
    router.command(
        Command(
            "verify",
            "",
            "Link this account to your registration with its e-mail and registration id.",
            verify,
            (
                Option("email", "The e-mail you registered with", "text", required=True),
                Option("registration_id", "Your registration id", "text", required=True),
            ),
            default=True,
        )
    )
