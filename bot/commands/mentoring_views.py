"""How mentoring answers look: lists of sessions with their buttons, bookings, "mine"."""

from __future__ import annotations

from bot.domain.mentoring import BookingState, MentoringSession, MentorProfile
from bot.messages import Button, Item, Line, Link, Message, Note, Strong, When, line, message, text
from bot.ports import Listing
from bot.services.mentoring_bookings import BookingOutcome, CancelledBooking
from bot.services.mentoring_browse import Browse, Card, Hosted, Mine
from bot.services.mentoring_notices import seats_line, session_line, topics_line, video_line


def browse_message(found: Browse) -> Message:
    if not found.cards:
        return message("No sessions found", _no_match(found), _try())
    items = [session_item(card) for card in found.cards]
    shown = len(found.cards)
    more = (
        f"Showing {shown} of {found.total}; add a topic, a day or “free” to narrow."
        if (found.total > shown)
        else f"{found.total} session{'s' if found.total != 1 else ''}."
    )
    return message(_browse_title(found), *items, Note(((more,),)))


def session_item(card: Card) -> Item:
    listing, session = card.listing, card.listing.session
    lines: list[Line] = [session_line(listing), topics_line(session), seats_line(listing)]
    if session.format_note:
        lines.append(line("Format: {note}", note=session.format_note))
    if card.mine == BookingState.BOOKED:
        lines.extend((line("{you}", you=Strong("You have a seat.")), video_line(session)))
    elif card.mine == BookingState.WAITLISTED:
        lines.append(line("You are number {n} on the waitlist.", n=str(card.position)))
    return Item(tuple(lines), _buttons(card))


def booking_message(outcome: BookingOutcome) -> Message:
    listing = outcome.listing
    if outcome.booking.state == BookingState.BOOKED:
        head = message(
            "Booked",
            line("You have a seat with {mentor}.", mentor=Strong(listing.mentor_name)),
            session_line(listing),
            video_line(listing.session),
        )
    else:
        head = message(
            "On the waitlist",
            line(
                "Session {id} is full; you are number {n} on its waitlist. If a seat frees up it "
                "is yours, and you get a message.",
                id=str(listing.session.id),
                n=str(outcome.position),
            ),
            session_line(listing),
        )
    warnings = [_overlap_line(other) for other in outcome.overlaps]
    return Message(head.title, (*head.blocks, *([Note(tuple(warnings))] if warnings else [])))


def cancelled_booking_message(result: CancelledBooking) -> Message:
    moved = (
        f" {result.promoted} person from the waitlist has your seat now."
        if result.promoted == 1
        else ""
    )
    return message(
        "Booking cancelled",
        line(
            "You gave back your place in session {id}.{moved}",
            id=str(result.listing.session.id),
            moved=moved,
        ),
        session_line(result.listing),
    )


def mine_message(mine: Mine) -> Message:
    blocks: list[Item | Note | Line | str] = []
    if mine.places:
        blocks.append(line("{head}", head=Strong("Your bookings")))
        blocks.extend(session_item(card) for card in mine.places)
    if mine.hosting:
        blocks.append(line("{head}", head=Strong("Sessions you mentor")))
        blocks.extend(_hosted_item(hosted) for hosted in mine.hosting)
    if mine.profile is not None and mine.profile.suspended:
        blocks.append("Your mentor profile is suspended by the chairs.")
    if not blocks:
        blocks = ["Nothing booked yet. Browse with /mentoring, or offer a session with /mentor."]
    return message("Your mentoring", *blocks)


def session_saved(session: MentoringSession, *, edited: bool) -> Message:
    what = "Session changed" if edited else "Session offered"
    told = " Mentees who booked get a message if the time changed." if edited else ""
    return message(
        what,
        line(
            "Session {id}: {start} – {end}, {seats} seat{s}.{told}",
            id=str(session.id),
            start=When(session.starts_at),
            end=When(session.finishes_at, "time"),
            seats=str(session.capacity),
            s="s" if session.capacity != 1 else "",
            told=told,
        ),
        topics_line(session),
        video_line(session),
        text(f"Edit it with /mentor edit {session.id}; cancel with /mentor cancel {session.id}."),
    )


def adhoc_started(session: MentoringSession) -> Message:
    return message(
        "You are mentoring now",
        line(
            "Session {id} runs until {end}, with {seats} seats, first come first served. It is "
            "announced in the mentoring channel and its room is opening.",
            id=str(session.id),
            end=When(session.finishes_at, "time"),
            seats=str(session.capacity),
        ),
        video_line(session),
        text(f"End it early with /mentor end {session.id}."),
    )


def profile_saved(profile: MentorProfile) -> Message:
    return message(
        "Mentor profile saved",
        line(
            "{affiliation} · {sector}", affiliation=profile.affiliation, sector=profile.sector.value
        ),
        line("Topics: {topics}", topics=", ".join(profile.topics) or "none yet"),
        text("Offer a session with /mentor, or one right now with /mentor now."),
    )


def _hosted_item(hosted: Hosted) -> Item:
    listing = hosted.listing
    lines: list[Line] = [session_line(listing), topics_line(listing.session), seats_line(listing)]
    for booking, person in hosted.people:
        waiting = " (waitlist)" if booking.state == BookingState.WAITLISTED else ""
        note = f": “{booking.note}”" if booking.note else ""
        lines.append(line("– {name}{waiting}{note}", name=person.name, waiting=waiting, note=note))
    if not hosted.people:
        lines.append(("Nobody has booked yet.",))
    lines.append(line("Video: {link}", link=Link(listing.session.video_url)))
    ident = str(listing.session.id)
    if hosted.started:
        return Item(tuple(lines), (Button("End now", "mentor.end", ident, "danger"),))
    return Item(tuple(lines), (Button("Edit", "mentor.edit", ident),))


def _buttons(card: Card) -> tuple[Button, ...]:
    session_id = str(card.listing.session.id)
    if card.own:
        return ()
    if card.mine is not None:
        return (Button("Cancel booking", "mentoring.cancel_booking", session_id, "danger"),)
    if card.listing.session.adhoc:
        return (Button("Join", "mentoring.join", session_id, "primary"),)
    label = "Book" if card.listing.free else "Join the waitlist"
    return (Button(label, "mentoring.book", session_id, "primary"),)


def _overlap_line(other: Listing) -> Line:
    return line(
        "Heads up: this overlaps session {id} with {mentor} at {start}.",
        id=str(other.session.id),
        mentor=other.mentor_name,
        start=When(other.session.starts_at, "short"),
    )


def _browse_title(found: Browse) -> str:
    wanted = found.wanted
    parts = ["Mentoring sessions"]
    if wanted.when == "now":
        parts.append("now")
    elif wanted.when == "next":
        parts.append(f"in the next {wanted.hours} hours")
    elif wanted.day is not None:
        parts.append(f"on {wanted.day:%A %d %B}")
    if wanted.topic:
        parts.append(f"on “{wanted.topic}”")
    if wanted.free:
        parts.append("with free seats")
    return " ".join(parts)


def _no_match(found: Browse) -> str:
    return f"No {_browse_title(found)[0].lower()}{_browse_title(found)[1:]} yet."


def _try() -> str:
    return (
        "Try other words, or: /mentoring now · /mentoring next 6 · /mentoring free · "
        "/mentoring YYYY-MM-DD"
    )
