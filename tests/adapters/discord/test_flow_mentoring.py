"""Mentoring in Discord end to end: a mentor offers a session through the profile and session
modals, a mentee browses and books, the session is a Guild Scheduled Event that moves into the
room's voice channel once the room opens; an ad-hoc session's room is private to the mentor and
mentees and is removed after the end."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from adapters.discord.rooms import BOT_RIGHTS, HIDDEN, MEMBER_RIGHTS, MODERATOR_RIGHTS
from tests.adapters.discord.world import World, buttons_of, text_of

DURING = datetime(2021, 7, 19, 10, tzinfo=UTC)
PROFILE = {
    "affiliation": "University of Manchester",
    "sector": ["academic"],
    "topics": "careers, theory",
    "bio": "Thinks about thinking machines.",
}
SESSION = {"start": "2021-07-19 17:00", "capacity": "3"}
VIDEO = {"video_url": "https://meet.example.org/a"}


def rights(world: World, channel_id: str) -> dict[str, tuple[int, int]]:
    channel = world.fake.channels[channel_id]
    return {o["id"]: (int(o["allow"]), int(o["deny"])) for o in channel["permission_overwrites"]}


async def session_id(world: World) -> int:
    async with world.hw.uow() as uow:
        found = await uow.mentoring.starting_between(
            world.hw.event.id, world.hw.event.window.start, world.hw.event.window.end
        )
    return found[-1].id


async def test_a_mentor_offers_a_session_a_mentee_books_it_and_its_event_follows_the_room(
    world: World,
) -> None:
    fake = world.fake
    alan, ben = await world.member("Alan"), await world.member("Ben")
    card = await world.slash(alan, "mentor", "schedule")
    next_card = await world.fill(alan, card, [PROFILE])
    assert "A mentoring session" in text_of(next_card)  # the profile form leads to the session
    offered = await world.fill(alan, next_card, [SESSION, VIDEO])
    assert "Session" in text_of(offered), text_of(offered)
    ident = await session_id(world)

    listing = await world.slash(ben, "mentoring", "browse", filter="careers")
    assert f"mentoring.book:{ident}" in buttons_of(listing)
    form = await world.press(ben, listing, f"mentoring.book:{ident}")
    booked = await world.fill(ben, form, [{"note": "My first paper"}])
    assert "booked" in text_of(booked).lower(), text_of(booked)

    assert await world.sync_calendar() == 1
    [event_id] = fake.scheduled_events
    assert fake.scheduled_events[event_id]["entity_metadata"] == {
        "location": "https://meet.example.org/a"
    }

    world.clock.set(datetime(2021, 7, 19, 14, 50, tzinfo=UTC))  # 10 minutes before 17:00 CEST
    await world.deliver()
    category, text, voice = (fake.channels[c] for c in _room_ref(world))
    assert (text["parent_id"], voice["parent_id"]) == (category["id"], category["id"])
    shown = rights(world, voice["id"])
    assert shown[alan.id] == (MODERATOR_RIGHTS.value, 0)
    assert shown[ben.id] == (MEMBER_RIGHTS.value, 0)
    assert shown[fake.bot_id] == (BOT_RIGHTS.value, 0)
    assert shown[fake.guild_id] == (0, HIDDEN.value)

    assert await world.sync_calendar() == 1
    event = fake.scheduled_events[event_id]
    assert (event["entity_type"], event["channel_id"]) == (2, voice["id"])


def _room_ref(world: World) -> list[str]:
    [category] = [c for c in world.fake.channels.values() if c["type"] == 4]
    children = [c for c in world.fake.channels.values() if c.get("parent_id") == category["id"]]
    by_type = {c["type"]: c["id"] for c in children}
    return [category["id"], by_type[0], by_type[2]]


async def test_an_adhoc_room_is_private_to_mentor_and_mentees_and_removed_after_the_end(
    world: World,
) -> None:
    fake = world.fake
    world.clock.set(DURING)
    alan, ben, eve = (
        await world.member("Alan"),
        await world.member("Ben"),
        await world.member("Eve"),
    )
    await world.fill(alan, await world.slash(alan, "mentor", "profile"), [PROFILE])
    started = await world.slash(alan, "mentor", "now", minutes="30", topic="careers")
    assert "You are mentoring now" in text_of(started), text_of(started)
    await world.deliver()
    category_id, text_id, voice_id = _room_ref(world)
    assert set(rights(world, text_id)) == {fake.guild_id, fake.bot_id, alan.id}
    manage = rights(world, voice_id)[alan.id][0]
    assert MODERATOR_RIGHTS.value == manage and MODERATOR_RIGHTS.move_members

    ident = await session_id(world)
    joined = await world.slash(ben, "mentoring", "join", id=ident)
    assert "seat" in text_of(joined).lower(), text_of(joined)
    await world.deliver()
    for channel_id in (category_id, text_id, voice_id):
        assert rights(world, channel_id)[ben.id] == (MEMBER_RIGHTS.value, 0)
        assert eve.id not in rights(world, channel_id)

    world.clock.set(DURING + timedelta(minutes=34))
    await world.deliver()
    assert category_id in fake.channels  # a little grace after the end
    world.clock.set(DURING + timedelta(minutes=36))
    await world.deliver()
    assert not {category_id, text_id, voice_id} & set(fake.channels)
