"""Registered people, their chat accounts, and the events they belong to."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from bot.domain.participants import Account, Participant, Role
from bot.event import Event, EventConfig


@dataclass(frozen=True)
class Registration:
    """One accepted row of a participants import. `None`: the file had no such column (or the
    cell was empty), so an update keeps what was stored."""

    email: str
    name: str
    registration_id: str | None
    roles: frozenset[Role] | None


class EventRepository(Protocol):
    async def save(self, config: EventConfig) -> Event:
        """Insert or update the event with this slug."""
        ...

    async def by_slug(self, slug: str) -> Event | None: ...

    async def get(self, event_id: int) -> Event | None: ...


class ParticipantRepository(Protocol):
    async def get(self, participant_id: int) -> Participant | None: ...

    async def get_many(self, participant_ids: Sequence[int]) -> list[Participant]: ...

    async def by_email(self, event_id: int, email: str) -> Participant | None: ...

    async def by_registration_id(
        self, event_id: int, registration_id: str
    ) -> Participant | None: ...

    async def by_account(self, event_id: int, platform: str, user_id: str) -> Participant | None:
        """The participant a chat account is linked to."""
        ...

    async def with_role(self, event_id: int, role: Role) -> list[Participant]: ...

    async def count(self, event_id: int) -> int: ...

    def add(self, participant: Participant) -> None: ...

    async def upsert_registrations(
        self, event_id: int, rows: Sequence[Registration]
    ) -> tuple[int, int]:
        """Insert new e-mails, update known ones; returns (added, updated)."""
        ...

    async def registration_owners(
        self, event_id: int, registration_ids: Sequence[str]
    ) -> dict[str, str]:
        """E-mail already holding each given registration id."""
        ...


class AccountRepository(Protocol):
    async def find(self, event_id: int, platform: str, user_id: str) -> Account | None: ...

    async def for_participant(self, participant_id: int, platform: str) -> Account | None: ...

    async def for_participants(
        self, participant_ids: Sequence[int], platform: str
    ) -> dict[int, Account]: ...

    def add(self, account: Account) -> None: ...


class SlackEventRepository(Protocol):
    async def record(self, event_id: str, received_at: datetime) -> bool:
        """Remember a Slack event id; False when it was seen before (Slack retried a delivery)."""
        ...

    async def forget_before(self, instant: datetime) -> int:
        """Drop ids received before `instant` (Slack stops retrying within the hour)."""
        ...
