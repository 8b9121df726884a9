"""Direct messages about a proposal: asking a co-lead, telling of a decline, a chairs'
suggestion, a combination, the released decision; and the chairs' reminder."""

from __future__ import annotations

from datetime import datetime

from bot.domain.socials import Decision, Social, Suggestion
from bot.messages import Actions, Button, Line, Message, Strong, When, line, message, text
from bot.timerules import Interval
from bot.views.socials import (
    People,
    consent_buttons,
    leads_line,
    name_of,
    slot_lines,
    span_line,
    suggestion_buttons,
)


def colead_ask(social: Social, people: People, asked_by: int, event_name: str) -> Message:
    return message(
        "You are named as co-lead of a social",
        line(
            "{who} proposes a virtual social at {event} and names you as co-lead: {title}.",
            who=name_of(people, asked_by),
            event=event_name,
            title=Strong(social.title),
        ),
        text(*_details(social, people)),
        "Leads organise the session, moderate it and keep it to the code of conduct. Nobody "
        "is named as a lead without agreeing: confirm if you will co-lead it.",
        Actions(consent_buttons(social)),
    )


def colead_declined(social: Social, people: People, decliner: int) -> Message:
    return message(
        "A co-lead declined",
        line(
            "{who} will not co-lead {title}. Name someone else with /social edit {id}: the "
            "proposal waits for a co-lead until then.",
            who=name_of(people, decliner),
            title=Strong(social.title),
            id=str(social.id),
        ),
        Actions((Button("Edit the proposal", "social.edit", str(social.id), "primary"),)),
    )


def lead_removed(social: Social, people: People, editor: int) -> Message:
    return message(
        "You are no longer a lead",
        line(
            "{who} edited {title} and no longer names you as a lead.",
            who=name_of(people, editor),
            title=Strong(social.title),
        ),
    )


def withdrawn(social: Social, people: People, by: int) -> Message:
    return message(
        "Social withdrawn",
        line(
            "{who} withdrew {title}; it will not be reviewed.",
            who=name_of(people, by),
            title=Strong(social.title),
        ),
    )


def suggestion_asked(social: Social, suggestion: Suggestion) -> Message:
    lines: list[Line] = [
        line("The social chairs suggest a change to {title}.", title=Strong(social.title))
    ]
    if suggestion.starts:
        lines.append(("New times (each in your own time zone):",))
        lines.extend(_spans(suggestion.starts, social.duration_minutes))
    if suggestion.message:
        lines.append(line("Their message: “{message}”", message=suggestion.message))
    return message(
        "The chairs suggest a change",
        text(*lines),
        "Any one lead answers for all; the proposal goes back to the chairs either way.",
        Actions(suggestion_buttons(social.id, suggestion.id)),
    )


def suggestion_answered(social: Social, people: People, accepted: bool, by: int) -> Message:
    verb = "accepted" if accepted else "declined"
    return message(
        f"Suggestion {verb}",
        line(
            "{who} {verb} the chairs' suggestion for {title}. It is back with the chairs.",
            who=name_of(people, by),
            verb=verb,
            title=Strong(social.title),
        ),
        *slot_lines(social),
    )


def combination_asked(social: Social, people: People, titles: tuple[str, str]) -> Message:
    return message(
        "The chairs propose combining two socials",
        line(
            "The social chairs propose to combine {first} with {second} into one social, "
            "{title}. All leads of both are kept, and each is asked to accept:",
            first=Strong(titles[0]),
            second=Strong(titles[1]),
            title=Strong(social.title),
        ),
        text(*_details(social, people)),
        "If anyone declines, the combination is called off and both proposals return as they were.",
        Actions(consent_buttons(social)),
    )


def combination_called_off(title: str, other_title: str, decliner: str) -> Message:
    return message(
        "Combination called off",
        line(
            "{who} declined to combine {title} with {other}; both proposals are back as they "
            "were, in the chairs' queue.",
            who=decliner,
            title=Strong(title),
            other=Strong(other_title),
        ),
    )


def decision(social: Social, decided: Decision, event_name: str) -> Message:
    """The one message each lead gets when the chairs release their decision."""
    title = Strong(social.title)
    if decided == Decision.ACCEPTED:
        opening = line(
            "Good news: {title} is accepted for {event}. It runs at these times, shown in "
            "your own time zone:",
            title=title,
            event=event_name,
        )
        return message(
            "Your social is accepted",
            text(opening, *slot_lines(social)),
            *_chairs_message(social),
            line(
                "Video: {video}", video=social.video_url or "Hallway opens a room before each slot."
            ),
        )
    opening = line(
        "The social chairs of {event} could not accept {title} this time.",
        event=event_name,
        title=title,
    )
    return message("About your social proposal", opening, *_chairs_message(social))


def chairs_reminder(undecided: int, held: int, notification_day: str, ends: datetime) -> Message:
    held_text = f" {held} decided proposal(s) are not released yet." if held else ""
    return message(
        "Proposals still undecided",
        line(
            "It is now {day} — the notification date — somewhere on Earth, and {count} "
            "proposal(s) are still undecided.{held}",
            day=notification_day,
            count=str(undecided),
            held=held_text,
        ),
        line(
            "Decide them with /social chairs, then release with /social chairs release "
            "before the date ends everywhere ({ends}).",
            ends=When(ends, "full"),
        ),
    )


def _chairs_message(social: Social) -> list[Line]:
    if not social.chairs_message:
        return []
    return [line("From the chairs: “{message}”", message=social.chairs_message)]


def _details(social: Social, people: People) -> list[Line]:
    return [leads_line(social, people), *slot_lines(social)]


def _spans(starts: list[datetime], minutes: int) -> list[Line]:
    return [span_line(Interval.lasting(start, minutes)) for start in starts]
