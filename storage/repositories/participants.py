from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import cache
from typing import Any, TypeVar

from sqlalchemy import (
    Select,
    String,
    bindparam,
    func,
    insert,
    literal,
    select,
    type_coerce,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession

from bot.domain.participants import Account, Participant, Role
from bot.ports import Registration
from storage.tables import accounts, participants

T = TypeVar("T")

# Stay well below SQLite's limit on bound parameters in one statement.
_CHUNK = 900


class SqlParticipantRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, participant_id: int) -> Participant | None:
        return await self.session.get(Participant, participant_id)

    async def get_many(self, participant_ids: Sequence[int]) -> list[Participant]:
        found: list[Participant] = []
        for chunk in _chunks(sorted(set(participant_ids))):
            rows = await self.session.scalars(
                select(Participant).where(participants.c.id.in_(chunk))
            )
            found.extend(rows)
        return found

    async def by_email(self, event_id: int, email: str) -> Participant | None:
        return await self.session.scalar(_by_email(), {"event_id": event_id, "email": email})

    async def by_registration_id(self, event_id: int, registration_id: str) -> Participant | None:
        query = select(Participant).where(
            participants.c.event_id == event_id,
            participants.c.registration_id == registration_id,
        )
        return await self.session.scalar(query)

    async def by_account(self, event_id: int, platform: str, user_id: str) -> Participant | None:
        """Every request asks this first (who is acting?)."""
        wanted = {"event_id": event_id, "platform": platform, "user_id": user_id}
        return await self.session.scalar(_by_account(), wanted)

    async def with_role(self, event_id: int, role: Role) -> list[Participant]:
        # Roles are stored ;-joined; the guards make "chair" not match "chairperson".
        stored = literal(";") + type_coerce(participants.c.roles, String) + literal(";")
        query = select(Participant).where(
            participants.c.event_id == event_id, stored.contains(f";{role.value};")
        )
        return list(await self.session.scalars(query.order_by(participants.c.name)))

    async def count(self, event_id: int) -> int:
        query = (
            select(func.count())
            .select_from(participants)
            .where(participants.c.event_id == event_id)
        )
        return int(await self.session.scalar(query) or 0)

    def add(self, participant: Participant) -> None:
        self.session.add(participant)

    async def registration_owners(
        self, event_id: int, registration_ids: Sequence[str]
    ) -> dict[str, str]:
        owners: dict[str, str] = {}
        for chunk in _chunks(list(registration_ids)):
            rows = await self.session.execute(
                select(participants.c.registration_id, participants.c.email).where(
                    participants.c.event_id == event_id,
                    participants.c.registration_id.in_(chunk),
                )
            )
            owners.update({row.registration_id: row.email for row in rows})
        return owners

    async def upsert_registrations(
        self, event_id: int, rows: Sequence[Registration]
    ) -> tuple[int, int]:
        existing = set(
            await self.session.scalars(
                select(participants.c.email).where(participants.c.event_id == event_id)
            )
        )
        new = [row for row in rows if row.email not in existing]
        known = [row for row in rows if row.email in existing]
        if new:
            await self.session.execute(
                insert(participants), [_insert_values(event_id, row) for row in new]
            )
        for row_group in _group_by_columns(known):
            await self._update(event_id, row_group)
        return len(new), len(known)

    async def _update(self, event_id: int, rows: list[Registration]) -> None:
        # One executemany per shape: columns the file did not have are left as they were.
        sample = rows[0]
        values: dict[str, Any] = {"name": bindparam("new_name")}
        if sample.registration_id is not None:
            values["registration_id"] = bindparam("new_registration_id")
        if sample.roles is not None:
            values["roles"] = bindparam("new_roles", type_=participants.c.roles.type)
        statement = (
            update(participants)
            .where(participants.c.event_id == event_id, participants.c.email == bindparam("key"))
            .values(**values)
        )
        params = [
            {
                "key": row.email,
                "new_name": row.name,
                "new_registration_id": row.registration_id,
                "new_roles": row.roles,
            }
            for row in rows
        ]
        connection = await self.session.connection()
        await connection.execute(statement, params)


class SqlAccountRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def find(self, event_id: int, platform: str, user_id: str) -> Account | None:
        query = select(Account).where(
            accounts.c.event_id == event_id,
            accounts.c.platform == platform,
            accounts.c.user_id == user_id,
        )
        return await self.session.scalar(query)

    async def for_participant(self, participant_id: int, platform: str) -> Account | None:
        wanted = {"participant_id": participant_id, "platform": platform}
        return await self.session.scalar(_account_of(), wanted)

    async def for_participants(
        self, participant_ids: Sequence[int], platform: str
    ) -> dict[int, Account]:
        """Whom to mention: asked for nearly every answer that names people."""
        found: dict[int, Account] = {}
        for chunk in _chunks(sorted(set(participant_ids))):
            wanted = {"participant_ids": chunk, "platform": platform}
            rows = await self.session.scalars(_accounts_of(), wanted)
            found.update({account.participant_id: account for account in rows})
        return found

    def add(self, account: Account) -> None:
        self.session.add(account)


# The statements of the reads every request makes, built once (after the mappers start):
# building a statement and its cache key costs SQLAlchemy more than SQLite takes to run it.


@cache
def _by_account() -> Select[Participant]:
    return (
        select(Participant)
        .join(accounts, accounts.c.participant_id == participants.c.id)
        .where(
            accounts.c.event_id == bindparam("event_id"),
            accounts.c.platform == bindparam("platform"),
            accounts.c.user_id == bindparam("user_id"),
        )
    )


@cache
def _by_email() -> Select[Participant]:
    return select(Participant).where(
        participants.c.event_id == bindparam("event_id"),
        participants.c.email == bindparam("email"),
    )


@cache
def _account_of() -> Select[Account]:
    return select(Account).where(
        accounts.c.participant_id == bindparam("participant_id"),
        accounts.c.platform == bindparam("platform"),
    )


@cache
def _accounts_of() -> Select[Account]:
    return select(Account).where(
        accounts.c.participant_id.in_(bindparam("participant_ids", expanding=True)),
        accounts.c.platform == bindparam("platform"),
    )


def _insert_values(event_id: int, row: Registration) -> dict[str, Any]:
    return {
        "event_id": event_id,
        "email": row.email,
        "name": row.name,
        "registration_id": row.registration_id,
        "roles": row.roles or frozenset(),
    }


def _group_by_columns(rows: Sequence[Registration]) -> list[list[Registration]]:
    groups: dict[tuple[bool, bool], list[Registration]] = {}
    for row in rows:
        groups.setdefault((row.registration_id is None, row.roles is None), []).append(row)
    return list(groups.values())


def _chunks(items: list[T]) -> Iterator[list[T]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]
