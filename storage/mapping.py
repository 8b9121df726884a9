"""Imperative mapping: the domain's plain classes are mapped onto the tables here, so the core
never imports SQLAlchemy and still gets change tracking from the unit of work."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Column
from sqlalchemy.orm import registry, relationship

from bot.domain.audit import AuditEntry
from bot.domain.calendar import PublishedEvent
from bot.domain.conduct import ConductReport
from bot.domain.delivery import Delivery
from bot.domain.mentoring import Booking, MentoringSession, MentorProfile
from bot.domain.participants import Account, Participant
from bot.domain.rooms import Room
from bot.domain.socials import Rsvp, Social, SocialLead, SocialSlot, Suggestion
from bot.domain.work import Work
from storage import tables

mapper_registry = registry(metadata=tables.metadata)
_mapped = False


def start_mappers() -> None:
    """Map once per process (mapping changes the domain classes themselves)."""
    global _mapped
    if _mapped:
        return
    mapper_registry.map_imperatively(Participant, tables.participants)
    mapper_registry.map_imperatively(Account, tables.accounts)
    mapper_registry.map_imperatively(Delivery, tables.outbox)
    mapper_registry.map_imperatively(Work, tables.work)
    _map_socials()
    mapper_registry.map_imperatively(ConductReport, tables.conduct_reports)
    mapper_registry.map_imperatively(Room, tables.rooms)
    mapper_registry.map_imperatively(MentorProfile, tables.mentor_profiles)
    mapper_registry.map_imperatively(MentoringSession, tables.mentoring_sessions)
    mapper_registry.map_imperatively(Booking, tables.mentoring_bookings)
    mapper_registry.map_imperatively(PublishedEvent, tables.published_events)
    _mapped = True


def _owned(target: type, order_by: Column[object]) -> Any:
    # Parts of an aggregate: loaded with it (selectin, so nothing lazy-loads under asyncio)
    # and removed with it.
    return relationship(target, order_by=order_by, cascade="all, delete-orphan", lazy="selectin")


def _map_socials() -> None:
    mapper_registry.map_imperatively(SocialLead, tables.social_leads)
    mapper_registry.map_imperatively(SocialSlot, tables.social_slots)
    mapper_registry.map_imperatively(Suggestion, tables.social_suggestions)
    mapper_registry.map_imperatively(
        Social,
        tables.socials,
        properties={
            "leads": _owned(SocialLead, tables.social_leads.c.id),
            "slots": _owned(SocialSlot, tables.social_slots.c.start),
            "suggestions": _owned(Suggestion, tables.social_suggestions.c.id),
        },
    )
    mapper_registry.map_imperatively(Rsvp, tables.rsvps)
    mapper_registry.map_imperatively(AuditEntry, tables.audit_log)
