"""/conduct: report to the code-of-conduct team; the team lists and handles reports."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.app import Hallway
from bot.commands.conduct_forms import HANDLE_FORM, REPORT_FORM
from bot.commands.registry import Command, Option, Router
from bot.conduct_policy import (
    HANDLE_ACTION,
    POLICY_ACTION,
    REPORT_ACTION,
    SHOW_ACTION,
    policy_message,
)
from bot.domain.conduct import AboutKind, ConductDraft
from bot.errors import NotFound
from bot.forms import Raw, parse_form
from bot.interaction import Actor, Outcome, Reply, ShowForm
from bot.messages import Item, Message, line, message
from bot.services import conduct
from bot.services.conduct_notices import receipt, report_listing, team_notice


async def open_report_form(hw: Hallway, actor: Actor, args: Mapping[str, Any]) -> Outcome:
    return _report_form(actor, AboutKind.GENERAL.value, "")


async def press_report(hw: Hallway, actor: Actor, value: str) -> Outcome:
    """From a button under a social or a session: the form says what it is about already."""
    kind, _, about = value.partition(":")
    return _report_form(actor, kind if kind in set(AboutKind) else AboutKind.GENERAL.value, about)


def _report_form(actor: Actor, kind: str, about: str) -> ShowForm:
    values: dict[str, Raw] = {"about_kind": kind, "about": about}
    if actor.participant is None:
        values["anonymous"] = "yes"  # an unlinked account can only report anonymously
    return ShowForm(REPORT_FORM, values)


async def submit_report(hw: Hallway, actor: Actor, raw: Mapping[str, Raw], context: str) -> Outcome:
    values = parse_form(REPORT_FORM, raw, actor.tz)
    draft = ConductDraft(
        about_kind=values["about_kind"],
        description=values["description"],
        about=values["about"],
        anonymous=values["anonymous"] == "yes",
    )
    report = await conduct.report_conduct(hw, actor, draft)
    return Reply(receipt(hw.event.name, report, copy=False))


async def list_reports(hw: Hallway, actor: Actor, args: Mapping[str, Any]) -> Outcome:
    status = str(args.get("status", "open"))
    views = await conduct.list_reports(hw, actor, status)
    title = f"Conduct reports — {status} ({len(views)})"
    if not views:
        return Reply(
            message(
                title,
                f"There are no {status} reports." if status != "all" else "There are no reports.",
            )
        )
    items = [Item(*report_listing(v.report, v.reporter, v.handler)) for v in views]
    return Reply(message(title, *items))


async def show_command(hw: Hallway, actor: Actor, args: Mapping[str, Any]) -> Outcome:
    return await _show(hw, actor, int(args["id"]))


async def press_show(hw: Hallway, actor: Actor, value: str) -> Outcome:
    return await _show(hw, actor, _report_id(value))


async def _show(hw: Hallway, actor: Actor, report_id: int) -> Outcome:
    view = await conduct.show_report(hw, actor, report_id)
    return Reply(team_notice(view.report, view.reporter, view.handler))


async def handle_now(hw: Hallway, actor: Actor, args: Mapping[str, Any]) -> Outcome:
    view = await conduct.mark_handled(hw, actor, int(args["id"]), str(args["note"]))
    return Reply(_handled(view.report.id))


async def press_handle(hw: Hallway, actor: Actor, value: str) -> Outcome:
    view = await conduct.report_to_handle(hw, actor, _report_id(value))
    return ShowForm(HANDLE_FORM, {}, str(view.report.id))


async def submit_handle(hw: Hallway, actor: Actor, raw: Mapping[str, Raw], context: str) -> Outcome:
    values = parse_form(HANDLE_FORM, raw, actor.tz)
    view = await conduct.mark_handled(hw, actor, _report_id(context), values["note"])
    return Reply(_handled(view.report.id))


def _handled(report_id: int) -> Message:
    return message(
        f"Report #{report_id} marked handled",
        line("Its card in the team's channel now shows your note; so does /conduct list handled."),
    )


def _report_id(value: str) -> int:
    if not value.strip().isdigit():
        raise NotFound("That button no longer points at a report.")
    return int(value)


async def show_policy(hw: Hallway, actor: Actor, args: Mapping[str, Any]) -> Outcome:
    return Reply(policy_message(hw.event.name))


async def press_policy(hw: Hallway, actor: Actor, value: str) -> Outcome:
    return Reply(policy_message(hw.event.name))


def register(router: Router) -> None:
    report_id = Option("id", "The report's number", "integer", required=True)
    for command in (
        Command(
            "conduct",
            "report",
            "Report something to the code-of-conduct team.",
            open_report_form,
            default=True,
        ),
        Command("conduct", "policy", "The code of conduct for socials and mentoring.", show_policy),
        Command(
            "conduct",
            "list",
            "Conduct team: list reports (open by default).",
            list_reports,
            (Option("status", "open, handled or all", "choice", choices=conduct.LISTABLE),),
        ),
        Command(
            "conduct", "show", "Conduct team: read one report in full.", show_command, (report_id,)
        ),
        Command(
            "conduct",
            "handle",
            "Conduct team: mark a report handled, with a note.",
            handle_now,
            (report_id, Option("note", "What was done", "rest", required=True)),
        ),
    ):
        router.command(command)
    router.action(REPORT_ACTION, press_report)
    router.action(POLICY_ACTION, press_policy)
    router.action(SHOW_ACTION, press_show)
    router.action(HANDLE_ACTION, press_handle)
    router.form(REPORT_FORM, submit_report)
    router.form(HANDLE_FORM, submit_handle)
