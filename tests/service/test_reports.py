"""The chairs' reports on both databases: statistics on a known programme, the exports' columns
and content, the heatmap's data against the programme, and who may ask for them."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime, timedelta

import pytest

from bot.app import Hallway
from bot.clock import ManualClock
from bot.domain.audit import AuditEntry
from bot.domain.delivery import Delivery, DeliveryStatus
from bot.domain.heatmap import MENTORING
from bot.errors import NotAllowed
from bot.exports import mentoring as mentoring_columns
from bot.exports import submissions as submission_columns
from bot.messages import message
from bot.services.exports import chairs_export, mentoring_export, submissions_export
from bot.services.heatmap import chairs_heatmap, programme_heatmap
from bot.services.mentoring_bookings import book_session, join_session
from bot.services.mentoring_sessions import start_adhoc_session
from bot.services.stats import chairs_statistics
from tests.calendar_kit import MONDAY, programme
from tests.factories import actor, register


async def test_statistics_of_the_known_programme(hw: Hallway) -> None:
    made = await programme(hw)
    stats = (await chairs_statistics(hw, made.chair)).stats
    assert {c.value: {s.value: n for s, n in v.items()} for c, v in stats.proposals.items()} == {
        "research": {"new": 1},
        "gathering": {"released": 1},
    }
    assert (stats.accepted, stats.rejected, stats.acceptance_rate) == (1, 0, 1.0)
    assert [(r.title, r.going, r.waiting) for r in stats.rsvps] == [("Tea & <b>talk</b>", 1, 0)]
    assert (stats.utilisation.booked, stats.utilisation.offered) == (1, 2)
    assert stats.coverage.accepted == 1


async def test_the_adhoc_wait_is_measured_from_the_announcement(
    hw: Hallway, clock: ManualClock
) -> None:
    made = await programme(hw)
    clock.set(datetime(2021, 7, 20, 10, 0, tzinfo=UTC))
    adhoc = await start_adhoc_session(hw, made.mentor, 30, "careers")
    clock.advance(timedelta(minutes=3))
    await join_session(hw, made.guest, adhoc.id)
    waits = (await chairs_statistics(hw, made.chair)).stats.adhoc
    assert (waits.sessions, waits.waits) == (1, (timedelta(minutes=3),))


async def test_delivery_is_counted_per_fanout_from_the_outbox(hw: Hallway) -> None:
    made = await programme(hw)
    rows = [
        ("slack", "k1", "person:1", DeliveryStatus.SENT),
        ("discord", "k1", "person:1", DeliveryStatus.FAILED),
        ("slack", "k2", "person:2", DeliveryStatus.FAILED),
        ("slack", "k3", "person:3", DeliveryStatus.SKIPPED),
    ]
    async with hw.uow() as uow:
        for platform, key, recipient, _status in rows:
            await uow.outbox.enqueue(
                [Delivery(hw.event.id, platform, key, recipient, message("x"), hw.now(), "wave")]
            )
        await uow.commit()
    async with hw.uow() as uow:
        for delivery in await uow.outbox.by_fanout("wave"):
            delivery.status = next(
                s for p, k, _, s in rows if (p, k) == (delivery.platform, delivery.key)
            )
        await uow.commit()
    [tally] = (await chairs_statistics(hw, made.chair)).stats.deliveries
    assert (tally.fanout, tally.delivered, tally.meant_for) == ("wave", 1, 2)


async def test_the_submissions_csv_has_its_columns_and_utc_slots(hw: Hallway) -> None:
    made = await programme(hw)
    rows = list(csv.DictReader(io.StringIO((await submissions_export(hw, "csv")).decode())))
    assert tuple(rows[0]) == submission_columns.COLUMNS
    tea = next(row for row in rows if row["id"] == str(made.tea.id))
    assert tea["slots"] == "2021-07-19T15:00:00Z; 2021-07-20T03:00:00Z"
    assert tea["leads"] == (
        "Ada Lovelace <ada@example.org> (confirmed); Grace Hopper <grace@example.org> (confirmed)"
    )
    assert (tea["state"], tea["decision"], tea["going"], tea["waiting"]) == (
        "released",
        "accepted",
        "1",
        "0",
    )
    draft = next(row for row in rows if row["id"] == str(made.draft.id))
    assert (draft["state"], draft["decision"]) == ("new", "")


async def test_the_submissions_json_carries_the_audit_log(hw: Hallway) -> None:
    made = await programme(hw)
    chair = made.chair.participant
    assert chair is not None
    async with hw.uow() as uow:
        subject = f"social:{made.tea.id}"
        uow.audit.add(
            AuditEntry(hw.event.id, subject, chair.id, hw.now(), "approve", message="Yes")
        )
        await uow.commit()
    data = json.loads(await submissions_export(hw, "json"))
    tea = next(item for item in data["submissions"] if item["id"] == made.tea.id)
    assert tea["audit"] == [
        {
            "at": "2021-06-11T09:00:00Z",
            "action": "approve",
            "by": "Chair Person <chair@example.org>",
            "message": "Yes",
            "before": None,
            "after": None,
        }
    ]
    assert [slot["going"] for slot in tea["slots"]] == [1, 0]


async def test_the_mentoring_export_lists_bookings_and_the_waitlist_in_order(
    hw: Hallway,
) -> None:
    made = await programme(hw)
    for name in ("second", "third"):
        await register(hw, f"{name}@example.org", name.title())
        await book_session(hw, await actor(hw, f"{name}@example.org"), made.session.id, "")
    data = json.loads(await mentoring_export(hw, "json"))
    [session] = data["sessions"]
    assert [p["email"] for p in session["booked"]] == ["guest@example.org", "second@example.org"]
    assert [p["email"] for p in session["waitlist"]] == ["third@example.org"]
    assert data["mentors"][0]["sessions"] == [made.session.id]
    rows = list(csv.DictReader(io.StringIO((await mentoring_export(hw, "csv")).decode())))
    assert tuple(rows[0]) == mentoring_columns.COLUMNS
    assert (rows[0]["start"], rows[0]["booked_count"], rows[0]["waitlist"]) == (
        "2021-07-19T18:00:00Z",
        "2",
        "Third <third@example.org>",
    )


async def test_a_title_like_a_formula_is_defused_in_csv(hw: Hallway) -> None:
    made = await programme(hw)
    async with hw.uow() as uow:
        social = await uow.socials.get(made.draft.id)
        assert social is not None
        social.title = "=HYPERLINK(1)"
        await uow.commit()
    rows = list(csv.DictReader(io.StringIO((await submissions_export(hw, "csv")).decode())))
    assert "'=HYPERLINK(1)" in [row["title"] for row in rows]


async def test_the_heatmap_data_matches_the_programme(hw: Hallway) -> None:
    made = await programme(hw)
    data = await programme_heatmap(hw)
    at = {hour: data.total(n) for n, hour in enumerate(data.hours) if data.total(n)}
    hour = MONDAY.replace(minute=0)
    assert at == {
        hour: 1,  # tea 15:00–17:00
        hour + timedelta(hours=1): 1,
        hour + timedelta(hours=3): 1,  # the session 18:00–18:45
        hour + timedelta(hours=12): 1,  # tea's second slot 03:00–05:00
        hour + timedelta(hours=13): 1,
    }
    assert data.count("gathering", hour) == 1
    assert data.count(MENTORING, hour + timedelta(hours=3)) == 1
    assert made.draft.slots[0].start == MONDAY  # under review: not counted at 15:00 again


async def test_the_heatmap_is_a_png_for_the_chairs_channel(hw: Hallway) -> None:
    made = await programme(hw)
    picture = await chairs_heatmap(hw, made.chair)
    assert picture.data.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(picture.data) > 10_000
    assert (picture.channel, picture.content_type) == ("chairs", "image/png")


async def test_only_chairs_get_the_statistics(hw: Hallway) -> None:
    made = await programme(hw)
    with pytest.raises(NotAllowed):
        await chairs_statistics(hw, made.guest)


async def test_only_chairs_get_the_exports(hw: Hallway) -> None:
    made = await programme(hw)
    with pytest.raises(NotAllowed):
        await chairs_export(hw, made.guest, "csv")


async def test_only_chairs_get_the_heatmap(hw: Hallway) -> None:
    made = await programme(hw)
    with pytest.raises(NotAllowed):
        await chairs_heatmap(hw, made.guest)
