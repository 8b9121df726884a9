"""The schema. Alembic migrations in `storage/migrations` create exactly this."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
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
)

from bot.domain.delivery import DeliveryStatus
from storage.types import MessageType, RoleSet, UtcDateTime

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
    UniqueConstraint("platform", "key", name="uq_outbox_platform_key"),
    Index("ix_outbox_pending", "platform", "status", "due_at"),
    Index("ix_outbox_fanout", "fanout"),
)
