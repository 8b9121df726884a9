from __future__ import annotations

import pytest

from bot.app import Hallway
from bot.errors import HallwayError, NotAllowed, NotRegistered
from bot.services.identity import identify, set_timezone, verify
from tests.factories import register


async def accounts_of(hw: Hallway, participant_id: int, platform: str) -> object:
    async with hw.uow() as uow:
        return await uow.accounts.for_participant(participant_id, platform)


async def test_an_account_with_a_registered_email_is_linked_on_first_sight(hw: Hallway) -> None:
    ada = await register(hw, "ada@example.org", "Ada")
    actor = await identify(hw, "slack", "U1", email="ADA@example.org", zone="Europe/London")
    assert actor.participant is not None and actor.participant.id == ada.id
    assert actor.zone is not None and actor.zone.key == "Europe/London"
    again = await identify(hw, "slack", "U1")  # later events carry no e-mail
    assert again.participant is not None and again.participant.id == ada.id
    assert again.zone is not None and again.zone.key == "Europe/London"


async def test_an_unregistered_account_is_told_and_nothing_is_stored(hw: Hallway) -> None:
    actor = await identify(hw, "slack", "U9", email="stranger@example.org")
    assert actor.participant is None
    with pytest.raises(NotRegistered, match="/verify"):
        actor.registered(hw.event.name)
    async with hw.uow() as uow:
        assert await uow.accounts.find(hw.event.id, "slack", "U9") is None


async def test_a_second_account_does_not_take_over_a_linked_registration(hw: Hallway) -> None:
    await register(hw, "ada@example.org")
    await identify(hw, "slack", "U1", email="ada@example.org")
    other = await identify(hw, "slack", "U2", email="ada@example.org")
    assert other.participant is None


async def test_verify_links_with_email_and_registration_id(hw: Hallway) -> None:
    ada = await register(hw, "ada@example.org", registration_id="R-17")
    actor = await identify(hw, "discord", "111")
    linked = await verify(hw, actor, " ada@example.org", "R-17 ")
    assert linked.id == ada.id
    assert (await identify(hw, "discord", "111")).participant is not None


@pytest.mark.parametrize(
    ("email", "registration_id"), [("ada@example.org", "R-18"), ("x@y.org", "R-17")]
)
async def test_verify_refuses_a_wrong_pair_without_saying_which_half(
    hw: Hallway, email: str, registration_id: str
) -> None:
    await register(hw, "ada@example.org", registration_id="R-17")
    actor = await identify(hw, "discord", "111")
    with pytest.raises(
        NotAllowed, match=r"No registration .* matches that e-mail and registration id"
    ):
        await verify(hw, actor, email, registration_id)


async def test_verify_refuses_a_registration_linked_to_another_account(hw: Hallway) -> None:
    await register(hw, "ada@example.org", registration_id="R-17")
    first = await identify(hw, "discord", "111")
    await verify(hw, first, "ada@example.org", "R-17")
    second = await identify(hw, "discord", "222")
    with pytest.raises(NotAllowed, match="already linked to another discord account"):
        await verify(hw, second, "ada@example.org", "R-17")


async def test_verify_refuses_an_account_that_is_already_linked(hw: Hallway) -> None:
    await register(hw, "ada@example.org", registration_id="R-17")
    await register(hw, "bob@example.org", registration_id="R-18")
    actor = await identify(hw, "discord", "111")
    await verify(hw, actor, "ada@example.org", "R-17")
    linked = await identify(hw, "discord", "111")
    with pytest.raises(HallwayError, match=r"already linked to ada@example\.org"):
        await verify(hw, linked, "bob@example.org", "R-18")


async def test_the_same_person_can_link_one_account_per_platform(hw: Hallway) -> None:
    ada = await register(hw, "ada@example.org", registration_id="R-17")
    await identify(hw, "slack", "U1", email="ada@example.org")
    await verify(hw, await identify(hw, "discord", "111"), "ada@example.org", "R-17")
    assert await accounts_of(hw, ada.id, "slack") is not None
    assert await accounts_of(hw, ada.id, "discord") is not None


async def test_a_saved_time_zone_is_used_from_then_on(hw: Hallway) -> None:
    await register(hw, "ada@example.org")
    actor = await identify(hw, "discord", "111", email="ada@example.org")
    await set_timezone(hw, actor, "Asia/Tokyo")
    again = await identify(hw, "discord", "111")
    assert again.zone is not None and again.zone.key == "Asia/Tokyo"


async def test_an_unknown_platform_zone_is_ignored_not_stored(hw: Hallway) -> None:
    await register(hw, "ada@example.org")
    actor = await identify(hw, "slack", "U1", email="ada@example.org", zone="Mars/Olympus")
    assert actor.zone is None
