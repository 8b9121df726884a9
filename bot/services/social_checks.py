"""The submission rules that need storage or the clock: who the named co-leads are, whether a
lead would lead two socials at once, whether submissions are still open. Each problem is
reported at the form field it concerns."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from datetime import datetime, tzinfo

from bot.app import Hallway
from bot.domain.participants import Participant, is_email, normalise_email
from bot.domain.social_rules import (
    LeadClash,
    SlotPlan,
    lead_clashes,
    slot_label,
    slot_problems,
    submissions_open,
)
from bot.domain.socials import Social
from bot.errors import HallwayError
from bot.interaction import Actor
from bot.ports import UnitOfWork
from bot.timefmt import plain_time

COLEADS = "coleads"


def check_open(hw: Hallway, doing: str) -> None:
    """Submissions, edits and withdrawals stop when the deadline has passed everywhere."""
    if not submissions_open(hw.now(), hw.event.submissions_close):
        raise HallwayError(
            f"The socials deadline of {hw.event.name} ({hw.event.socials.deadline:%d %B %Y}, "
            f"anywhere on Earth) has passed, so you can no longer {doing}. "
            "Write to the social chairs if something must change."
        )


async def resolve_coleads(
    hw: Hallway, uow: UnitOfWork, actor: Actor, typed: Sequence[str], me: int
) -> tuple[list[Participant], dict[str, str]]:
    """The co-leads named (e-mails, or accounts of the actor's platform), and the problems."""
    found: dict[int, Participant] = {}
    unknown: list[str] = []
    for value in typed:
        person = await _registered(hw, uow, actor.platform, value)
        if person is None:
            unknown.append(value)
        elif person.id != me:
            found.setdefault(person.id, person)
    problems: dict[str, str] = {}
    if unknown:
        problems[COLEADS] = _not_registered(hw, actor.platform, unknown)
    elif len(found) + 1 < hw.event.socials.leads:
        needed = hw.event.socials.leads - 1
        problems[COLEADS] = (
            f"A social needs at least {hw.event.socials.leads} leads: you and {needed} "
            f"registered co-lead{'s' if needed > 1 else ''} who agree{'' if needed > 1 else 's'} "
            "to lead it with you."
        )
    return list(found.values()), problems


async def _registered(
    hw: Hallway, uow: UnitOfWork, platform: str, value: str
) -> Participant | None:
    found = None
    if is_email(value.strip()):
        found = await uow.participants.by_email(hw.event.id, normalise_email(value))
    # Not an e-mail we know: an account of the actor's platform (a Slack or Discord user id;
    # on the console, accounts are e-mails).
    return found or await uow.participants.by_account(hw.event.id, platform, value.strip())


def _not_registered(hw: Hallway, platform: str, unknown: list[str]) -> str:
    names = ", ".join(unknown)
    verb = "is" if len(unknown) == 1 else "are"
    return (
        f"{names} {verb} not a registered participant of {hw.event.name} (or not linked to a "
        f"{platform} account). Co-leads must be registered: ask them to register, or to link "
        "their account with /verify, then name them again."
    )


def plan(hw: Hallway, slots: Mapping[str, datetime], minutes: int) -> SlotPlan:
    first, last = hw.event.first_day, hw.event.last_day
    return SlotPlan(slots, minutes, hw.event.window, f"{first:%d %B} – {last:%d %B %Y}")


async def slot_checks(
    hw: Hallway,
    uow: UnitOfWork,
    slots: SlotPlan,
    lead_ids: Collection[int],
    *,
    me: int | None,
    zone: tzinfo,
    ignore: Iterable[int] = (),
) -> dict[str, str]:
    """Problems with the slots: outside the conference, overlapping each other, or a lead
    already leading another standing social then."""
    problems = slot_problems(slots)
    others: dict[int, Social] = {}
    for lead_id in lead_ids:
        for social in await uow.socials.led_by(hw.event.id, lead_id):
            others[social.id] = social
    people = {p.id: p for p in await uow.participants.get_many(list(lead_ids))}
    for clash in lead_clashes(slots, lead_ids, others.values(), ignore):
        problems.setdefault(clash.field, _clash_message(clash, people, me, zone))
    return problems


def _clash_message(
    clash: LeadClash, people: Mapping[int, Participant], me: int | None, zone: tzinfo
) -> str:
    other = clash.other
    # The other proposal's title is shown only to someone who leads it too.
    what = f"“{other.title}”" if me is not None and other.is_lead(me) else "another social"
    lead = people.get(clash.participant_id)
    who = "you already lead" if clash.participant_id == me else f"{_name(lead)} already leads"
    times = ", ".join(plain_time(span.start, zone, "short") for span in other.intervals())
    return (
        f"{slot_label(clash.field)} overlaps {what}, which {who} ({times}). "
        "Nobody can lead two socials at once: pick another time."
    )


def _name(person: Participant | None) -> str:
    return person.name if person is not None else "a co-lead"
