"""User text never pings or formats; only people Hallway names on purpose are mentioned."""

from __future__ import annotations

from bot.app import Hallway
from tests.adapters.discord.conftest import connected
from tests.adapters.discord.fake_discord import FakeDiscord
from tests.adapters.discord.helpers import link, slash
from tests.adapters.discord.interactions import new_user, option
from tests.adapters.discord.router_for_tests import Recorder, build_test_router
from tests.factories import register

SNEAKY = "@everyone <@880000000000000999> <@&880000000000000998> <#880000000000000997> **loud**"


async def test_user_text_is_sent_with_mentions_disabled_and_escaped(
    fake: FakeDiscord, hw: Hallway
) -> None:
    async with connected(fake, hw, build_test_router(Recorder())):
        answer = await slash(fake, new_user("eve"), "survey", option("words", SNEAKY), verb="echo")
    assert answer.body["allowed_mentions"] == {"parse": [], "users": []}
    shown = answer.body["embeds"][0]["description"]
    assert "@\u200beveryone" in shown
    assert "<@880000000000000999>" not in shown and "<@&880000000000000998>" not in shown
    assert "<#880000000000000997>" not in shown
    assert r"\*\*loud\*\*" in shown


async def test_hallway_mentions_a_linked_person_on_purpose_only(
    fake: FakeDiscord, hw: Hallway
) -> None:
    ada = new_user("ada")
    await link(hw, await register(hw, "ada@example.org", "Ada"), ada)
    async with connected(fake, hw, build_test_router(Recorder())):
        answer = await slash(fake, ada, "survey", option("words", "hello"), verb="echo")
    assert answer.body["embeds"][0]["description"].endswith(f"<@{ada.id}>")
    assert answer.body["allowed_mentions"] == {"parse": [], "users": [int(ada.id)]}


async def test_an_unlinked_person_is_named_not_mentioned(fake: FakeDiscord, hw: Hallway) -> None:
    async with connected(fake, hw, build_test_router(Recorder())):
        answer = await slash(fake, new_user("eve"), "survey", option("words", "hi"), verb="echo")
    assert answer.body["embeds"][0]["description"].endswith("nobody")
    assert answer.body["allowed_mentions"] == {"parse": [], "users": []}
