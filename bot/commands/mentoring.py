"""/mentor (offer sessions, a profile, "now") and /mentoring (browse, book, mine), with the
buttons and forms they show. Each handler calls one use case and shapes its answer."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.app import Hallway
from bot.commands.mentoring_forms import (
    BOOK_FORM,
    PROFILE_FORM,
    new_session_values,
    profile_values,
    session_form,
    session_values,
)
from bot.commands.mentoring_views import (
    adhoc_started,
    booking_message,
    browse_message,
    cancelled_booking_message,
    mine_message,
    profile_saved,
    session_saved,
)
from bot.commands.registry import Command, Option, Router
from bot.domain.mentoring import Sector
from bot.errors import NotFound
from bot.forms import Raw, parse_form
from bot.interaction import Actor, Outcome, Reply, ShowForm
from bot.messages import When, line, message
from bot.services import mentoring_bookings as bookings
from bot.services import mentoring_browse as browse
from bot.services import mentoring_profiles as profiles
from bot.services import mentoring_sessions as sessions

THEN_SCHEDULE = "then-schedule"

# --- /mentor ---


async def offer(hw: Hallway, actor: Actor, args: Mapping[str, Any]) -> Outcome:
    profile = await profiles.mentor_profile(hw, actor)
    if profile is None:
        # A first-time mentor says who they are, then goes on to the session form.
        return ShowForm(PROFILE_FORM, {}, context=THEN_SCHEDULE)
    return ShowForm(session_form(hw.event), new_session_values(hw.event, profile))


async def edit_profile(hw: Hallway, actor: Actor, args: Mapping[str, Any]) -> Outcome:
    return ShowForm(PROFILE_FORM, profile_values(await profiles.mentor_profile(hw, actor)))


async def now(hw: Hallway, actor: Actor, args: Mapping[str, Any]) -> Outcome:
    first, topic = str(args.get("minutes") or ""), str(args.get("topic") or "")
    minutes = int(first) if first.isdigit() else None
    if first and minutes is None:
        topic = f"{first} {topic}".strip()
    session = await sessions.start_adhoc_session(hw, actor, minutes, topic or None)
    return Reply(adhoc_started(session))


async def edit(hw: Hallway, actor: Actor, args: Mapping[str, Any]) -> Outcome:
    session = await sessions.session_for_edit(hw, actor, int(args["id"]))
    values = session_values(session, actor.tz)
    return ShowForm(session_form(hw.event), values, context=str(session.id))


async def cancel(hw: Hallway, actor: Actor, args: Mapping[str, Any]) -> Outcome:
    session = await sessions.cancel_session(hw, actor, int(args["id"]))
    return Reply(
        message(
            "Session cancelled",
            line(
                "Session {id} on {start} is cancelled; whoever booked is told.",
                id=str(session.id),
                start=When(session.starts_at),
            ),
        )
    )


async def end(hw: Hallway, actor: Actor, args: Mapping[str, Any]) -> Outcome:
    session = await sessions.end_session_early(hw, actor, int(args["id"]))
    return Reply(
        message(
            "Session ended",
            f"Session {session.id} has ended; its room closes in a few minutes. Thank you!",
        )
    )


async def suspend(hw: Hallway, actor: Actor, args: Mapping[str, Any]) -> Outcome:
    result = await profiles.suspend_mentor(hw, actor, str(args["email"]))
    return Reply(
        message(
            "Mentor suspended",
            f"{result.mentor.name} can no longer offer sessions. {result.cancelled} of their "
            "sessions were cancelled and their mentees told.",
        )
    )


async def reinstate(hw: Hallway, actor: Actor, args: Mapping[str, Any]) -> Outcome:
    mentor = await profiles.reinstate_mentor(hw, actor, str(args["email"]))
    return Reply(message("Mentor reinstated", f"{mentor.name} can offer sessions again."))


# --- /mentoring ---


async def find(hw: Hallway, actor: Actor, args: Mapping[str, Any]) -> Outcome:
    wanted = browse.read_browse_words(str(args.get("filter") or ""))
    return Reply(browse_message(await browse.browse_sessions(hw, actor, wanted)))


async def mine(hw: Hallway, actor: Actor, args: Mapping[str, Any]) -> Outcome:
    return Reply(mine_message(await browse.my_mentoring(hw, actor)))


async def book(hw: Hallway, actor: Actor, args: Mapping[str, Any]) -> Outcome:
    note = str(args.get("note") or "")
    return Reply(booking_message(await bookings.book_session(hw, actor, int(args["id"]), note)))


async def join(hw: Hallway, actor: Actor, args: Mapping[str, Any]) -> Outcome:
    return Reply(booking_message(await bookings.join_session(hw, actor, int(args["id"]))))


async def give_back(hw: Hallway, actor: Actor, args: Mapping[str, Any]) -> Outcome:
    result = await bookings.cancel_booking(hw, actor, int(args["id"]))
    return Reply(cancelled_booking_message(result))


# --- forms ---


async def profile_submitted(
    hw: Hallway, actor: Actor, raw: Mapping[str, Raw], context: str
) -> Outcome:
    values = parse_form(PROFILE_FORM, raw, actor.tz)
    draft = profiles.ProfileDraft(
        values["affiliation"], Sector(values["sector"]), values["topics"], values["bio"]
    )
    profile = await profiles.save_mentor_profile(hw, actor, draft)
    if context == THEN_SCHEDULE:
        return ShowForm(session_form(hw.event), new_session_values(hw.event, profile))
    return Reply(profile_saved(profile))


async def session_submitted(
    hw: Hallway, actor: Actor, raw: Mapping[str, Raw], context: str
) -> Outcome:
    values = parse_form(session_form(hw.event), raw, actor.tz)
    draft = sessions.SessionDraft(
        start=values["start"],
        capacity=values["capacity"],
        topics=values["topics"],
        minutes=values["minutes"],
        format_note=values["format_note"] or "",
        video_url=values["video_url"],
    )
    if context:
        edited = await sessions.edit_session(hw, actor, _id(context), draft)
        return Reply(session_saved(edited, edited=True))
    return Reply(session_saved(await sessions.schedule_session(hw, actor, draft), edited=False))


async def book_submitted(
    hw: Hallway, actor: Actor, raw: Mapping[str, Raw], context: str
) -> Outcome:
    values = parse_form(BOOK_FORM, raw, actor.tz)
    outcome = await bookings.book_session(hw, actor, _id(context), values["note"])
    return Reply(booking_message(outcome))


def _id(value: str) -> int:
    if not value.strip().isdigit():
        raise NotFound("That button no longer does anything.")
    return int(value)


def register(router: Router) -> None:
    session_id = Option("id", "The session's number", "integer", required=True)
    email = Option("email", "The mentor's e-mail", "text", required=True)
    for command in (
        Command("mentor", "schedule", "Offer a mentoring session (a form).", offer, default=True),
        Command(
            "mentor", "profile", "Your mentor profile: affiliation, topics, bio.", edit_profile
        ),
        Command(
            "mentor",
            "now",
            "Mentor right now, during the conference (default 30 minutes).",
            now,
            (
                Option("minutes", "Minutes, 15 to 120 (default 30)"),
                Option("topic", "What about", "rest"),
            ),
        ),
        Command("mentor", "edit", "Change a session you offer.", edit, (session_id,)),
        Command("mentor", "cancel", "Cancel a session (mentees are told).", cancel, (session_id,)),
        Command("mentor", "end", "End a running session early.", end, (session_id,)),
        Command("mentor", "suspend", "Chairs: suspend a mentor.", suspend, (email,)),
        Command("mentor", "reinstate", "Chairs: lift a suspension.", reinstate, (email,)),
        Command(
            "mentoring",
            "browse",
            "Find a session: now, next [HOURS], free or YYYY-MM-DD, then topic words.",
            find,
            (Option("filter", "now | next HOURS | free | YYYY-MM-DD, then topics", "rest"),),
            default=True,
        ),
        Command("mentoring", "mine", "Your bookings, and the sessions you mentor.", mine),
        Command(
            "mentoring",
            "book",
            "Book a seat, with an optional note for the mentor.",
            book,
            (session_id, Option("note", "What you would like to discuss", "rest")),
        ),
        Command(
            "mentoring",
            "join",
            "Join a session now (first come, first served).",
            join,
            (session_id,),
        ),
        Command(
            "mentoring",
            "cancel",
            "Give back your seat or waitlist place.",
            give_back,
            (session_id,),
        ),
    ):
        router.command(command)
    _register_buttons(router)
    router.form(PROFILE_FORM, profile_submitted)
    router.form(session_form(), session_submitted, for_event=session_form)
    router.form(BOOK_FORM, book_submitted)


def _register_buttons(router: Router) -> None:
    async def book_pressed(hw: Hallway, actor: Actor, value: str) -> Outcome:
        # Refused before the form, not after someone unregistered has typed their note.
        actor.registered(hw.event.name)
        return ShowForm(BOOK_FORM, {}, context=str(_id(value)))

    async def join_pressed(hw: Hallway, actor: Actor, value: str) -> Outcome:
        return await join(hw, actor, {"id": _id(value)})

    async def cancel_pressed(hw: Hallway, actor: Actor, value: str) -> Outcome:
        return await give_back(hw, actor, {"id": _id(value)})

    async def edit_pressed(hw: Hallway, actor: Actor, value: str) -> Outcome:
        return await edit(hw, actor, {"id": _id(value)})

    async def end_pressed(hw: Hallway, actor: Actor, value: str) -> Outcome:
        return await end(hw, actor, {"id": _id(value)})

    router.action("mentoring.book", book_pressed)
    router.action("mentoring.join", join_pressed)
    router.action("mentoring.cancel_booking", cancel_pressed)
    router.action("mentor.edit", edit_pressed)
    router.action("mentor.end", end_pressed)
