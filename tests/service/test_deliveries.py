"""Chairs see, per fan-out, "n of m delivered", failures and skips with their reasons."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.app import Hallway
from bot.commands import build_router
from bot.delivery.dispatcher import Dispatcher
from bot.delivery.outbox import tell_person
from bot.domain.participants import Role
from bot.errors import NotAllowed, NotFound
from bot.interaction import Actor, Reply
from bot.messages import message, plain
from bot.ports import DeliveryError
from bot.services.deliveries import fanout_status, recent_fanouts
from tests.factories import actor, register
from tests.fakes import RecordingMessenger
from tests.schedule_kit import people


async def chair(hw: Hallway) -> Actor:
    await register(hw, "chair@example.org", "Chair", Role.CHAIR)
    return await actor(hw, "chair@example.org")


async def remind(hw: Hallway, person_ids: list[int], fanout: str = "remind:quiz") -> None:
    async with hw.uow() as uow:
        for pid in person_ids:
            await tell_person(hw, uow, pid, message("Quiz starts soon"), fanout, fanout=fanout)
        await uow.commit()


async def half_delivered(hw: Hallway, messenger: RecordingMessenger) -> None:
    """Two delivered, one refused for good, one with no account anywhere."""
    ada, bob, cat = await people(hw, "ada", "bob", "cat")
    nobody = await register(hw, "nobody@example.org")
    await remind(hw, [ada, bob, cat, nobody.id])
    messenger.failures.append(DeliveryError("user_not_found", permanent=True))
    await Dispatcher(hw, {"fake": messenger}).deliver_due()


async def test_chairs_see_n_of_m_delivered_with_the_reasons(
    hw: Hallway, messenger: RecordingMessenger
) -> None:
    await half_delivered(hw, messenger)
    status = await fanout_status(hw, await chair(hw), "remind:quiz")
    assert (status.delivered, status.meant_for, status.failed, status.skipped) == (2, 3, 1, 1)
    assert status.failures == (("user_not_found", 1),)
    assert status.skips == (("nobody to reach", 1),)
    assert status.title == "Quiz starts soon"


async def test_someone_reached_on_one_platform_of_two_counts_as_delivered(
    hw: Hallway, messenger: RecordingMessenger
) -> None:
    both = replace(hw, platforms=("fake", "other"))
    [ada] = await people(hw, "ada")
    await remind(both, [ada])
    other = RecordingMessenger(platform="other")
    other.failures.append(DeliveryError("cannot_dm", permanent=True))
    await Dispatcher(both, {"fake": messenger, "other": other}).deliver_due()
    status = await fanout_status(both, await chair(hw), "remind:quiz")
    assert (status.delivered, status.meant_for, status.failed) == (1, 1, 0)


async def test_only_chairs_see_deliveries(hw: Hallway) -> None:
    await people(hw, "ada")
    with pytest.raises(NotAllowed, match="Only the chairs"):
        await recent_fanouts(hw, await actor(hw, "ada@example.org"))


async def test_an_unknown_fanout_is_named_back(hw: Hallway) -> None:
    with pytest.raises(NotFound, match="No deliveries belong to “nope”"):
        await fanout_status(hw, await chair(hw), "nope")


async def test_the_command_lists_recent_fanouts_newest_first(
    hw: Hallway, messenger: RecordingMessenger
) -> None:
    await half_delivered(hw, messenger)
    await remind(hw, [], "empty")
    router = build_router()
    reply = await router.run_text(hw, await chair(hw), "hallway", "deliveries")
    assert isinstance(reply, Reply)
    shown = plain(reply.message)
    assert "2 of 3 delivered, 1 failed, 1 skipped." in shown
    assert "Failed ×1: user_not_found" in shown
    assert "fan-out: remind:quiz" in shown
    one = await router.run_text(hw, await chair(hw), "hallway", "deliveries remind:quiz")
    assert isinstance(one, Reply) and "2 of 3 delivered" in plain(one.message)
