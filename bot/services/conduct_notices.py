"""What the conduct team and reporters read. The report's own words are plain text parts,
passed on exactly as written: each platform escapes them when it renders."""

from __future__ import annotations

from bot.conduct_policy import HANDLE_ACTION, SHOW_ACTION
from bot.domain.conduct import ConductReport
from bot.domain.participants import Participant
from bot.messages import (
    Actions,
    Block,
    Button,
    Line,
    Message,
    Note,
    Person,
    Strong,
    When,
    line,
    message,
)

EXCERPT = 280


def about_line(report: ConductReport) -> Line:
    return line("About: {about}", about=about_text(report))


def about_text(report: ConductReport) -> str:
    label = report.about_kind.label
    return f"{label} — {report.about}" if report.about else label


def filed_by(report: ConductReport, reporter: Participant | None) -> Line:
    if reporter is not None:
        return line(
            "Filed by {person} ({email}) on {when}.",
            person=Person(reporter.id, reporter.name),
            email=reporter.email,
            when=When(report.created_at, "full"),
        )
    if report.anonymous:
        return line("Filed anonymously on {when}.", when=When(report.created_at, "full"))
    return line("Filed on {when} by someone no longer registered.", when=When(report.created_at))


def team_notice(
    report: ConductReport, reporter: Participant | None, handler: Participant | None = None
) -> Message:
    """The card in the conduct team's private channel; revised in place once handled."""
    blocks: list[Block | Line] = [about_line(report), filed_by(report, reporter)]
    blocks.append((report.description,))
    if report.is_open:
        blocks.append(Note((_reply_hint(report),)))
        blocks.append(Actions((Button("Mark handled", HANDLE_ACTION, str(report.id), "primary"),)))
    else:
        blocks.append(Note((handled_line(report, handler),)))
    return message(f"Code-of-conduct report #{report.id}", *blocks)


def _reply_hint(report: ConductReport) -> Line:
    if report.anonymous:
        return ("Anonymous: Hallway keeps no record of who filed this, so nobody can reply.",)
    return ("Contact the reporter directly if you need to; they have a copy of this report.",)


def receipt(event_name: str, report: ConductReport, *, copy: bool) -> Message:
    """The reporter's receipt: the immediate reply, and (named reports only) a direct message."""
    title = "Your code-of-conduct report" if copy else "Report received"
    follow_up = (
        "You filed it anonymously: Hallway has not recorded who you are, so the team cannot "
        "reply to you. Note the number if you want to refer to this report later."
        if report.anonymous
        else "The team may contact you about it. A copy of this receipt comes to you as a "
        "direct message, so you keep a record."
    )
    return message(
        title,
        line(
            "The code-of-conduct team of {event} has your report {number}, sent on {when}.",
            event=Strong(event_name),
            number=Strong(f"#{report.id}"),
            when=When(report.created_at, "full"),
        ),
        about_line(report),
        (report.description,),
        Note(((follow_up,),)) if not copy else Note((("Keep this message as your record.",),)),
    )


def report_listing(
    report: ConductReport, reporter: Participant | None, handler: Participant | None
) -> tuple[tuple[Line, ...], tuple[Button, ...]]:
    """One report in the team's list: an excerpt, its state, and what can be done."""
    lines: list[Line] = [
        line("{number} · {about}", number=Strong(f"#{report.id}"), about=about_text(report)),
        filed_by(report, reporter),
        (_excerpt(report.description),),
    ]
    buttons = [Button("Show", SHOW_ACTION, str(report.id))]
    if report.is_open:
        buttons.append(Button("Mark handled", HANDLE_ACTION, str(report.id), "primary"))
    else:
        lines.append(handled_line(report, handler))
    return tuple(lines), tuple(buttons)


def handled_line(report: ConductReport, handler: Participant | None) -> Line:
    assert report.handled_at is not None
    return line(
        "Handled by {who} on {when}: {note}",
        who=handler.name if handler else "a former team member",
        when=When(report.handled_at, "date"),
        note=report.handling_note or "",
    )


def _excerpt(description: str) -> str:
    flat = " ".join(description.split())
    return flat if len(flat) <= EXCERPT else flat[: EXCERPT - 1] + "…"
