"""The schema. Alembic migrations in `storage/migrations` create exactly this."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    Enum,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.ext.mutable import MutableList

from bot.domain.delivery import DeliveryStatus
from bot.domain.socials import Category, Consent, Decision, LeadAsk
from bot.domain.work import WorkStatus
from storage.types import InstantList, MessageType, RoleSet, UtcDateTime

# Stable constraint names, so migrations can refer to them on both databases.
metadata = MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


def enum_column(name: str, enum: type, **kwargs: object) -> Column[object]:
    """Enums as their string values, without database enum types (easy to extend)."""
    return Column(
        name,
        Enum(enum, native_enum=False, length=20, values_callable=lambda e: [m.value for m in e]),
        **kwargs,  # type: ignore[arg-type]
    )


events = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("slug", String(40), nullable=False, unique=True),
    Column("name", String(200), nullable=False),
    Column("first_day", Date, nullable=False),
    Column("last_day", Date, nullable=False),
    Column("config", JSON, nullable=False),
)

participants = Table(
    "participants",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("event_id", ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    Column("email", String(320), nullable=False),
    Column("name", String(200), nullable=False),
    Column("registration_id", String(100)),
    Column("roles", RoleSet, nullable=False, default=frozenset()),
    Column("zone", String(64)),
    UniqueConstraint("event_id", "email", name="uq_participants_event_email"),
    UniqueConstraint("event_id", "registration_id", name="uq_participants_event_registration"),
)

accounts = Table(
    "accounts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("event_id", ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    Column("participant_id", ForeignKey("participants.id", ondelete="CASCADE"), nullable=False),
    Column("platform", String(20), nullable=False),
    Column("user_id", String(100), nullable=False),
    UniqueConstraint("event_id", "platform", "user_id", name="uq_accounts_platform_user"),
    UniqueConstraint("participant_id", "platform", name="uq_accounts_participant_platform"),
)

outbox = Table(
    "outbox",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("event_id", ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    Column("platform", String(20), nullable=False),
    Column("key", String(200), nullable=False),
    Column("recipient", String(100), nullable=False),
    Column("message", MessageType, nullable=False),
    Column("due_at", UtcDateTime, nullable=False),
    Column("fanout", String(200)),
    enum_column("status", DeliveryStatus, nullable=False),
    Column("attempts", Integer, nullable=False, default=0),
    Column("last_error", Text),
    Column("sent_at", UtcDateTime),
    Column("ref", String(200)),
    Column("context", JSON),
    # The attempt under way (status "sending"): who tried, when, where (migration 0009).
    Column("token", String(40)),
    Column("claimed_at", UtcDateTime),
    Column("address", String(100)),
    Column("throttled", Integer, nullable=False, default=0, server_default=text("0")),
    UniqueConstraint("platform", "key", name="uq_outbox_platform_key"),
    Index("ix_outbox_pending", "platform", "status", "due_at"),
    Index("ix_outbox_fanout", "fanout"),
)

work = Table(
    "work",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("event_id", ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    Column("key", String(200), nullable=False, unique=True),
    Column("kind", String(40), nullable=False),
    Column("due_at", UtcDateTime, nullable=False),
    Column("payload", JSON, nullable=False),
    enum_column("status", WorkStatus, nullable=False),
    Column("attempts", Integer, nullable=False, default=0),
    Column("last_error", Text),
    Column("done_at", UtcDateTime),
    Index("ix_work_pending", "status", "due_at"),
)

socials = Table(
    "socials",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("event_id", ForeignKey("events.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("title", String(100), nullable=False),
    Column("description", Text, nullable=False),
    enum_column("category", Category, nullable=False),
    Column("duration_minutes", Integer, nullable=False),
    Column("submitted_by", ForeignKey("participants.id"), nullable=False),
    Column("submitted_at", UtcDateTime, nullable=False),
    Column("tags", MutableList.as_mutable(JSON()), nullable=False),
    Column("video_url", String(500)),
    Column("capacity", Integer),
    Column("notes_to_chairs", Text, nullable=False, default=""),
    Column("conduct_acknowledged", Boolean, nullable=False, default=False),
    enum_column("decision", Decision),
    Column("decided_by", ForeignKey("participants.id")),
    Column("chairs_message", Text, nullable=False, default=""),
    Column("released_at", UtcDateTime),
    Column("withdrawn_at", UtcDateTime),
    Column("combined_into", ForeignKey("socials.id")),
    Column("updated_at", UtcDateTime),
)

social_leads = Table(
    "social_leads",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("social_id", ForeignKey("socials.id", ondelete="CASCADE"), nullable=False),
    Column("participant_id", ForeignKey("participants.id"), nullable=False, index=True),
    enum_column("consent", Consent, nullable=False),
    enum_column("asked_for", LeadAsk, nullable=False),
    Column("is_submitter", Boolean, nullable=False, default=False),
    Column("responded_at", UtcDateTime),
    UniqueConstraint("social_id", "participant_id", name="uq_social_leads_person"),
)

social_slots = Table(
    "social_slots",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("social_id", ForeignKey("socials.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("start", UtcDateTime, nullable=False, index=True),
    Column("position", Integer, nullable=False, default=0),
)

social_suggestions = Table(
    "social_suggestions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("social_id", ForeignKey("socials.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("chair_id", ForeignKey("participants.id"), nullable=False),
    Column("message", Text, nullable=False),
    Column("starts", InstantList, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("accepted", Boolean),
    Column("answered_by", ForeignKey("participants.id")),
    Column("answered_at", UtcDateTime),
)

rsvps = Table(
    "rsvps",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("slot_id", ForeignKey("social_slots.id", ondelete="CASCADE"), nullable=False),
    Column("participant_id", ForeignKey("participants.id"), nullable=False, index=True),
    Column("created_at", UtcDateTime, nullable=False),
    Column("waitlisted", Boolean, nullable=False, default=False),
    Column("cancelled_at", UtcDateTime),
    Index("ix_rsvps_slot", "slot_id", "cancelled_at"),
    # One live RSVP per person and slot; cancelled ones stay as history.
    Index(
        "uq_rsvps_live",
        "slot_id",
        "participant_id",
        unique=True,
        sqlite_where=text("cancelled_at IS NULL"),
        postgresql_where=text("cancelled_at IS NULL"),
    ),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("event_id", ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    Column("subject", String(60), nullable=False, index=True),
    Column("actor_id", ForeignKey("participants.id")),
    Column("at", UtcDateTime, nullable=False),
    Column("action", String(40), nullable=False),
    Column("before", JSON),
    Column("after", JSON),
    Column("message", Text, nullable=False, default=""),
)
