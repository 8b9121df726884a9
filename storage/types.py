"""Column types that keep the domain's values as they are: aware UTC instants, role sets,
messages."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Dialect, String, TypeDecorator

from bot.domain.participants import Role
from bot.messages import Message, from_json, to_json


class UtcDateTime(TypeDecorator[datetime]):
    """Aware UTC instants in, aware UTC instants out. SQLite has no zones, so it stores naive
    UTC; PostgreSQL stores `timestamptz`."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"naive datetime {value!r} cannot be stored: instants are UTC")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class RoleSet(TypeDecorator[frozenset[Role]]):
    impl = String(100)
    cache_ok = True

    def process_bind_param(self, value: frozenset[Role] | None, dialect: Dialect) -> str:
        return ";".join(sorted(role.value for role in value or ()))

    def process_result_value(self, value: str | None, dialect: Dialect) -> frozenset[Role]:
        return frozenset(Role(word) for word in (value or "").split(";") if word)


class MessageType(TypeDecorator[Message]):
    impl = JSON
    cache_ok = True

    def process_bind_param(self, value: Message | None, dialect: Dialect) -> Any:
        return None if value is None else to_json(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> Message | None:
        return None if value is None else from_json(value)


class InstantList(TypeDecorator[list[datetime]]):
    """A short list of instants (a suggestion's proposed starts) as JSON ISO strings."""

    impl = JSON
    cache_ok = True

    def process_bind_param(self, value: list[datetime] | None, dialect: Dialect) -> Any:
        return None if value is None else [instant.astimezone(UTC).isoformat() for instant in value]

    def process_result_value(self, value: Any, dialect: Dialect) -> list[datetime] | None:
        return None if value is None else [datetime.fromisoformat(item) for item in value]
