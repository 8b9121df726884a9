"""Exports as files: the programme (anyone), and the chairs' submissions and mentoring.

From chat, the chairs' exports are for chairs only (`chairs_export`); the command line is the
operator's and calls the builders directly.
"""

from __future__ import annotations

from bot.app import Hallway
from bot.domain.participants import Role
from bot.exports.formats import Format
from bot.exports.mentoring import mentoring_file
from bot.exports.programme import programme_file
from bot.exports.submissions import submissions_file
from bot.interaction import Actor
from bot.services.programme_page import PageFilter, public_programme


async def programme_export(hw: Hallway, form: Format) -> bytes:
    page = await public_programme(hw, PageFilter(past_sessions=True))
    return programme_file(page.items, form)


async def submissions_export(hw: Hallway, form: Format) -> bytes:
    async with hw.uow() as uow:
        socials = await uow.socials.for_event(hw.event.id)
        rsvps = await uow.records.rsvp_counts(hw.event.id)
        audit = await uow.records.audit_log(hw.event.id)
        ids = {lead.participant_id for social in socials for lead in social.leads}
        ids |= {social.submitted_by for social in socials}
        ids |= {entry.actor_id for entry in audit if entry.actor_id is not None}
        people = {person.id: person for person in await uow.participants.get_many(sorted(ids))}
    return submissions_file(socials, people, rsvps, audit, form)


async def mentoring_export(hw: Hallway, form: Format) -> bytes:
    async with hw.uow() as uow:
        mentors = await uow.records.mentors(hw.event.id)
        sessions = await uow.records.sessions(hw.event.id)
        bookings = await uow.records.bookings(hw.event.id)
        ids = {m.participant_id for m in mentors} | {s.mentor_id for s in sessions}
        ids |= {booking.participant_id for booking in bookings}
        people = {person.id: person for person in await uow.participants.get_many(sorted(ids))}
    return mentoring_file(mentors, sessions, bookings, people, form)


async def chairs_export(hw: Hallway, actor: Actor, form: Format) -> dict[str, bytes]:
    """Both chairs' files, by file name; only the social chairs may ask from chat."""
    actor.require_role(Role.CHAIR, hw.event.name, "export the submissions and mentoring")
    slug = hw.event.slug
    return {
        f"{slug}-submissions.{form}": await submissions_export(hw, form),
        f"{slug}-mentoring.{form}": await mentoring_export(hw, form),
    }
