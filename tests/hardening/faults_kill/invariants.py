"""What must hold after the kills, read from the database and from what the fake Slack holds.

- every action is in the database exactly as its last known outcome says, exactly once;
- nothing is half-written: a proposal has its leads, slot, audit entry, card and co-lead ask;
  a session or social never has a waitlist while a seat is free, nor more seats than it has;
- every message queued was delivered, and no message reached Slack twice (by the delivery key
  in its metadata);
- the audit log agrees with the decisions, and each lead heard each decision once.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import func, select

from bot.domain.delivery import DeliveryStatus
from bot.domain.mentoring import BookingState
from storage import Database
from storage.tables import (
    audit_log,
    mentoring_bookings,
    mentoring_sessions,
    outbox,
    participants,
    rsvps,
    social_leads,
    social_slots,
    socials,
)
from tests.adapters.slack.fake_slack import FakeSlack
from tests.hardening.faults_kill.actions import Action, title_of
from tests.hardening.faults_kill.rounds import Model
from tests.hardening.faults_kill.world import email_of

UNFINISHED = (DeliveryStatus.PENDING, DeliveryStatus.SENDING)
SETTLE_WITHIN = 90.0  # seconds: a delivery in doubt waits out its 20 s lease first


async def rows(database: Database, query: Any) -> list[Any]:
    async with database.engine.connect() as connection:
        return list(await connection.execute(query))


async def unfinished(database: Database) -> int:
    query = select(func.count()).where(outbox.c.status.in_(UNFINISHED))
    return int((await rows(database, query))[0][0])


async def settled(database: Database) -> float:
    """Seconds until nothing in the outbox is waiting or in doubt."""
    started = time.monotonic()
    while await unfinished(database):
        assert time.monotonic() - started < SETTLE_WITHIN, "the outbox never settled"
        await asyncio.sleep(0.1)
    return time.monotonic() - started


def delivered_keys(fake: FakeSlack) -> Counter[str]:
    """Every message Slack holds that Hallway posted under a delivery key, counted."""
    keys: Counter[str] = Counter()
    for messages in fake.messages.values():
        for message in messages:
            metadata = message.get("metadata") or {}
            if metadata.get("event_type") == "hallway_delivery":
                keys[metadata["event_payload"]["key"]] += 1
    return keys


async def problems(database: Database, fake: FakeSlack, model: Model) -> list[str]:
    found: list[str] = []
    found += await messages_once(database, fake)
    found += await submissions(database, model)
    found += await decisions(database, model)
    found += await places(database, model)
    return found


async def messages_once(database: Database, fake: FakeSlack) -> list[str]:
    keys = delivered_keys(fake)
    found = [f"message sent {n} times: {key}" for key, n in keys.items() if n > 1]
    query = select(outbox.c.key, outbox.c.status, outbox.c.recipient, outbox.c.last_error)
    for key, status, recipient, error in await rows(database, query):
        if status == DeliveryStatus.SKIPPED:
            continue  # no longer wanted before it left (a co-lead's ask, once answered)
        if status != DeliveryStatus.SENT:
            found.append(f"delivery {key} ended {status.value}: {error}")
        elif not recipient.startswith("post:") and keys[key] != 1:
            found.append(f"delivery {key} marked sent, in Slack {keys[key]} times")
    return found


async def submissions(database: Database, model: Model) -> list[str]:
    found = []
    wanted = {title_of(a.subject): a for a in model.actions if a.kind == "submit"}
    query = select(socials.c.id, socials.c.title).where(socials.c.title.like("Kill social %"))
    stored: dict[str, list[int]] = defaultdict(list)
    for social_id, title in await rows(database, query):
        stored[title].append(social_id)
    found += [f"{title} stored, never submitted" for title in stored if title not in wanted]
    for title, action in wanted.items():
        ids = stored.get(title, [])
        if len(ids) != 1:
            found.append(f"{title} stored {len(ids)} times after {action}")
        else:
            found += await whole_proposal(database, ids[0], title)
    return found


async def whole_proposal(database: Database, social_id: int, title: str) -> list[str]:
    """Its two leads, its slot, the audit entry, the chairs' card and the co-lead's ask."""
    found = []
    leads = await rows(
        database, select(social_leads.c.id).where(social_leads.c.social_id == social_id)
    )
    slots = await rows(
        database, select(social_slots.c.id).where(social_slots.c.social_id == social_id)
    )
    audits = await _audits(database, social_id)
    keys = [key for (key,) in await rows(database, select(outbox.c.key))]
    card = f"social:{social_id}:card>cchairs"
    asks = [key for key in keys if key.startswith(f"social:{social_id}:ask:")]
    if len(leads) != 2 or len(slots) != 1:
        found.append(f"{title}: {len(leads)} leads and {len(slots)} slots")
    if [action for action, _ in audits].count("submit") != 1:
        found.append(f"{title}: audit {audits}")
    if card not in keys or len(asks) != 1:
        found.append(f"{title}: card queued {card in keys}, co-lead asks {asks}")
    return found


async def decisions(database: Database, model: Model) -> list[str]:
    found = []
    keys = [key for (key,) in await rows(database, select(outbox.c.key))]
    for action in (a for a in model.actions if a.kind == "decide"):
        verb, release_now = action.options["verb"], action.options["release_now"]
        query = select(socials.c.decision, socials.c.released_at).where(
            socials.c.id == action.subject
        )
        [(decision, released_at)] = await rows(database, query)
        expected = "accepted" if verb == "approve" else "rejected"
        if decision is None or decision.value != expected:
            found.append(f"{action}: decision {decision}")
        if (released_at is not None) != release_now:
            found.append(f"{action}: released at {released_at}")
        audits = [name for name, _ in await _audits(database, action.subject)]
        said = [name for name in audits if name in ("approve", "reject")]
        if not said or said[-1] != verb:
            found.append(f"{action}: the audit log says {audits}")
        if audits.count("release") != int(release_now):
            found.append(f"{action}: released {audits.count('release')} times in the audit log")
        told = [key for key in keys if key.startswith(f"social:{action.subject}:decision")]
        if len(told) != (2 if release_now else 0):  # one message to each of its two leads
            found.append(f"{action}: the leads were told {told}")
    return found


async def places(database: Database, model: Model) -> list[str]:
    """Bookings and RSVPs as the model says, and the seats of each subject consistent."""
    found = []
    people = await _people(database)
    booked = await _live_bookings(database)
    going = await _live_rsvps(database)
    for (kind, user, subject), holding in model.holding.items():
        live = (booked if kind == "book" else going).get((people[user], subject), [])
        if len(live) != int(holding):
            found.append(f"{kind} {subject} by {user}: expected {int(holding)}, stored {live}")
    found += _seats(booked, await _capacities(database, mentoring_sessions), "session")
    found += _seats(going, await _slot_capacities(database), "slot")
    return found


def _seats(
    live: dict[tuple[int, int], list[bool]], capacity: dict[int, int | None], what: str
) -> Iterable[str]:
    """`live`: (person, subject) → [waiting?]. No more seats than there are; nobody waits
    while a seat is free."""
    seated: Counter[int] = Counter()
    waiting: Counter[int] = Counter()
    for (_, subject), states in live.items():
        for waits in states:
            (waiting if waits else seated)[subject] += 1
    for subject, limit in capacity.items():
        if limit is None:
            continue
        if seated[subject] > limit or (waiting[subject] and seated[subject] < limit):
            seats = f"{seated[subject]} seated of {limit}"
            yield f"{what} {subject}: {seats}, {waiting[subject]} waiting"


async def _audits(database: Database, social_id: int) -> list[tuple[str, Any]]:
    query = (
        select(audit_log.c.action, audit_log.c.after)
        .where(audit_log.c.subject == f"social:{social_id}")
        .order_by(audit_log.c.id)
    )
    return [(action, after) for action, after in await rows(database, query)]


async def _people(database: Database) -> dict[str, int]:
    found = await rows(database, select(participants.c.id, participants.c.email))
    by_email = {email: pid for pid, email in found}
    users = {email.split("@")[0].upper(): pid for email, pid in by_email.items()}
    return {user: pid for user, pid in users.items() if email_of(user) in by_email}


async def _live_bookings(database: Database) -> dict[tuple[int, int], list[bool]]:
    query = select(
        mentoring_bookings.c.participant_id,
        mentoring_bookings.c.session_id,
        mentoring_bookings.c.state,
    ).where(mentoring_bookings.c.state != BookingState.CANCELLED)
    live: dict[tuple[int, int], list[bool]] = defaultdict(list)
    for person, session, state in await rows(database, query):
        live[(person, session)].append(state == BookingState.WAITLISTED)
    return live


async def _live_rsvps(database: Database) -> dict[tuple[int, int], list[bool]]:
    query = select(rsvps.c.participant_id, rsvps.c.slot_id, rsvps.c.waitlisted).where(
        rsvps.c.cancelled_at.is_(None)
    )
    live: dict[tuple[int, int], list[bool]] = defaultdict(list)
    for person, slot, waitlisted in await rows(database, query):
        live[(person, slot)].append(bool(waitlisted))
    return live


async def _capacities(database: Database, table: Any) -> dict[int, int | None]:
    return dict(await rows(database, select(table.c.id, table.c.capacity)))


async def _slot_capacities(database: Database) -> dict[int, int | None]:
    query = select(social_slots.c.id, socials.c.capacity).join(
        socials, socials.c.id == social_slots.c.social_id
    )
    return dict(await rows(database, query))


def describe(actions: Iterable[Action]) -> str:
    return "\n".join(str(action) for action in actions)
