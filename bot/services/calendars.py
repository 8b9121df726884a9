"""Calendars people take away: the programme's feed (public), a personal feed behind an
unguessable token, one entry alone, and the file `/programme ics` hands over.

Every generation reconciles the entries of now with the versions served before (see
`bot.calendars.versions`): SEQUENCE rises on a change and what is gone is served as cancelled.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime

from bot.app import Hallway
from bot.calendars.entries import anchor, session_entry, social_entry
from bot.calendars.ics import calendar_file
from bot.calendars.ties import personal
from bot.calendars.versions import Served, reconcile
from bot.domain.participants import normalise_email
from bot.errors import NotFound
from bot.interaction import Actor
from bot.ports import UnitOfWork

TOKEN_BYTES = 24  # 32 URL-safe characters: unguessable


@dataclass(frozen=True)
class CalendarFile:
    data: bytes
    modified: datetime | None  # the latest change of any entry in it
    filename: str = "calendar.ics"


@dataclass(frozen=True)
class CalendarLinks:
    programme: str
    personal: str


def programme_feed_url(hw: Hallway) -> str:
    return f"{hw.public_url}/calendar/programme.ics"


def personal_feed_url(hw: Hallway, token: str) -> str:
    return f"{hw.public_url}/calendar/{token}.ics"


def programme_page_url(hw: Hallway) -> str:
    return f"{hw.public_url}/programme"


async def programme_calendar(hw: Hallway) -> CalendarFile:
    """The whole programme, for anyone: no video links (the page and feed are public)."""
    async with hw.uow() as uow:
        served = await served_entries(hw, uow)
    return _file(hw, f"{hw.event.name} — programme", served, links=False, name="programme")


async def entry_calendar(hw: Hallway, entry_anchor: str) -> CalendarFile | None:
    """One entry of the programme alone ("add to calendar" on the page), or None."""
    async with hw.uow() as uow:
        served = await served_entries(hw, uow)
    chosen = [item for item in served if anchor(item.entry.uid) == entry_anchor]
    if not chosen:
        return None
    return _file(hw, chosen[0].entry.title, chosen, links=False, name=entry_anchor)


async def calendar_of(hw: Hallway, participant_id: int, owner: str) -> CalendarFile:
    """What a person leads, RSVPed to, booked or mentors, with the video links."""
    async with hw.uow() as uow:
        served = await served_entries(hw, uow)
        ties = await uow.calendars.ties(hw.event.id, participant_id)
    mine = personal(served, ties)
    return _file(hw, f"{hw.event.name} — {owner}", mine, links=True, name=f"{hw.event.slug}-mine")


async def calendar_for_token(hw: Hallway, token: str) -> CalendarFile | None:
    """The personal feed behind a live token; None for a wrong or revoked one."""
    if not token or len(token) > 64:
        return None
    async with hw.uow() as uow:
        owner = await uow.calendars.token_owner(hw.event.id, token)
        person = await uow.participants.get(owner) if owner is not None else None
    if person is None:
        return None
    return await calendar_of(hw, person.id, person.name)


async def calendar_as(hw: Hallway, email: str) -> CalendarFile:
    """The personal calendar of a registered e-mail (the CLI's `export calendar --as`)."""
    async with hw.uow() as uow:
        person = await uow.participants.by_email(hw.event.id, normalise_email(email))
    if person is None:
        raise NotFound(f"Nobody is registered for {hw.event.name} as {email}.")
    return await calendar_of(hw, person.id, person.name)


async def my_calendar(hw: Hallway, actor: Actor) -> tuple[CalendarFile, CalendarLinks]:
    """`/programme ics`: my file, and the links to subscribe to (my link made on first use)."""
    person = actor.registered(hw.event.name)
    async with hw.uow() as uow:
        token = await uow.calendars.live_token(hw.event.id, person.id)
        if token is None:
            token = await _new_token(hw, uow, person.id)
            await uow.commit()
    links = CalendarLinks(programme_feed_url(hw), personal_feed_url(hw, token))
    return await calendar_of(hw, person.id, person.name), links


async def renew_calendar_link(hw: Hallway, actor: Actor) -> CalendarLinks:
    """Revoke my personal link (whoever has it gets nothing more) and make a new one."""
    person = actor.registered(hw.event.name)
    async with hw.uow() as uow:
        await uow.calendars.revoke_tokens(hw.event.id, person.id, hw.now())
        token = await _new_token(hw, uow, person.id)
        await uow.commit()
    return CalendarLinks(programme_feed_url(hw), personal_feed_url(hw, token))


async def served_entries(hw: Hallway, uow: UnitOfWork) -> list[Served]:
    """Every entry to serve now, versions reconciled and stored (committed) when they moved."""
    event = hw.event
    slots = await uow.calendars.social_slots(event.id)
    sessions = await uow.calendars.sessions(event.id)
    entries = [social_entry(facts, event.slug, event.reminders.rooms_open) for facts in slots]
    entries.extend(session_entry(facts, event.slug) for facts in sessions)
    served, writes = reconcile(entries, await uow.calendars.versions(event.id), hw.now())
    if writes:
        await uow.calendars.store_versions(event.id, writes)
        await uow.commit()
    return served


async def _new_token(hw: Hallway, uow: UnitOfWork, participant_id: int) -> str:
    token = secrets.token_urlsafe(TOKEN_BYTES)
    await uow.calendars.add_token(hw.event.id, participant_id, token, hw.now())
    return token


def _file(hw: Hallway, title: str, served: list[Served], *, links: bool, name: str) -> CalendarFile:
    data = calendar_file(title, served, page_url=programme_page_url(hw), links=links)
    modified = max((item.changed_at for item in served), default=None)
    return CalendarFile(data, modified, f"{name}.ics")
