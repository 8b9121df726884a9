"""Guild Scheduled Events: created, moved and cancelled over REST."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest

from adapters.discord.messenger import DiscordMessenger
from adapters.discord.rest import DiscordRest
from adapters.discord.scheduled_events import (
    ScheduledEvent,
    cancel_event,
    create_event,
    delete_event,
    move_event,
)
from bot.domain.calendar import CalendarEntry
from tests.adapters.discord.fake_discord import FakeDiscord

SOCIAL = ScheduledEvent(
    name="Board games",
    description="Bring a game.",
    start=datetime(2021, 7, 19, 16, tzinfo=UTC),
    end=datetime(2021, 7, 19, 18, tzinfo=UTC),
    location="https://meet.jit.si/hallway-x",
)


@pytest.fixture
async def rest(fake: FakeDiscord) -> AsyncIterator[DiscordRest]:
    client = DiscordRest("token", fake.api_url)
    yield client
    await client.close()


async def test_an_accepted_social_with_a_video_link_is_an_external_event(
    fake: FakeDiscord, rest: DiscordRest
) -> None:
    made = fake.scheduled_events[await create_event(rest, fake.guild_id, SOCIAL)]
    assert (made["entity_type"], made["entity_metadata"], made["channel_id"]) == (
        3,
        {"location": "https://meet.jit.si/hallway-x"},
        None,
    )
    assert (made["scheduled_start_time"], made["scheduled_end_time"]) == (
        "2021-07-19T16:00:00Z",
        "2021-07-19T18:00:00Z",
    )
    assert made["privacy_level"] == 2


async def test_a_session_in_a_room_is_a_voice_event(fake: FakeDiscord, rest: DiscordRest) -> None:
    voice = ScheduledEvent(
        "Careers", "", SOCIAL.start, SOCIAL.end, voice_channel_id="880000000000000321"
    )
    made = fake.scheduled_events[await create_event(rest, fake.guild_id, voice)]
    assert (made["entity_type"], made["channel_id"]) == (2, "880000000000000321")


async def test_a_moved_session_moves_its_event(fake: FakeDiscord, rest: DiscordRest) -> None:
    event_id = await create_event(rest, fake.guild_id, SOCIAL)
    later = ScheduledEvent(
        SOCIAL.name,
        SOCIAL.description,
        datetime(2021, 7, 20, 4, tzinfo=UTC),
        datetime(2021, 7, 20, 6, tzinfo=UTC),
        SOCIAL.location,
    )
    await move_event(rest, fake.guild_id, event_id, later)
    assert fake.scheduled_events[event_id]["scheduled_start_time"] == "2021-07-20T04:00:00Z"


async def test_a_cancelled_session_cancels_its_event(fake: FakeDiscord, rest: DiscordRest) -> None:
    event_id = await create_event(rest, fake.guild_id, SOCIAL)
    await cancel_event(rest, fake.guild_id, event_id)
    assert fake.scheduled_events[event_id]["status"] == 4


async def test_a_deleted_event_is_gone(fake: FakeDiscord, rest: DiscordRest) -> None:
    event_id = await create_event(rest, fake.guild_id, SOCIAL)
    await delete_event(rest, fake.guild_id, event_id)
    assert event_id not in fake.scheduled_events


ENTRY = CalendarEntry(
    "Board games", "Bring **a** game @everyone", SOCIAL.start, SOCIAL.end, "https://meet.jit.si/x"
)


@pytest.fixture
def messenger(rest: DiscordRest, fake: FakeDiscord) -> DiscordMessenger:
    return DiscordMessenger(rest, fake.guild_id)


async def test_publishing_an_entry_creates_an_external_event_with_its_link(
    fake: FakeDiscord, messenger: DiscordMessenger
) -> None:
    ref = await messenger.publish_event("social-slot:1", ENTRY, None)
    made = fake.scheduled_events[ref]
    assert (made["name"], made["entity_type"], made["entity_metadata"]) == (
        "Board games",
        3,
        {"location": "https://meet.jit.si/x"},
    )
    assert made["description"] == "Bring \\*\\*a\\*\\* game @\u200beveryone"


async def test_an_entry_in_an_open_room_becomes_a_voice_event_in_place(
    fake: FakeDiscord, messenger: DiscordMessenger
) -> None:
    ref = await messenger.publish_event("mentoring:1", ENTRY, None)
    moved = await messenger.publish_event("mentoring:1", ENTRY.in_room("10,11,12"), ref)
    made = fake.scheduled_events[ref]
    assert moved == ref
    assert (made["entity_type"], made["channel_id"], made["entity_metadata"]) == (2, "12", None)


async def test_an_event_deleted_by_hand_is_made_again(
    fake: FakeDiscord, messenger: DiscordMessenger
) -> None:
    ref = await messenger.publish_event("social-slot:1", ENTRY, None)
    del fake.scheduled_events[ref]
    again = await messenger.publish_event("social-slot:1", ENTRY, ref)
    assert again != ref and again in fake.scheduled_events


async def test_withdrawing_cancels_and_an_event_already_gone_is_fine(
    fake: FakeDiscord, messenger: DiscordMessenger
) -> None:
    ref = await messenger.publish_event("social-slot:1", ENTRY, None)
    await messenger.withdraw_event(ref)
    assert fake.scheduled_events[ref]["status"] == 4
    del fake.scheduled_events[ref]
    await messenger.withdraw_event(ref)
