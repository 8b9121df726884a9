"""Buttons route by their custom id to the shared action table, before and after a restart."""

from __future__ import annotations

from bot.app import Hallway
from bot.domain.participants import Role
from tests.adapters.discord.conftest import connected
from tests.adapters.discord.fake_discord import FakeDiscord
from tests.adapters.discord.helpers import custom_ids, embed_text, link, press, slash
from tests.adapters.discord.interactions import INTEGER, DiscordUser, new_user, option
from tests.adapters.discord.router_for_tests import Recorder, build_test_router
from tests.factories import register


async def chair(hw: Hallway) -> DiscordUser:
    user = new_user("carol")
    await link(hw, await register(hw, "carol@example.org", "Carol", Role.CHAIR), user)
    return user


async def test_a_button_carries_its_action_and_value_as_custom_id(
    fake: FakeDiscord, hw: Hallway
) -> None:
    async with connected(fake, hw, build_test_router(Recorder())):
        card = await slash(
            fake, new_user("ada"), "survey", option("number", 42, INTEGER), verb="card"
        )
    assert custom_ids(card) == ["survey.approve:42"]


async def test_a_chair_pressing_approve_reaches_the_action(fake: FakeDiscord, hw: Hallway) -> None:
    recorder, carol = Recorder(), await chair(hw)
    async with connected(fake, hw, build_test_router(recorder)):
        card = await slash(fake, carol, "survey", option("number", 42, INTEGER), verb="card")
        answer = await press(fake, carol, card, "survey.approve:42")
    assert embed_text(answer) == "Approved 42"
    assert answer.body["flags"] & 64
    assert recorder.pressed == [(carol.id, "42")]


async def test_a_non_chair_pressing_a_chairs_button_is_refused_and_nothing_changes(
    fake: FakeDiscord, hw: Hallway
) -> None:
    recorder, carol, ada = Recorder(), await chair(hw), new_user("ada")
    await link(hw, await register(hw, "ada@example.org", "Ada"), ada)
    async with connected(fake, hw, build_test_router(recorder)):
        card = await slash(fake, carol, "survey", option("number", 42, INTEGER), verb="card")
        answer = await press(fake, ada, card, "survey.approve:42")
    assert "Only the chairs of ICML 2021 can approve surveys." in embed_text(answer)
    assert answer.body["flags"] & 64
    assert recorder.pressed == []


async def test_a_button_posted_before_a_restart_still_works(fake: FakeDiscord, hw: Hallway) -> None:
    recorder, carol = Recorder(), await chair(hw)
    async with connected(fake, hw, build_test_router(recorder)):
        card = await slash(fake, carol, "survey", option("number", 7, INTEGER), verb="card")
    async with connected(fake, hw, build_test_router(recorder)):  # a new process, a new client
        answer = await press(fake, carol, card, "survey.approve:7")
    assert len(fake.gateway.identified) == 2
    assert embed_text(answer) == "Approved 7"
    assert recorder.pressed == [(carol.id, "7")]


async def test_a_button_whose_action_is_gone_says_so(fake: FakeDiscord, hw: Hallway) -> None:
    async with connected(fake, hw, build_test_router(Recorder())):
        card = await slash(
            fake, new_user("ada"), "survey", option("number", 7, INTEGER), verb="card"
        )
        card.response["components"][0]["components"][0]["custom_id"] = "survey.retired:7"
        answer = await press(fake, new_user("ada"), card, "survey.retired:7")
    assert "That button no longer does anything." in embed_text(answer)
