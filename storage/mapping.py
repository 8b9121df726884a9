"""Imperative mapping: the domain's plain classes are mapped onto the tables here, so the core
never imports SQLAlchemy and still gets change tracking from the unit of work."""

from __future__ import annotations

from sqlalchemy.orm import registry

from bot.domain.delivery import Delivery
from bot.domain.mentoring import Booking, MentoringSession, MentorProfile
from bot.domain.participants import Account, Participant
from bot.domain.rooms import Room
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
    mapper_registry.map_imperatively(Room, tables.rooms)
    mapper_registry.map_imperatively(MentorProfile, tables.mentor_profiles)
    mapper_registry.map_imperatively(MentoringSession, tables.mentoring_sessions)
    mapper_registry.map_imperatively(Booking, tables.mentoring_bookings)
    _mapped = True
