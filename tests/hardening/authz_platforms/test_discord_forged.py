"""Forged Discord interactions through the real client: a modal sent back under the custom id
of someone else's open form, stale or made-up custom ids, buttons naming other people's records,
and commands, buttons and modals from another server or a direct message. Each is refused with
an ephemeral sentence; nothing is written and nothing is posted in a channel."""

from __future__ import annotations

import pytest

from bot.domain.participants import Role
from bot.domain.socials import Decision
from bot.services.mentoring_bookings import book_session
from bot.services.mentoring_sessions import SessionDraft, schedule_session
from storage import Database
from tests.adapters.discord.form_routes import actor_of, mentor
from tests.adapters.discord.interactions import APPLICATION_COMMAND, command_data, component_data
from tests.adapters.discord.world import World, text_of
from tests.hardening.authz_platforms.discord_forging import (
    OTHER_GUILD,
    ephemeral,
    forged_modal,
    from_guild,
    in_dm,
    open_modal,
    posted_to_channels,
    press_from_guild,
    two_proposals,
    unchanged,
)
from tests.hardening.authz_platforms.snapshot import contents
from tests.hardening.authz_platforms.world_times import SLOT


def said(answer: object, sentence: str) -> bool:
    return sentence.lower() in text_of(answer).lower()  # type: ignore[arg-type]


async def decision_of(world: World, social_id: int) -> Decision | None:
    async with world.hw.uow() as uow:
        social = await uow.socials.get(social_id)
    assert social is not None
    return social.decision


async def test_two_chairs_with_the_same_form_open_each_decide_their_own_proposal(
    world: World,
) -> None:
    """discord.py files modals by custom id alone: the second chair's modal used to replace the
    first's, so the first chair's submission approved the second chair's proposal."""
    first, second = await two_proposals(world)
    carol = await world.member("Carol", Role.CHAIR)
    dave = await world.member("Dave", Role.CHAIR)
    carols = await open_modal(world, carol, f"social.approve:{first}")
    daves = await open_modal(world, dave, f"social.reject:{second}")
    await open_modal(world, dave, f"social.approve:{second}")  # Dave opens approve after Carol
    done = await world.submit(carol, carols, {"message": "Lovely."})
    assert said(done, "Proposal approved") and said(done, "Board games"), text_of(done)
    assert await decision_of(world, first) is Decision.ACCEPTED
    assert await decision_of(world, second) is None
    rejected = await world.submit(dave, daves, {"message": "Full programme."})
    assert said(rejected, "Chess club")
    assert await decision_of(world, second) is Decision.REJECTED


async def test_a_modal_sent_back_under_a_chairs_custom_id_is_refused_and_the_chairs_form_kept(
    world: World, database: Database
) -> None:
    first, _second = await two_proposals(world)
    carol = await world.member("Carol", Role.CHAIR)
    mallory = await world.member("Mallory")
    carols = await open_modal(world, carol, f"social.approve:{first}")
    before, calls = await contents(database), len(world.fake.calls)
    copied = carols.body["data"]["custom_id"]
    answer = await forged_modal(world, mallory, copied, {"message": "Mallory was here"})
    assert ephemeral(answer) and said(answer, "That form has expired")
    assert await unchanged(database, before) == {}
    assert posted_to_channels(world, calls) == []
    done = await world.submit(carol, carols, {})
    assert said(done, "Proposal approved")
    assert "Mallory was here" not in repr(await contents(database))  # her text never got in


FORGED_MODALS = [
    "~modal:social.approve:0",
    "~modal:social.combine:1",
    "~modal:conduct.handle:0",
    "~modal:social.edit:2",
    "~modal:nothing:0",
    "~modal:social.approve:999",
]


@pytest.mark.parametrize("custom_id", FORGED_MODALS)
async def test_a_modal_never_opened_is_answered_as_expired_and_changes_nothing(
    world: World, database: Database, custom_id: str
) -> None:
    await two_proposals(world)
    mallory = await world.member("Mallory", Role.CHAIR)  # even a chair: no form was open
    before, calls = await contents(database), len(world.fake.calls)
    answer = await forged_modal(world, mallory, custom_id, {"message": "x", "other": "1"})
    assert ephemeral(answer) and said(answer, "That form has expired")
    assert await unchanged(database, before) == {}
    assert posted_to_channels(world, calls) == []


