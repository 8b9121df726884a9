"""The code of conduct as Hallway states it, and the buttons other features attach to reach it.

Socials' co-lead confirmation (and any room or session message) can add `policy_button()` and
`report_button(...)`; the `/conduct` command module answers both actions.
"""

from __future__ import annotations

from bot.messages import Actions, Button, Message, Strong, line, message, text

POLICY_ACTION = "conduct.policy"
REPORT_ACTION = "conduct.report"
HANDLE_ACTION = "conduct.handle"
SHOW_ACTION = "conduct.show"


def policy_button(label: str = "Code of conduct") -> Button:
    """A button that shows the code-of-conduct statement to whoever presses it."""
    return Button(label, POLICY_ACTION)


def report_button(about_kind: str = "general", about: str = "") -> Button:
    """A button that opens the report form, already saying what it is about (e.g.
    `report_button("social", "Book club")` under a social's room message). The value carries
    no id of the person who will press it."""
    value = f"{about_kind}:{about}" if about else about_kind
    return Button("Report to the conduct team", REPORT_ACTION, value)


def policy_message(event_name: str) -> Message:
    return message(
        "Code of conduct",
        line(
            "Socials and mentoring sessions are part of {event}. Everyone in them — leads, "
            "mentors and guests alike — is subject to the conference's code of conduct.",
            event=Strong(event_name),
        ),
        text(
            "Leads moderate their socials and mentors their sessions: they keep the "
            "conversation respectful and welcoming, and step in when it is not. Where the "
            "platform allows, they have moderator rights in the room (on Discord: manage "
            "messages, mute and move members). A lead who has to act tells the conduct team."
        ),
        text(
            "To reach the code-of-conduct team, type /conduct (in any channel or room where "
            "Hallway answers) or press the button below. Say what happened and where. You may "
            "stay anonymous: Hallway then keeps no record of who you are. You get a receipt at "
            "once; the team reads reports in its private channel."
        ),
        Actions((report_button(),)),
    )
