"""PostgreSQL restarted under Hallway's feet, through a proxy on loopback (the real server is
shared with other tests): every connection is cut in the middle of a submission, a review
decision, a booking and an outbox claim; new connections are refused for a while, then let
through. The interrupted action fails cleanly — the person reads "try again", nothing is half
written — the engine recovers by itself, and doing it again works."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

from bot.app import Hallway
from bot.clock import ManualClock
from bot.delivery.attempts import SendPolicy
from bot.delivery.dispatcher import Dispatcher
from bot.domain.delivery import DeliveryStatus
from bot.domain.socials import Decision
from bot.errors import HallwayError, StorageUnavailable
from bot.services.mentoring_bookings import book_session
from bot.services.social_consent import confirm_colead
from bot.services.social_review import approve_social
from bot.services.socials import submit_social
from storage import Database
from tests.fakes import RecordingMessenger
from tests.hardening.faults_net.pg_proxy import PgProxy
from tests.schedule_kit import people, rows
from tests.service.mentoring_helpers import bookings, mentor, offer, person
from tests.service.test_exactly_once import queue
from tests.social_cast import cast, draft, reload

POLICY = SendPolicy(lease=timedelta(seconds=20), send_timeout=5)


@pytest.fixture
def database_url(postgres_url: str, proxy: PgProxy) -> str:
    """Hallway reaches PostgreSQL through the proxy (the root fixtures build on this)."""
    return proxy.url(postgres_url)


async def count(database: Database, table: str) -> int:
    async with database.engine.connect() as connection:
        return int((await connection.execute(text(f"SELECT count(*) FROM {table}"))).scalar_one())


async def test_a_submission_cut_mid_transaction_is_refused_cleanly_then_succeeds(
    hw: Hallway, database: Database, proxy: PgProxy
) -> None:
    people = await cast(hw)
    proxy.cut_at("INSERT INTO socials")
    with pytest.raises(StorageUnavailable):
        await submit_social(hw, people.ada, draft())
    assert proxy.cued.is_set()
    await an_outage(proxy, lambda: submit_social(hw, people.ada, draft()))
    for table in ("socials", "social_leads", "audit_log", "outbox", "work"):
        assert await count(database, table) == 0, table  # nothing half-written
    await submit_social(hw, people.ada, draft())
    assert await count(database, "socials") == 1
    assert proxy.opened > 1  # the engine connected afresh: no restart needed


async def an_outage(proxy: PgProxy, attempt: Callable[[], Awaitable[object]]) -> None:
    """The server goes down for a while (its connections cut, new ones refused): every try
    meanwhile is refused cleanly; then it is back."""
    await proxy.refuse()
    proxy.cut()
    for _ in range(2):
        with pytest.raises(StorageUnavailable):
            await attempt()
    await proxy.admit()


async def test_a_review_decision_cut_mid_transaction_leaves_the_social_undecided(
    hw: Hallway, database: Database, proxy: PgProxy
) -> None:
    people = await cast(hw)
    social = await submit_social(hw, people.ada, draft())
    await confirm_colead(hw, people.bob, social.id)
    audited = await count(database, "audit_log")
    proxy.cut_at("decided_by=")  # the decision's UPDATE, first in its transaction

    async def approve() -> object:
        return await approve_social(hw, people.chair, social.id, "Welcome")

    with pytest.raises(StorageUnavailable) as refused:
        await approve()
    assert "nothing was saved" in refused.value.message
    await an_outage(proxy, approve)
    assert (await reload(hw, social.id)).decision is None
    assert await count(database, "audit_log") == audited
    await approve()
    assert (await reload(hw, social.id)).decision == Decision.ACCEPTED


async def test_a_booking_whose_commit_never_arrived_is_not_there_and_can_be_made_again(
    hw: Hallway, database: Database, proxy: PgProxy
) -> None:
    alan = await mentor(hw)
    session = await offer(hw, alan, capacity=2)
    ben = await person(hw, "ben@example.org")
    proxy.cut_at("COMMIT")
    with pytest.raises(StorageUnavailable) as refused:
        await book_session(hw, ben, session.id)
    assert refused.value.while_committing  # the person is told it may not have been saved
    assert await bookings(hw, session.id) == []
    await an_outage(proxy, lambda: book_session(hw, ben, session.id))
    await book_session(hw, ben, session.id)
    assert [b.participant_id for b in await bookings(hw, session.id)] == [ben.participant.id]


async def test_a_booking_committed_but_unconfirmed_is_kept_once_and_a_retry_says_so(
    hw: Hallway, database: Database, proxy: PgProxy
) -> None:
    alan = await mentor(hw)
    session = await offer(hw, alan, capacity=2)
    ben = await person(hw, "ben@example.org")
    proxy.lose_reply_to("COMMIT")
    with pytest.raises(StorageUnavailable) as refused:
        await book_session(hw, ben, session.id)
    assert refused.value.while_committing and proxy.cued.is_set()
    assert len(await bookings(hw, session.id)) == 1  # it was saved after all
    with pytest.raises(HallwayError) as again:
        await book_session(hw, ben, session.id)
    assert not isinstance(again.value, StorageUnavailable)
    assert "You already have" in again.value.message
    assert len(await bookings(hw, session.id)) == 1


async def test_an_outbox_claim_cut_mid_transaction_is_sent_once_when_the_server_is_back(
    hw: Hallway, database: Database, proxy: PgProxy, messenger: RecordingMessenger
) -> None:
    [ada, bob] = await people(hw, "ada", "bob")
    await queue(hw, ada, bob)
    dispatcher = Dispatcher(hw, {"fake": messenger})
    proxy.cut_at("claimed_at=")
    with pytest.raises(StorageUnavailable):
        await dispatcher.deliver_due()
    await an_outage(proxy, dispatcher.deliver_due)
    assert messenger.sent == []
    await dispatcher.deliver_due()
    assert sorted(messenger.keys()) == [f"notice>p{ada}", f"notice>p{bob}"]
    assert {row.status for row in await rows(database)} == {DeliveryStatus.SENT}


async def test_a_send_whose_sent_mark_was_cut_is_found_on_the_platform_not_sent_twice(
    hw: Hallway, database: Database, proxy: PgProxy, messenger: RecordingMessenger
) -> None:
    [ada] = await people(hw, "ada")
    await queue(hw, ada)
    wall = ManualClock(datetime(2026, 1, 1, tzinfo=UTC))
    dispatcher = Dispatcher(hw, {"fake": messenger}, wall=wall, policy=POLICY)
    proxy.cut_at(", sent_at=")
    with pytest.raises(StorageUnavailable):
        await dispatcher.deliver_due()
    assert len(messenger.sent) == 1  # the platform took it; the record of it was lost
    await an_outage(proxy, dispatcher.deliver_due)
    wall.advance(POLICY.lease + timedelta(seconds=1))
    await dispatcher.deliver_due()
    await dispatcher.deliver_due()
    assert len(messenger.sent) == 1 and len(messenger.lookups) == 1
    assert [row.status for row in await rows(database)] == [DeliveryStatus.SENT]
