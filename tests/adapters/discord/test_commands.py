"""Slash commands generated from the router, answered through the real client."""

from __future__ import annotations

from bot.app import Hallway
from bot.commands import build_router
from tests.adapters.discord.conftest import connected
from tests.adapters.discord.fake_discord import FakeDiscord
from tests.adapters.discord.helpers import embed_text, link, slash
from tests.adapters.discord.interactions import AUTOCOMPLETE, command_data, new_user, option
from tests.adapters.discord.router_for_tests import Recorder, build_test_router
from tests.factories import register


async def test_the_synced_commands_are_the_routers_commands(fake: FakeDiscord, hw: Hallway) -> None:
    router = build_test_router(Recorder())
    async with connected(fake, hw, router):
        synced = {item["name"]: item for item in fake.synced_commands}
    assert sorted(synced) == router.names()
    survey = {sub["name"]: sub for sub in synced["survey"]["options"]}
    assert sorted(survey) == ["card", "echo", "fill", "pick"]
    assert all(sub["type"] == 1 for sub in survey.values())


async def test_option_kinds_become_discord_option_types(fake: FakeDiscord, hw: Hallway) -> None:
    async with connected(fake, hw, build_test_router(Recorder())):
        survey = next(item for item in fake.synced_commands if item["name"] == "survey")
    pick = next(sub for sub in survey["options"] if sub["name"] == "pick")
    kinds = {item["name"]: (item["type"], item["required"]) for item in pick["options"]}
    assert kinds == {"number": (4, True), "colour": (3, False), "who": (6, False)}
    colour = next(item for item in pick["options"] if item["name"] == "colour")
    assert [choice["value"] for choice in colour["choices"]] == ["red", "blue"]


async def test_a_lone_verb_is_a_top_level_command_with_its_options(
    fake: FakeDiscord, hw: Hallway
) -> None:
    async with connected(fake, hw, build_router()):
        verify = next(item for item in fake.synced_commands if item["name"] == "verify")
    assert [(o["name"], o["type"], o["required"]) for o in verify["options"]] == [
        ("email", 3, True),
        ("registration_id", 3, True),
    ]


async def test_help_lists_the_commands(fake: FakeDiscord, client: object) -> None:
    answer = await slash(fake, new_user("ada"), "help")
    assert r"/verify <email> <registration\_id>" in embed_text(answer)  # markdown-escaped


async def test_every_answer_is_deferred_first_then_followed_up(
    fake: FakeDiscord, client: object
) -> None:
    answer = await slash(fake, new_user("ada"), "whoami")
    token = answer.path.split("/")[3]
    kinds = [
        (c.method, c.path.split("/")[1], (c.body or {}).get("type"))
        for c in fake.calls
        if token in c.path
    ]
    assert kinds == [("POST", "interactions", 5), ("POST", "webhooks", None)]
    assert next(c for c in fake.calls if token in c.path).body["data"]["flags"] == 64


async def test_timezone_is_saved_for_a_linked_member(
    fake: FakeDiscord, hw: Hallway, client: object
) -> None:
    user = new_user("ada")
    await link(hw, await register(hw, "ada@example.org"), user)
    answer = await slash(fake, user, "timezone", option("zone", "Asia/Tokyo"))
    assert "Times you type are now read in **Asia/Tokyo**" in embed_text(answer)
    whoami = await slash(fake, user, "whoami")
    assert "Time zone: Asia/Tokyo" in embed_text(whoami)


async def test_an_unknown_zone_is_answered_with_suggestions(
    fake: FakeDiscord, hw: Hallway, client: object
) -> None:
    user = new_user("ada")
    await link(hw, await register(hw, "ada@example.org"), user)
    answer = await slash(fake, user, "timezone", option("zone", "Tokio"))
    assert "is not a time zone name" in embed_text(answer)


async def test_timezone_autocompletes_zone_names(fake: FakeDiscord, client: object) -> None:
    data = command_data("timezone", [option("zone", "tokyo", focused=True)])
    answer = await fake.answer(await fake.interact(new_user("ada"), AUTOCOMPLETE, data))
    assert answer.body["type"] == 8
    assert [c["value"] for c in answer.body["data"]["choices"]] == ["Asia/Tokyo"]


async def test_verify_links_the_account_and_gives_the_registered_role(
    fake: FakeDiscord, hw: Hallway, client: object
) -> None:
    await register(hw, "ada@example.org", "Ada", registration_id="R-1")
    user = new_user("ada")
    answer = await slash(
        fake, user, "verify", option("email", "ada@example.org"), option("registration_id", "R-1")
    )
    assert "Welcome, Ada" in embed_text(answer)
    assert fake.member_roles == {user.id: [fake.role_named("Registered")["id"]]}
    assert "Registered for **ICML 2021**" in embed_text(await slash(fake, user, "whoami"))


async def test_verify_with_a_wrong_registration_id_links_nothing(
    fake: FakeDiscord, hw: Hallway, client: object
) -> None:
    await register(hw, "ada@example.org", "Ada", registration_id="R-1")
    user = new_user("ada")
    answer = await slash(
        fake, user, "verify", option("email", "ada@example.org"), option("registration_id", "R-2")
    )
    assert "No registration of ICML 2021 matches" in embed_text(answer)
    assert fake.member_roles == {}


async def test_verify_of_a_registration_linked_elsewhere_is_refused(
    fake: FakeDiscord, hw: Hallway, client: object
) -> None:
    await link(
        hw, await register(hw, "ada@example.org", "Ada", registration_id="R-1"), new_user("ada-old")
    )
    answer = await slash(
        fake,
        new_user("ada"),
        "verify",
        option("email", "ada@example.org"),
        option("registration_id", "R-1"),
    )
    assert "already linked to another discord account" in embed_text(answer)


async def test_verify_without_the_role_in_the_server_says_so_and_links_anyway(
    fake: FakeDiscord, hw: Hallway
) -> None:
    fake.roles = [role for role in fake.roles if role["name"] != "Registered"]
    await register(hw, "ada@example.org", "Ada", registration_id="R-1")
    user = new_user("ada")
    async with connected(fake, hw, build_router()):
        answer = await slash(
            fake,
            user,
            "verify",
            option("email", "ada@example.org"),
            option("registration_id", "R-1"),
        )
        shown = embed_text(answer)
    assert "no role called “Registered”" in shown and "Welcome, Ada" in shown
    assert fake.calls_to("PUT", r"/roles/") == []
