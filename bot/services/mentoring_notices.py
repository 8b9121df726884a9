"""What mentoring tells people who did not just act: the ad-hoc announcement in the mentoring
channel, a seat freed for someone waiting, a session cancelled by a chair."""

from __future__ import annotations

from bot.domain.mentoring import MentoringSession
from bot.messages import Actions, Button, Line, Link, Message, Strong, When, line, message
from bot.ports import Listing


def session_line(listing: Listing) -> Line:
    """ "Session 42 · Alan Turing (Cambridge) · Mon 19 Jul, 15:00 – 15:45"."""
    session = listing.session
    return line(
        "Session {id} · {mentor}{affiliation} · {start} – {end}",
        id=str(session.id),
        mentor=Strong(listing.mentor_name),
        affiliation=f" ({listing.affiliation})" if listing.affiliation else "",
        start=When(session.starts_at, "short"),
        end=When(session.finishes_at, "time"),
    )


def topics_line(session: MentoringSession) -> Line:
    topics = ", ".join(session.topics) or "anything you would like to ask"
    return line("Topics: {topics}", topics=topics)


def seats_line(listing: Listing) -> Line:
    session = listing.session
    if listing.free:
        seats = "seat" if session.capacity == 1 else "seats"
        return line(
            "{free} of {capacity} {seats} free",
            free=str(listing.free),
            capacity=str(session.capacity),
            seats=seats,
        )
    waiting = f", {listing.waitlisted} waiting" if listing.waitlisted else ""
    return line("Full{waiting}", waiting=waiting)


def video_line(session: MentoringSession) -> Line:
    return line("Video: {link}", link=Link(session.video_url))


def what(listing: Listing) -> Line:
    """How change notices name the session."""
    return ("Your mentoring session with ", Strong(listing.mentor_name))


def announcement(listing: Listing) -> Message:
    """The ad-hoc session in the mentoring channel; revised as it fills up and when it ends."""
    session = listing.session
    title = f"Mentoring now with {listing.mentor_name}"
    if not session.is_live():
        ended = "ended" if session.ended_at else "was cancelled"
        return message(title, line("This session {ended}. Thank you for coming!", ended=ended))
    label = "Join" if listing.free else "Join the waitlist"
    return message(
        title,
        session_line(listing),
        topics_line(session),
        seats_line(listing),
        Actions((Button(label, "mentoring.join", str(session.id), "primary"),)),
    )


def promoted_notice(listing: Listing) -> Message:
    return message(
        "You have a seat",
        line(
            "A seat freed up in {mentor}'s mentoring session, and it is yours.",
            mentor=Strong(listing.mentor_name),
        ),
        session_line(listing),
        video_line(listing.session),
        "If you cannot come after all, cancel with /mentoring mine so the next person gets it.",
    )


def cancelled_for_mentor(listing: Listing) -> Message:
    return message(
        "Your session was cancelled",
        line(
            "A chair of the event cancelled your mentoring session {id}.",
            id=str(listing.session.id),
        ),
        session_line(listing),
        "Your mentees have been told. Ask the chairs if you do not know why.",
    )
