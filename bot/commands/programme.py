"""/programme (now, next, today, day, mine), /social list, /social rsvp, /social unrsvp and
/social balance (chairs), and the RSVP and Cancel buttons on every listed slot.

`/social` itself (submit), `/social mine` and the chairs' queue live in the socials module;
`programme_mine_section` is what `/social mine` shows below the proposals."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from bot.app import Hallway
from bot.commands.balance_view import balance_message
from bot.commands.programme_view import (
    cancellation_message,
    listing_blocks,
    listing_message,
    receipt_message,
)
from bot.commands.programme_words import LIST_SYNTAX, read_day, read_list_words
from bot.commands.registry import Command, Option, Router
from bot.domain.programme import Selection
from bot.errors import InvalidInput, NotFound
from bot.interaction import Actor, Outcome, Reply
from bot.messages import Block, message, text
from bot.services import programme, rsvps
from bot.services.balance import programme_balance
from bot.services.heatmap import chairs_heatmap

NARROW = f"Narrow it down: {LIST_SYNTAX}"


async def show_now(hw: Hallway, actor: Actor, args: Mapping[str, Any]) -> Outcome:
    listing = await programme.programme_now(hw, actor)
    empty = "Nothing is running right now. /programme next shows what starts soon."
    return Reply(listing_message("Running now", listing, actor.tz, empty, NARROW))


async def show_next(hw: Hallway, actor: Actor, args: Mapping[str, Any]) -> Outcome:
    hours = int(args.get("hours", programme.NEXT_HOURS))
    listing = await programme.programme_next(hw, actor, hours)
    title = f"Starting in the next {hours} hour{'s' if hours != 1 else ''}"
    empty = "Nothing starts in that time. /programme today shows the whole day."
    return Reply(listing_message(title, listing, actor.tz, empty, NARROW))


async def show_today(hw: Hallway, actor: Actor, args: Mapping[str, Any]) -> Outcome:
    return await _show_day(hw, actor, hw.now().astimezone(actor.tz).date())


async def show_day(hw: Hallway, actor: Actor, args: Mapping[str, Any]) -> Outcome:
    word = str(args["day"])
    today = hw.now().astimezone(actor.tz).date()
    day = read_day(word, today=today, days=conference_days(hw))
    if day is None:
        raise InvalidInput.at("day", f"“{word}” is not a day; type YYYY-MM-DD, today or tomorrow.")
    return await _show_day(hw, actor, day)


async def _show_day(hw: Hallway, actor: Actor, day: date) -> Outcome:
    listing = await programme.programme_day(hw, actor, day)
    empty = f"Nothing on the programme on {day:%A %d %B} in your time zone."
    return Reply(listing_message(f"Programme for {day:%A %d %B}", listing, actor.tz, empty, NARROW))


async def show_list(hw: Hallway, actor: Actor, args: Mapping[str, Any]) -> Outcome:
    today = hw.now().astimezone(actor.tz).date()
    selection = read_list_words(
        str(args.get("filters", "")), today=today, days=conference_days(hw), zone=actor.tz
    )
    listing = await programme.browse_programme(hw, actor, selection)
    empty = "No social on the programme matches that." + _asked(selection)
    return Reply(listing_message("Socials" + _asked(selection), listing, actor.tz, empty, NARROW))


async def show_mine(hw: Hallway, actor: Actor, args: Mapping[str, Any]) -> Outcome:
    return Reply(message("My programme", *await programme_mine_section(hw, actor)))


async def programme_mine_section(hw: Hallway, actor: Actor) -> list[Block]:
    """The programme side of "mine": socials I lead and slots I RSVPed to, waitlist places
    included. For `/social mine` to append under the proposals still under review."""
    listing = await programme.my_programme(hw, actor)
    if not listing.entries:
        return [text("On the programme: nothing yet. /social list shows what you can join.")]
    return [text("On the programme:"), *listing_blocks(listing, actor.tz, "")]


async def rsvp(hw: Hallway, actor: Actor, args: Mapping[str, Any]) -> Outcome:
    return Reply(receipt_message(await rsvps.rsvp_slot(hw, actor, int(args["slot"]))))


async def unrsvp(hw: Hallway, actor: Actor, args: Mapping[str, Any]) -> Outcome:
    return Reply(cancellation_message(await rsvps.cancel_rsvp(hw, actor, int(args["slot"]))))


async def show_balance(hw: Hallway, actor: Actor, args: Mapping[str, Any]) -> Outcome:
    """The balance to the chair, and the heatmap of the week posted in the chairs' channel."""
    view = balance_message(await programme_balance(hw, actor))
    return Reply(view, (await chairs_heatmap(hw, actor),))


async def press_rsvp(hw: Hallway, actor: Actor, value: str) -> Outcome:
    return await rsvp(hw, actor, {"slot": _slot_id(value)})


async def press_cancel(hw: Hallway, actor: Actor, value: str) -> Outcome:
    return await unrsvp(hw, actor, {"slot": _slot_id(value)})


def conference_days(hw: Hallway) -> list[date]:
    first, last = hw.event.first_day, hw.event.last_day
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def _slot_id(value: str) -> int:
    if not value.isdigit():
        raise NotFound("That button no longer does anything.")
    return int(value)


def _asked(selection: Selection) -> str:
    parts = [f"{selection.local_day:%A %d %B}"] if selection.local_day else []
    parts.extend(category.label for category in sorted(selection.categories))
    parts.extend(f"#{tag}" for tag in sorted(selection.tags))
    return f" ({', '.join(parts)})" if parts else ""


def register(router: Router) -> None:
    slot = Option("slot", "The slot's number, shown in /social list", "integer", required=True)
    hours = Option("hours", "How many hours ahead (3 unless you say)", "integer")
    day = Option("day", "YYYY-MM-DD, today, tomorrow or a weekday", "text", required=True)
    filters = Option("filters", "A day, categories and #tags, in any order", "rest")
    for command in (
        Command("programme", "now", "What is running right now.", show_now, default=True),
        Command("programme", "next", "What starts in the next hours.", show_next, (hours,)),
        Command("programme", "today", "Today's programme, in your time zone.", show_today),
        Command("programme", "day", "One day's programme, in your time zone.", show_day, (day,)),
        Command("programme", "mine", "The socials you lead and your RSVPs.", show_mine),
        Command("social", "list", f"Browse the programme: {LIST_SYNTAX}.", show_list, (filters,)),
        Command("social", "rsvp", "RSVP to a slot (the waitlist when full).", rsvp, (slot,)),
        Command("social", "unrsvp", "Cancel your RSVP to a slot.", unrsvp, (slot,)),
        Command("social", "balance", "Chairs: the programme's balance.", show_balance),
    ):
        router.command(command)
    router.action("social.rsvp", press_rsvp)
    router.action("social.cancel_rsvp", press_cancel)
