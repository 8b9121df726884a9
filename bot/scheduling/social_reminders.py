"""Due work for socials on the programme: reminders to leads and to those going, and a post in
the announcements channel as each slot starts.

Offsets come from the event file's `[reminders]` (`leads`, `attendees`, minutes before start).
Only public socials count (accepted, released, not withdrawn): a social taken off the
programme stops being derived, so whatever was queued for it is dropped before it is sent.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from functools import partial

from bot.app import Hallway
from bot.domain.delivery import ChannelRole
from bot.domain.socials import Consent, Social, SocialSlot
from bot.messages import Inline, Link, Message, Person, Strong, When, line, message
from bot.ports import UnitOfWork
from bot.scheduling.due import DueItem, announcement, once, reminder

# Announcements are posted while a slot runs; no social lasts longer than this.
LONGEST_SOCIAL = timedelta(hours=4)

Compose = Callable[[Social, SocialSlot], Message]


class SocialSlotSource:
    name = "social-slot"

    async def due(
        self,
        hw: Hallway,
        uow: UnitOfWork,
        now: datetime,
        subjects: frozenset[str] | None = None,
    ) -> list[DueItem]:
        rules = hw.event.reminders
        ahead = timedelta(minutes=max((*rules.leads, *rules.attendees, 0)))
        since, until = now - LONGEST_SOCIAL, now + ahead
        only = _slot_ids(subjects)
        socials = await uow.schedule.public_socials_starting(hw.event.id, since, until, only)
        slots = [
            (social, slot)
            for social in socials
            for slot in social.slots
            if since <= slot.start <= until and (only is None or slot.id in only)
        ]
        attendee_ahead = timedelta(minutes=max(rules.attendees, default=0))
        going = await uow.schedule.going(
            [slot.id for _, slot in slots if slot.start - attendee_ahead <= now]
        )
        starting = [social for social, slot in slots if slot.start <= now]
        names = await _lead_names(uow, starting)
        items: list[DueItem] = []
        for social, slot in slots:
            items.extend(_reminders(hw, social, slot, going.get(slot.id, []), now))
            if slot.start <= now:
                items.append(_announcement(social, slot, names))
        return items


def _slot_ids(subjects: frozenset[str] | None) -> set[int] | None:
    if subjects is None:
        return None
    prefix = f"{SocialSlotSource.name}:"
    return {int(s.removeprefix(prefix)) for s in subjects if s.startswith(prefix)}


def _reminders(
    hw: Hallway, social: Social, slot: SocialSlot, going: Sequence[int], now: datetime
) -> list[DueItem]:
    subject = f"social-slot:{slot.id}"
    rules = hw.event.reminders
    leads = [lead.participant_id for lead in social.leads if lead.consent == Consent.CONFIRMED]
    audiences: list[tuple[str, list[int], tuple[int, ...], Compose]] = [
        ("lead", leads, rules.leads, lead_reminder),
        ("attendee", [pid for pid in going if pid not in leads], rules.attendees, going_reminder),
    ]
    items: list[DueItem] = []
    for audience, people, offsets, compose in audiences:
        for offset in offsets:
            if slot.start - timedelta(minutes=offset) > now:
                continue
            build = once(partial(compose, social, slot))
            items.extend(
                reminder(subject, slot.start, audience, offset, person, build) for person in people
            )
    return items


def _announcement(social: Social, slot: SocialSlot, names: dict[int, str]) -> DueItem:
    span = social.interval_of(slot)
    return announcement(
        f"social-slot:{slot.id}",
        span.start,
        span.end,
        ChannelRole.ANNOUNCEMENTS,
        lambda: start_announcement(social, slot, names),
    )


async def _lead_names(uow: UnitOfWork, socials: Sequence[Social]) -> dict[int, str]:
    ids = sorted({pid for social in socials for pid in social.lead_ids()})
    return {person.id: person.name for person in await uow.participants.get_many(ids)}


# --- the messages ---


def lead_reminder(social: Social, slot: SocialSlot) -> Message:
    return message(
        "Your social starts soon",
        line("{title} starts at {start}.", title=Strong(social.title), start=When(slot.start)),
        "You lead it: welcome people as they arrive, and keep the code of conduct in view.",
        *_video(social),
    )


def going_reminder(social: Social, slot: SocialSlot) -> Message:
    return message(
        "A social you are going to starts soon",
        line("{title} starts at {start}.", title=Strong(social.title), start=When(slot.start)),
        *_video(social),
    )


def start_announcement(social: Social, slot: SocialSlot, names: dict[int, str]) -> Message:
    end = social.interval_of(slot).end
    leads: list[Inline] = []
    for pid in social.lead_ids():
        leads.extend([", " if leads else "", Person(pid, names.get(pid, "a lead"))])
    return message(
        "Starting now",
        line("{title} starts now, until {end}.", title=Strong(social.title), end=When(end, "time")),
        ("Led by ", *leads, f" — {social.category.label}."),
        *_video(social),
    )


def _video(social: Social) -> list[tuple[Inline, ...]]:
    if not social.video_url:
        return []
    return [line("Join: {link}", link=Link(social.video_url))]
