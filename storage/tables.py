"""The schema. Alembic migrations in `storage/migrations` create exactly this."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
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

from bot.domain.conduct import AboutKind, ReportStatus
from bot.domain.delivery import DeliveryStatus
from bot.domain.mentoring import BookingState, Sector, SessionStatus
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

# Events API deliveries already handled: Slack retries a delivery it thinks failed, with the
# same event id, and bolt does not de-duplicate.
slack_events = Table(
    "slack_events",
    metadata,
    Column("event_id", String(100), primary_key=True),
    Column("received_at", UtcDateTime, nullable=False),
    Index("ix_slack_events_received_at", "received_at"),
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

conduct_reports = Table(
    "conduct_reports",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("event_id", ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    enum_column("about_kind", AboutKind, nullable=False),
    Column("about", String(200)),
    Column("description", Text, nullable=False),
    Column("anonymous", Boolean, nullable=False),
    Column("reporter_id", ForeignKey("participants.id", ondelete="SET NULL")),
    Column("created_at", UtcDateTime, nullable=False),
    enum_column("status", ReportStatus, nullable=False),
    Column("handled_by", ForeignKey("participants.id", ondelete="SET NULL")),
    Column("handled_at", UtcDateTime),
    Column("handling_note", Text),
    # The last line of defence for anonymity: no code path can store a reporter with it.
    CheckConstraint("NOT anonymous OR reporter_id IS NULL", name="anonymous_has_no_reporter"),
    Index("ix_conduct_reports_listing", "event_id", "status", "created_at"),
)

rooms = Table(
    "rooms",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("event_id", ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    Column("key", String(200), nullable=False),
    Column("platform", String(20), nullable=False),
    Column("ref", String(200), nullable=False),
    Column("opened_at", UtcDateTime, nullable=False),
    Column("closed_at", UtcDateTime),
    UniqueConstraint("platform", "key", name="uq_rooms_platform_key"),
)

mentor_profiles = Table(
    "mentor_profiles",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("event_id", ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    Column("participant_id", ForeignKey("participants.id", ondelete="CASCADE"), nullable=False),
    Column("affiliation", String(200), nullable=False),
    enum_column("sector", Sector, nullable=False),
    Column("topics", JSON, nullable=False),
    Column("bio", Text, nullable=False),
    Column("suspended", Boolean, nullable=False, default=False),
    Column("search_text", Text, nullable=False),
    UniqueConstraint("participant_id", name="uq_mentor_profiles_participant"),
)

mentoring_sessions = Table(
    "mentoring_sessions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("event_id", ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    Column("mentor_id", ForeignKey("participants.id", ondelete="CASCADE"), nullable=False),
    Column("starts_at", UtcDateTime, nullable=False),
    Column("ends_at", UtcDateTime, nullable=False),
    Column("minutes", Integer, nullable=False),
    Column("capacity", Integer, nullable=False),
    Column("topics", JSON, nullable=False),
    Column("format_note", Text, nullable=False),
    Column("video_url", String(500), nullable=False),
    Column("video_generated", Boolean, nullable=False),
    Column("adhoc", Boolean, nullable=False, default=False),
    enum_column("status", SessionStatus, nullable=False),
    Column("ended_at", UtcDateTime),
    Column("search_text", Text, nullable=False),
    # Browsing and reminders: live sessions of an event by start.
    Index("ix_mentoring_sessions_start", "event_id", "status", "starts_at"),
    Index("ix_mentoring_sessions_mentor", "mentor_id", "starts_at"),
)

mentoring_bookings = Table(
    "mentoring_bookings",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("event_id", ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    Column("session_id", ForeignKey("mentoring_sessions.id", ondelete="CASCADE"), nullable=False),
    Column("participant_id", ForeignKey("participants.id", ondelete="CASCADE"), nullable=False),
    Column("note", Text, nullable=False),
    enum_column("state", BookingState, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    # One place per person per session, whatever the service does: the last line of defence.
    UniqueConstraint("session_id", "participant_id", name="uq_mentoring_bookings_person"),
    Index("ix_mentoring_bookings_seats", "session_id", "state"),
    Index("ix_mentoring_bookings_participant", "participant_id", "state"),
)

# Every calendar entry Hallway has served, with a fingerprint of what it showed: its SEQUENCE
# goes up when the content changes, and an entry that is gone is served again as cancelled.
calendar_versions = Table(
    "calendar_versions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("event_id", ForeignKey("events.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("uid", String(200), nullable=False, unique=True),
    Column("subject", String(60), nullable=False),
    Column("fingerprint", String(64), nullable=False),
    Column("sequence", Integer, nullable=False),
    Column("changed_at", UtcDateTime, nullable=False),
    Column("snapshot", JSON, nullable=False),
)

# Personal calendar feeds: an unguessable token per person; revoking one issues another.
calendar_tokens = Table(
    "calendar_tokens",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("event_id", ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    Column("participant_id", ForeignKey("participants.id", ondelete="CASCADE"), nullable=False),
    Column("token", String(64), nullable=False, unique=True),
    Column("created_at", UtcDateTime, nullable=False),
    Column("revoked_at", UtcDateTime),
    Index("ix_calendar_tokens_owner", "participant_id", "revoked_at"),
)

published_events = Table(
    "published_events",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("event_id", ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    Column("platform", String(20), nullable=False),
    Column("key", String(200), nullable=False),
    Column("ref", String(200), nullable=False),
    Column("fingerprint", String(64), nullable=False),
    Column("starts_at", UtcDateTime, nullable=False),
    UniqueConstraint("event_id", "platform", "key", name="uq_published_events_key"),
)
