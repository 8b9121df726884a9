"""How programme listings, RSVP receipts and cancellations read, on every platform."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import tzinfo

from bot.domain.programme import ListedSlot, Listing, Place, Standing, by_local_day
from bot.messages import (
    Block,
    Button,
    Inline,
    Item,
    Line,
    Message,
    Note,
    Person,
    Strong,
    When,
    line,
    message,
    text,
)
from bot.services.rsvps import Cancellation, RsvpReceipt, RsvpStatus

# A chat message stays readable (and within Slack's 50 blocks) with this many entries.
SHOWN = 20


def listing_blocks(listing: Listing, zone: tzinfo, narrow_hint: str) -> list[Block]:
    """Entries under the reader's dates; past `SHOWN`, a note says how to narrow the list."""
    shown = listing.entries[:SHOWN]
    blocks: list[Block] = []
    for day in by_local_day(shown, zone):
        blocks.append(text(line("{day}", day=Strong(f"{day.day:%A %d %B}"))))
        blocks.extend(entry_item(entry, listing.place(entry)) for entry in day.entries)
    if len(listing.entries) > SHOWN:
        more = f"Showing the first {SHOWN} of {len(listing.entries)}. {narrow_hint}"
        blocks.append(Note((line(more),)))
    return blocks


def listing_message(title: str, listing: Listing, zone: tzinfo, empty: str, hint: str) -> Message:
    if not listing.entries:
        return message(title, empty)
    return message(title, *listing_blocks(listing, zone, hint))


def entry_item(entry: ListedSlot, place: Place | None) -> Item:
    lines = [
        _heading(entry),
        line(
            "{start} – {end}",
            start=When(entry.span.start, "short"),
            end=When(entry.span.end, "time"),
        ),
    ]
    if entry.leads:
        lines.append(_led_by(entry))
    lines.append(line("{figures}", figures=_figures(entry)))
    if place is not None:
        lines.append(line("{standing}", standing=Strong(standing(place))))
    return Item(tuple(lines), _buttons(entry, place))


def standing(place: Place) -> str:
    if place.standing == Standing.LEAD:
        return "You lead this social."
    if place.standing == Standing.GOING:
        return "You are going."
    return f"You are number {place.position} on the waitlist."


def receipt_message(receipt: RsvpReceipt) -> Message:
    entry = receipt.slot
    when = (When(entry.span.start, "short"), " – ", When(entry.span.end, "time"))
    if receipt.status == RsvpStatus.LEADING:
        return message(
            "No RSVP needed",
            (*line("You lead {title}, so your place is kept: ", title=Strong(entry.title)), *when),
        )
    if receipt.status == RsvpStatus.GOING:
        head = message("You are going", (*line("{title}, ", title=Strong(entry.title)), *when))
    else:
        head = message(
            "You are on the waitlist",
            (*line("{title}, ", title=Strong(entry.title)), *when),
            line(
                "It is full ({capacity}). You are number {position} on the waitlist; "
                "you will get a message if a place opens up.",
                capacity=f"{entry.capacity} place{'' if entry.capacity == 1 else 's'}",
                position=str(receipt.position),
            ),
        )
    blocks: list[Block | Line | str] = list(head.blocks)
    if receipt.clashes:
        blocks.append(_clash_note(receipt.clashes))
    cancel = Button("Cancel RSVP", "social.cancel_rsvp", str(entry.slot_id), "danger")
    blocks.append(Item((line("Changed your mind?"),), (cancel,)))
    return message(head.title, *blocks)


def cancellation_message(cancelled: Cancellation) -> Message:
    entry = cancelled.slot
    what = "waitlist place" if cancelled.was_waiting else "RSVP"
    parts: list[Block | Line | str] = [
        (
            *line(f"Your {what} for {{title}}, ", title=Strong(entry.title)),
            When(entry.span.start, "short"),
            " is cancelled.",
        )
    ]
    if cancelled.promoted:
        parts.append("The first person on the waitlist has your place and has been told.")
    again = Button("RSVP again", "social.rsvp", str(entry.slot_id))
    parts.append(Item((line("Changed your mind again?"),), (again,)))
    return message("RSVP cancelled", *parts)


def _heading(entry: ListedSlot) -> Line:
    parts: list[Inline] = [Strong(entry.title), f" · {entry.category.label}"]
    if entry.tags:
        parts.append(" · " + " ".join(f"#{tag.lstrip('#')}" for tag in entry.tags))
    return tuple(parts)


def _led_by(entry: ListedSlot) -> Line:
    parts: list[Inline] = ["Led by "]
    for index, lead in enumerate(entry.leads):
        if index:
            parts.append(" and " if index == len(entry.leads) - 1 else ", ")
        parts.append(Person(lead.participant_id, lead.name))
    return tuple(parts)


def _figures(entry: ListedSlot) -> str:
    going = f"{entry.going} going of {entry.capacity}" if entry.capacity else f"{entry.going} going"
    full = " · full" if entry.is_full else ""
    waiting = f", {entry.waiting} waiting" if entry.waiting else ""
    return f"Slot {entry.slot_id} · {going}{full}{waiting}"


def _buttons(entry: ListedSlot, place: Place | None) -> tuple[Button, ...]:
    if place is None:
        label = "Join the waitlist" if entry.is_full else "RSVP"
        return (Button(label, "social.rsvp", str(entry.slot_id), "primary"),)
    if place.standing == Standing.LEAD:
        return ()
    return (Button("Cancel RSVP", "social.cancel_rsvp", str(entry.slot_id), "danger"),)


def _clash_note(clashes: Sequence[ListedSlot]) -> Note:
    lines = [
        line(
            "Heads up: this overlaps {title} ({start}), which you also RSVPed to.",
            title=Strong(other.title),
            start=When(other.span.start, "short"),
        )
        for other in clashes
    ]
    return Note(tuple(lines))
