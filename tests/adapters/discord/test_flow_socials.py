"""A social from /verify to release, through the real discord.py client and the core's
dispatcher: the co-lead's consent in a direct message, the chairs' card edited in place, a
non-chair refused, the decision in each lead's direct messages with Discord's time tokens."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.domain.participants import Role
from tests.adapters.discord.world import World, buttons_of, text_of

PAGE_ONE = {
    "title": "Board games",
    "description": "Bring a game; we bring the table.",
    "category": ["gathering"],
    "tags": "games, fun",
}
PAGE_TWO = {"slot1": "2021-07-19 18:00", "slot2": "", "duration": "120", "video_url": ""}
PAGE_THREE = {"capacity": "", "notes": "", "conduct": True}


async def audit_size(world: World, social_id: int) -> int:
    async with world.hw.uow() as uow:
        return len(await uow.audit.for_subject(f"social:{social_id}"))


async def test_a_social_goes_from_verify_to_release_in_discord(world: World) -> None:
    fake = world.fake
    ada = await world.member("Ada", zone=None, registration_id="R-1", linked=False)
    bob = await world.member("Bob")
    carol = await world.member("Carol", Role.CHAIR)
    dave = await world.member("Dave")

    verified = await world.slash(ada, "verify", email="ada@example.org", registration_id="R-1")
    assert "Welcome, Ada" in text_of(verified)
    assert fake.member_roles == {ada.id: [fake.role_named("Registered")["id"]]}
    zone = await world.slash(ada, "timezone", zone="Europe/Paris")
    assert "Europe/Paris" in text_of(zone)

    card = await world.slash(ada, "social", "submit")
    saved = await world.fill(ada, card, [{**PAGE_ONE, "coleads": [bob.id]}, PAGE_TWO, PAGE_THREE])
    assert "Social proposal saved" in text_of(saved), text_of(saved)
    async with world.hw.uow() as uow:
        [social] = await uow.socials.for_event(world.hw.event.id)
    social_id = social.id
    assert social.slots[0].start == datetime(2021, 7, 19, 16, tzinfo=UTC)  # 18:00 in Paris

    await world.deliver()
    [ask] = world.dms(bob)
    assert f"social.confirm_lead:{social_id}" in buttons_of(ask)
    confirmed = await world.press(bob, ask, f"social.confirm_lead:{social_id}")
    assert "You are now a lead of Board games" in text_of(confirmed)

    await world.deliver()
    [card_posted] = world.posts("socials-chairs")
    assert f"social.approve:{social_id}" in buttons_of(card_posted)

    opened = await world.press(carol, card_posted, f"social.approve:{social_id}")
    approved = await world.fill(carol, opened, [{"message": "Lovely.", "release_now": False}])
    assert "Proposal approved" in text_of(approved)
    edits_before = len(fake.calls_to("PATCH", rf"/messages/{card_posted['id']}$"))
    await world.deliver()
    edited = fake.calls_to("PATCH", rf"/messages/{card_posted['id']}$")[edits_before:]
    assert edited and "approved" in text_of(edited[-1].body).lower()
    assert len(world.posts("socials-chairs")) == 1  # edited in place, not posted again

    audited = await audit_size(world, social_id)
    refused = await world.press(dave, card_posted, f"social.approve:{social_id}")
    assert refused.body["flags"] & 64
    assert "Only the chairs of ICML 2021" in text_of(refused)
    assert await audit_size(world, social_id) == audited

    released = await world.slash(carol, "social", "chairs", what="release")
    assert "1 decision(s) sent" in text_of(released)
    await world.deliver()
    start = int(datetime(2021, 7, 19, 16, tzinfo=UTC).timestamp())
    for lead in (ada, bob):
        [decision] = [m for m in world.dms(lead) if "is accepted" in text_of(m)]
        assert f"<t:{start}:F>" in text_of(decision)

    assert await world.sync_calendar() == 1
    [event] = fake.scheduled_events.values()
    assert (event["name"], event["scheduled_start_time"]) == (
        "Board games",
        "2021-07-19T16:00:00Z",
    )
