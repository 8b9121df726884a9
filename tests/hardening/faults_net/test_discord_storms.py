"""Discord's REST API in bad weather while a reminder wave goes out: 429s with `retry_after`,
server errors, answers lost on the way back, requests held past the timeout. When it clears,
each reminder is in its DM channel exactly once (Discord's enforced nonce, then the channel's
history, settle the doubtful ones), and the chairs read "m of m delivered"."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import timedelta

import pytest

from adapters.discord.messenger import DiscordMessenger
from adapters.discord.rest import DiscordRest
from bot.app import Hallway
from bot.clock import ManualClock
from bot.delivery.attempts import SendPolicy
from bot.delivery.dispatcher import Dispatcher
from bot.domain.delivery import DeliveryStatus
from bot.domain.participants import Account
from storage import Database
from tests.adapters.discord.fake_discord import FakeDiscord
from tests.adapters.weather import Weather, hang, lost_answer, server_error, throttled
from tests.factories import register
from tests.hardening.faults_net.storm_kit import (
    Simulation,
    chairs_view,
    drain,
    fan_out,
    statuses,
    tries,
)

PEOPLE = 30
POLICY = SendPolicy(send_timeout=0.2, lease=timedelta(seconds=20))


@pytest.fixture
async def wave(hw: Hallway) -> tuple[Hallway, dict[int, str]]:
    """Thirty people with linked Discord accounts, one reminder queued for each; returns the
    person → Discord user id."""
    on_discord = replace(hw, platforms=("discord",))
    users = {}
    for n in range(PEOPLE):
        person = await register(on_discord, f"p{n}@example.org")
        users[person.id] = f"88{n:016d}"
    async with on_discord.uow() as uow:
        for pid, user_id in users.items():
            uow.accounts.add(Account(on_discord.event.id, pid, "discord", user_id))
        await uow.commit()
    await fan_out(on_discord, users)
    return on_discord, users


@pytest.fixture
async def rest(fake_discord: FakeDiscord) -> AsyncIterator[DiscordRest]:
    client = DiscordRest("token", fake_discord.api_url)
    yield client
    await client.close()


def sending(hw: Hallway, fake: FakeDiscord, rest: DiscordRest, sim: Simulation) -> Dispatcher:
    messenger = DiscordMessenger(rest, fake.guild_id)
    pacers = {"discord": sim.pacer()}
    return Dispatcher(hw, {"discord": messenger}, pacers=pacers, policy=POLICY, wall=sim.wall)


def reminders_per_person(fake: FakeDiscord, users: dict[int, str]) -> Counter[str]:
    """How many reminders each person's DM channel holds."""
    dm_of = {fake.dm_channel_of(user_id): user_id for user_id in users.values()}
    return Counter(
        dm_of[posted["channel_id"]]
        for posted in fake.messages.values()
        if posted["channel_id"] in dm_of
    )


async def storm_then_clear(
    wave: tuple[Hallway, dict[int, str]],
    fake: FakeDiscord,
    rest: DiscordRest,
    clock: ManualClock,
    database: Database,
    weather: Weather,
) -> float:
    hw, users = wave
    sim = Simulation.starting(clock)
    if weather.until is not None:
        weather.until += sim.seconds()  # given as seconds from the start
    weather.now = sim.seconds
    fake.weather = weather
    took = await drain(sim, sending(hw, fake, rest, sim), database)
    assert reminders_per_person(fake, users) == Counter(dict.fromkeys(users.values(), 1))
    assert await statuses(database) == {DeliveryStatus.SENT: PEOPLE}
    return took


async def test_a_429_storm_of_five_seconds_is_waited_out_without_counting_as_failures(
    wave: tuple[Hallway, dict[int, str]],
    fake_discord: FakeDiscord,
    rest: DiscordRest,
    clock: ManualClock,
    database: Database,
) -> None:
    storm = Weather([(throttled(retry_after=1.5), 1.0)], until=5)
    took = await storm_then_clear(wave, fake_discord, rest, clock, database, storm)
    assert storm.seen["429"] > 0 and took >= 5
    failed_tries, throttled_tries = await tries(database)
    assert failed_tries == 0 and throttled_tries > 0


async def test_server_errors_and_lost_answers_leave_no_duplicate(
    wave: tuple[Hallway, dict[int, str]],
    fake_discord: FakeDiscord,
    rest: DiscordRest,
    clock: ManualClock,
    database: Database,
) -> None:
    storm = Weather([(server_error(502), 1.0), (lost_answer(500), 1.0)], share=0.5, requests=40)
    await storm_then_clear(wave, fake_discord, rest, clock, database, storm)
    assert storm.seen["lost"] > 0 and storm.seen["5xx"] > 0


async def test_posts_held_past_the_timeout_are_settled_by_the_nonce(
    wave: tuple[Hallway, dict[int, str]],
    fake_discord: FakeDiscord,
    rest: DiscordRest,
    clock: ManualClock,
    database: Database,
) -> None:
    held = [(hang(0.5, done=True), 1.0), (hang(0.5), 1.0)]
    posts = r"POST /channels/\d+/messages"
    storm = Weather(held, share=0.5, requests=12, affects=lambda r: bool(re.fullmatch(posts, r)))
    await storm_then_clear(wave, fake_discord, rest, clock, database, storm)
    assert storm.seen["hang"] == 12


async def test_after_a_mixed_storm_the_chairs_read_every_reminder_delivered(
    wave: tuple[Hallway, dict[int, str]],
    fake_discord: FakeDiscord,
    rest: DiscordRest,
    clock: ManualClock,
    database: Database,
) -> None:
    mix = [
        (throttled(retry_after=1), 3.0),
        (server_error(503), 1.0),
        (lost_answer(), 1.0),
        (hang(0.3, done=True), 0.5),
    ]
    storm = Weather(mix, share=0.6, until=30)
    await storm_then_clear(wave, fake_discord, rest, clock, database, storm)
    view = await chairs_view(wave[0])
    assert (view.delivered, view.meant_for, view.failed, view.waiting) == (PEOPLE, PEOPLE, 0, 0)