async def test_records_of_other_people_named_in_a_button_are_refused(
    world: World, database: Database
) -> None:
    """Each button names another person's proposal, booking or session; whoever presses it is
    refused by the core, ephemerally, and nothing changes."""
    first, _second = await two_proposals(world)
    alan = await mentor(world)
    offered = await schedule_session(
        world.hw, await actor_of(world, alan), SessionDraft(SLOT, 2, ["careers"], None, "", None)
    )
    ben, eve = await world.member("Ben"), await world.member("Eve")
    grace = await world.member("Grace", Role.MENTOR)
    await book_session(world.hw, await actor_of(world, ben), offered.id, "")
    cases = [
        (eve, f"social.edit:{first}"),
        (eve, f"social.accept_suggestion:{first}"),
        (eve, f"social.decline_lead:{first}"),
        (eve, f"social.approve:{first}"),
        (eve, f"social.release:{first}"),
        (grace, f"mentor.edit:{offered.id}"),
        (grace, f"mentor.end:{offered.id}"),
        (eve, f"conduct.handle:{first}"),
    ]
    before, calls = await contents(database), len(world.fake.calls)
    for who, custom_id in cases:
        answer = await world.press_new(who, custom_id)
        assert ephemeral(answer), custom_id
        assert not said(answer, "Sorry, something went wrong"), custom_id
        assert not said(answer, "Open the form"), f"{custom_id}: {text_of(answer)}"
    assert await unchanged(database, before) == {}
    assert posted_to_channels(world, calls) == []


async def test_a_booking_cancelled_with_someone_elses_session_id_cancels_only_ones_own(
    world: World, database: Database
) -> None:
    alan = await mentor(world)
    offered = await schedule_session(
        world.hw, await actor_of(world, alan), SessionDraft(SLOT, 2, ["careers"], None, "", None)
    )
    ben, eve = await world.member("Ben"), await world.member("Eve")
    await book_session(world.hw, await actor_of(world, ben), offered.id, "")
    before = await contents(database)
    answer = await world.press_new(eve, f"mentoring.cancel_booking:{offered.id}")
    assert ephemeral(answer) and not said(answer, "Sorry, something went wrong")
    assert await unchanged(database, before) == {}  # Ben is still booked


async def test_a_button_from_another_server_is_refused(world: World, database: Database) -> None:
    first, _second = await two_proposals(world)
    carol = await world.member("Carol", Role.CHAIR)
    before, calls = await contents(database), len(world.fake.calls)
    for custom_id in (f"social.release:{first}", f"social.approve:{first}", "conduct.policy:"):
        answer = await press_from_guild(world, carol, custom_id, OTHER_GUILD)
        assert ephemeral(answer) and said(answer, "own Discord server")
    opener = await press_from_guild(world, carol, "~form:open:social.approve", OTHER_GUILD)
    assert said(opener, "own Discord server")
    assert await unchanged(database, before) == {}
    assert posted_to_channels(world, calls) == []


async def test_a_modal_from_another_server_is_refused_even_with_the_form_open(
    world: World, database: Database
) -> None:
    first, _second = await two_proposals(world)
    carol = await world.member("Carol", Role.CHAIR)
    modal = await open_modal(world, carol, f"social.approve:{first}")
    before = await contents(database)
    data = {"custom_id": modal.body["data"]["custom_id"], "components": []}
    answer = await from_guild(world, carol, 5, data, OTHER_GUILD)
    assert ephemeral(answer) and said(answer, "own Discord server")
    assert await unchanged(database, before) == {}


@pytest.mark.parametrize("where", ["another server", "a direct message"])
async def test_a_slash_command_outside_the_conference_server_is_refused(
    world: World, database: Database, where: str
) -> None:
    carol = await world.member("Carol", Role.CHAIR)
    before, calls = await contents(database), len(world.fake.calls)
    for name, verb in (("social", "chairs"), ("whoami", None), ("conduct", "list")):
        data = command_data(name, [], verb=verb)
        if where == "another server":
            answer = await from_guild(
                world, carol, APPLICATION_COMMAND, {**data, "guild_id": OTHER_GUILD}, OTHER_GUILD
            )
        else:
            answer = await in_dm(world, carol, APPLICATION_COMMAND, data)
        assert ephemeral(answer) and said(answer, "not available here"), text_of(answer)
    assert await unchanged(database, before) == {}
    assert posted_to_channels(world, calls) == []


async def test_a_button_hallway_sent_in_a_direct_message_still_works_there(world: World) -> None:
    """Direct messages are not "elsewhere": a co-lead's request is answered there."""
    carol = await world.member("Carol")
    answer = await in_dm(world, carol, 3, component_data("conduct.policy:"))
    assert said(answer, "Code of conduct")
