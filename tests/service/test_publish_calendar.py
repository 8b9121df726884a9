"""The platforms' calendars follow Hallway: public social slots and live mentoring sessions are
published, moved and withdrawn by reconciliation, and only what changed is sent."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.app import Hallway
from bot.clock import ManualClock
from bot.domain.calendar import CalendarEntry
from bot.ports import DeliveryError
from bot.scheduling.handlers import build_work_handlers
from bot.scheduling.publish_calendar import sync_published_events
from bot.scheduling.runner import WorkRunner
from bot.services.mentoring_sessions import SessionDraft, cancel_session, edit_session
from tests.factories import register, stored_social
from tests.fakes import RecordingMessenger
from tests.service.mentoring_helpers import START, mentor, offer

SLOT = datetime(2021, 7, 19, 15, tzinfo=UTC)


async def published(hw: Hallway, platform: str = "fake") -> dict[str, str]:
    async with hw.uow() as uow:
        rows = await uow.published_events.on_platform(hw.event.id, platform)
    return {row.key: row.ref for row in rows}


def calls(messenger: RecordingMessenger, kind: str) -> list[str]:
    return [item.address for item in messenger.sent if item.kind == kind]


def entries(messenger: RecordingMessenger) -> list[CalendarEntry]:
    return [item.entry for item in messenger.sent if item.entry is not None]


async def public_social(hw: Hallway, *, released: bool = True, slots: int = 2) -> int:
    ada = await register(hw, "ada@example.org", "Ada")
    bob = await register(hw, "bob@example.org", "Bob")
    starts = [SLOT + timedelta(hours=12 * n) for n in range(slots)]
    social = await stored_social(
        hw, "Board games", [ada.id, bob.id], starts, accepted=True, released=released
    )
    return social.id


async def test_each_slot_of_a_public_social_is_published_once(
    hw: Hallway, messenger: RecordingMessenger
) -> None:
    await public_social(hw)
    assert await sync_published_events(hw, {"fake": messenger}) == 2
    assert await sync_published_events(hw, {"fake": messenger}) == 0
    assert [entry.title for entry in entries(messenger)] == [
        "Board games (1 of 2)",
        "Board games (2 of 2)",
    ]
    assert [entry.start for entry in entries(messenger)] == [SLOT, SLOT + timedelta(hours=12)]
    assert entries(messenger)[0].end == SLOT + timedelta(minutes=120)
    assert len(await published(hw)) == 2


async def test_a_social_not_yet_released_is_not_published(
    hw: Hallway, messenger: RecordingMessenger
) -> None:
    await public_social(hw, released=False)
    assert await sync_published_events(hw, {"fake": messenger}) == 0
    assert messenger.sent == []


async def test_a_moved_slot_updates_its_published_event_in_place(
    hw: Hallway, messenger: RecordingMessenger
) -> None:
    social_id = await public_social(hw, slots=1)
    await sync_published_events(hw, {"fake": messenger})
    before = await published(hw)
    async with hw.uow() as uow:
        social = await uow.socials.get(social_id)
        assert social is not None
        social.slots[0].start = SLOT + timedelta(hours=3)
        await uow.commit()
    assert await sync_published_events(hw, {"fake": messenger}) == 1
    assert entries(messenger)[-1].start == SLOT + timedelta(hours=3)
    assert await published(hw) == before  # the same event, moved


async def test_a_withdrawn_social_withdraws_every_slot(
    hw: Hallway, clock: ManualClock, messenger: RecordingMessenger
) -> None:
    social_id = await public_social(hw)
    await sync_published_events(hw, {"fake": messenger})
    refs = sorted((await published(hw)).values())
    async with hw.uow() as uow:
        social = await uow.socials.get(social_id)
        assert social is not None
        social.withdrawn_at = clock.now()
        await uow.commit()
    assert await sync_published_events(hw, {"fake": messenger}) == 2
    assert sorted(calls(messenger, "withdraw_event")) == refs
    assert await published(hw) == {}


async def test_a_mentoring_session_is_published_with_its_video_link(
    hw: Hallway, messenger: RecordingMessenger
) -> None:
    session = await offer(hw, await mentor(hw), video_url="https://meet.example.org/turing")
    await sync_published_events(hw, {"fake": messenger})
    [entry] = entries(messenger)
    assert (entry.title, entry.start, entry.video_url, entry.room_ref) == (
        "Mentoring with Alan Turing: careers",
        START,
        "https://meet.example.org/turing",
        None,
    )
    assert list(await published(hw)) == [f"mentoring:{session.id}"]


async def test_a_moved_session_moves_and_a_cancelled_one_is_withdrawn(
    hw: Hallway, messenger: RecordingMessenger
) -> None:
    turing = await mentor(hw)
    session = await offer(hw, turing)
    await sync_published_events(hw, {"fake": messenger})
    later = SessionDraft(START + timedelta(hours=2), 2, ["careers"], 45, "", None)
    await edit_session(hw, turing, session.id, later)
    await sync_published_events(hw, {"fake": messenger})
    assert entries(messenger)[-1].start == START + timedelta(hours=2)
    ref = (await published(hw))[f"mentoring:{session.id}"]
    await cancel_session(hw, turing, session.id)
    assert await sync_published_events(hw, {"fake": messenger}) == 1
    assert calls(messenger, "withdraw_event") == [ref]


async def test_once_the_room_opens_the_event_points_at_it(
    hw: Hallway, clock: ManualClock, messenger: RecordingMessenger
) -> None:
    session = await offer(hw, await mentor(hw))
    await sync_published_events(hw, {"fake": messenger})
    clock.set(START - timedelta(minutes=10))
    await WorkRunner(hw, {"fake": messenger}, build_work_handlers()).run_due()
    [opened] = [item for item in messenger.sent if item.kind == "open_room"]
    assert opened.address == f"mentoring:{session.id}"
    clock.advance(timedelta(seconds=1))
    assert await sync_published_events(hw, {"fake": messenger}) == 1
    assert entries(messenger)[-1].room_ref is not None


async def test_what_has_begun_is_left_to_the_platform(
    hw: Hallway, clock: ManualClock, messenger: RecordingMessenger
) -> None:
    await public_social(hw, slots=1)
    clock.set(SLOT + timedelta(minutes=1))
    assert await sync_published_events(hw, {"fake": messenger}) == 0  # too late to announce
    assert messenger.sent == []


async def test_a_refused_publication_is_tried_again_on_the_next_run(
    hw: Hallway, messenger: RecordingMessenger
) -> None:
    await public_social(hw, slots=1)
    messenger.failures.append(DeliveryError("HTTP 502"))
    assert await sync_published_events(hw, {"fake": messenger}) == 0
    assert await published(hw) == {}
    assert await sync_published_events(hw, {"fake": messenger}) == 1
    assert len(await published(hw)) == 1


class NoCalendar(RecordingMessenger):
    async def publish_event(self, key: str, entry: CalendarEntry, ref: str | None) -> None:  # type: ignore[override]
        return None


async def test_a_platform_without_a_calendar_records_nothing(hw: Hallway) -> None:
    await public_social(hw, slots=1)
    assert await sync_published_events(hw, {"quiet": NoCalendar(platform="quiet")}) == 0
    assert await published(hw, "quiet") == {}
