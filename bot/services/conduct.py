"""Reaching the code-of-conduct team: filing a report, and the team listing and handling them.

Anonymity is kept by never holding the reporter: an anonymous report is built without them,
its notice names nobody, its receipt is the immediate reply only (an outbox direct message
would store their participant id), and nothing here logs who acted.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.app import Hallway
from bot.delivery.outbox import post_to_channel, revise_post, tell_person
from bot.domain.conduct import (
    ConductDraft,
    ConductReport,
    ReportStatus,
    read_about,
    read_about_kind,
    read_description,
    read_note,
)
from bot.domain.delivery import ChannelRole
from bot.domain.participants import Participant, Role
from bot.errors import HallwayError, InvalidInput, NotAllowed, NotFound
from bot.interaction import Actor
from bot.ports import UnitOfWork
from bot.services import conduct_notices as notices

LISTABLE = ("open", "handled", "all")


@dataclass(frozen=True)
class ReportView:
    """A report with the people it names, for the team's eyes only."""

    report: ConductReport
    reporter: Participant | None
    handler: Participant | None


async def report_conduct(hw: Hallway, actor: Actor, draft: ConductDraft) -> ConductReport:
    """File a report to the conduct team. Anyone with an account may file anonymously (a barrier
    before reporting harm costs more than the odd stray report); a named report needs a
    registration, since that is who the team will contact."""
    reporter = None if draft.anonymous else _named_reporter(hw, actor)
    report = ConductReport(
        event_id=hw.event.id,
        about_kind=read_about_kind(draft.about_kind),
        description=read_description(draft.description),
        anonymous=reporter is None,
        created_at=hw.now(),
        about=read_about(draft.about),
        reporter_id=None if reporter is None else reporter.id,
    )
    async with hw.uow() as uow:
        await uow.conduct.add(report)
        notice = notices.team_notice(report, reporter)
        await post_to_channel(hw, uow, ChannelRole.CONDUCT, notice, _card_key(report.id))
        if reporter is not None:
            copy = notices.receipt(hw.event.name, report, copy=True)
            await tell_person(hw, uow, reporter.id, copy, f"conduct:{report.id}:receipt")
        await uow.commit()
    return report


async def list_reports(hw: Hallway, actor: Actor, status: str = "open") -> list[ReportView]:
    """The event's reports, newest first: `open`, `handled` or `all`."""
    _conduct_member(hw, actor, "read conduct reports")
    wanted = status.strip().lower() or "open"
    if wanted not in LISTABLE:
        raise InvalidInput.at("status", "Choose which reports to list: open, handled or all.")
    async with hw.uow() as uow:
        found = await uow.conduct.listed(hw.event.id, _status(wanted))
        return await _views(uow, found)


async def show_report(hw: Hallway, actor: Actor, report_id: int) -> ReportView:
    _conduct_member(hw, actor, "read conduct reports")
    async with hw.uow() as uow:
        report = await _get(hw, uow, report_id)
        [view] = await _views(uow, [report])
    return view


async def report_to_handle(hw: Hallway, actor: Actor, report_id: int) -> ReportView:
    """The open report a team member is about to mark handled (refused if it is not open)."""
    view = await show_report(hw, actor, report_id)
    _refuse_if_handled(view)
    return view


async def mark_handled(hw: Hallway, actor: Actor, report_id: int, note: str) -> ReportView:
    """Close a report with a note on what the team did; its card in the team's channel shows it."""
    member = _conduct_member(hw, actor, "mark conduct reports handled")
    note = read_note(note)
    async with hw.uow() as uow:
        report = await _get(hw, uow, report_id)
        [view] = await _views(uow, [report])
        _refuse_if_handled(view)
        report.mark_handled(member.id, hw.now(), note)
        card = notices.team_notice(report, view.reporter, member)
        await revise_post(hw, uow, ChannelRole.CONDUCT, card, _card_key(report.id))
        await uow.commit()
    return ReportView(report, view.reporter, member)


def _named_reporter(hw: Hallway, actor: Actor) -> Participant:
    if actor.participant is None:
        raise InvalidInput.at(
            "anonymous",
            f"This account is not linked to a registration of {hw.event.name}, so it can only "
            "report anonymously. Answer yes to stay anonymous, or link your account with "
            "/verify first to report under your name.",
        )
    return actor.participant


def _conduct_member(hw: Hallway, actor: Actor, doing: str) -> Participant:
    person = actor.registered(hw.event.name)
    if not person.has_role(Role.CONDUCT):
        raise NotAllowed(f"Only the code-of-conduct team of {hw.event.name} can {doing}.")
    return person


def _card_key(report_id: int) -> str:
    return f"conduct:{report_id}:report"


def _status(wanted: str) -> ReportStatus | None:
    return None if wanted == "all" else ReportStatus(wanted)


async def _get(hw: Hallway, uow: UnitOfWork, report_id: int) -> ConductReport:
    report = await uow.conduct.get(hw.event.id, report_id)
    if report is None:
        raise NotFound(f"There is no conduct report #{report_id}.")
    return report


async def _views(uow: UnitOfWork, reports: list[ConductReport]) -> list[ReportView]:
    ids = {pid for r in reports for pid in (r.reporter_id, r.handled_by) if pid is not None}
    people = {person.id: person for person in await uow.participants.get_many(list(ids))}
    return [
        ReportView(
            report,
            people.get(report.reporter_id) if report.reporter_id is not None else None,
            people.get(report.handled_by) if report.handled_by is not None else None,
        )
        for report in reports
    ]


def _refuse_if_handled(view: ReportView) -> None:
    if view.report.is_open:
        return
    who = view.handler.name if view.handler else "a former team member"
    raise HallwayError(
        f"Report #{view.report.id} was already marked handled by {who}; nothing was changed."
    )
