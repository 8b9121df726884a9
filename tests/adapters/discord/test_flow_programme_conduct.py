"""/programme and /conduct in Discord end to end: what runs now with its RSVP button, and a
report reaching the conduct team's channel, handled from its card."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.domain.participants import Role
from tests.adapters.discord.world import World, buttons_of, text_of
from tests.factories import stored_social

DURING = datetime(2021, 7, 19, 10, tzinfo=UTC)


async def test_programme_shows_what_runs_now_and_its_rsvp_button_works(world: World) -> None:
    world.clock.set(DURING)
    ada, bob, eve = (
        await world.member("Ada"),
        await world.member("Bob"),
        await world.member("Eve"),
    )
    social = await stored_social(
        world.hw,
        "Board games",
        [ada.person.id, bob.person.id],
        [DURING - timedelta(minutes=30)],
        released=True,
    )
    slot_id = social.slots[0].id
    shown = await world.slash(eve, "programme", "now")
    assert "Board games" in text_of(shown)
    assert f"social.rsvp:{slot_id}" in buttons_of(shown)
    receipt = await world.press(eve, shown, f"social.rsvp:{slot_id}")
    assert "Board games" in text_of(receipt)
    mine = await world.slash(eve, "programme", "mine")
    assert "Board games" in text_of(mine)
    assert f"social.cancel_rsvp:{slot_id}" in buttons_of(mine)


async def test_a_conduct_report_reaches_the_team_and_is_handled_from_its_card(
    world: World,
) -> None:
    eve = await world.member("Eve")
    tess = await world.member("Tess", Role.CONDUCT)
    card = await world.slash(eve, "conduct", "report")
    answers = {
        "about_kind": ["social"],
        "about": "Board games, Monday",
        "description": "Someone kept talking over others.",
        "anonymous": ["no"],
    }
    receipt = await world.fill(eve, card, [answers])
    assert "Report received" in text_of(receipt) or "received" in text_of(receipt).lower(), text_of(
        receipt
    )
    await world.deliver()
    [posted] = world.posts("conduct-team")
    handle = next(item for item in buttons_of(posted) if item.startswith("conduct.handle:"))
    refused = await world.press(eve, posted, handle)
    assert "conduct team" in text_of(refused).lower()
    form = await world.press(tess, posted, handle)
    handled = await world.fill(tess, form, [{"note": "Spoke with them."}])
    assert "marked handled" in text_of(handled)
