"""Slack in bad weather while a reminder wave goes out: 429 storms, server errors, answers lost
on the way back and requests held past the timeout. When the weather clears, every reminder is
in Slack exactly once (by its key in the message metadata), the outbox says so, and the chairs
read "m of m delivered"."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from adapters.slack.app import web_client
from adapters.slack.messenger import SlackMessenger
from bot.app import Hallway
from bot.clock import ManualClock
from bot.delivery.attempts import SendPolicy
from bot.delivery.dispatcher import Dispatcher
from bot.domain.delivery import DeliveryStatus
from storage import Database
from tests.adapters.slack.fake_slack import FakeSlack
from tests.adapters.weather import Weather, hang, lost_answer, server_error, throttled
from tests.factories import register
from tests.hardening.faults_net.storm_kit import (
    Simulation,
    assert_each_once,
    chairs_view,
    drain,
    fan_out,
    statuses,
    tries,
)

PEOPLE = 30
POLICY = SendPolicy(send_timeout=0.2, lease=timedelta(seconds=20))


@pytest.fixture
async def wave(hw: Hallway, fake_slack: FakeSlack) -> tuple[Hallway, list[str]]:
    """Thirty people known to Slack by e-mail (not yet linked), one reminder queued for each."""
    on_slack = replace(hw, platforms=("slack",))
    ids = []
    for n in range(PEOPLE):
        email = f"p{n}@example.org"
        fake_slack.add_user(f"U{n:06d}", email)
        ids.append((await register(on_slack, email)).id)
    return on_slack, await fan_out(on_slack, ids)


def sending(hw: Hallway, fake: FakeSlack, sim: Simulation) -> Dispatcher:
    fake.wall = sim.seconds  # Slack's timestamps follow the simulated wall
    messenger = SlackMessenger(web_client("xoxb-test", fake.api_url))
    pacers = {"slack": sim.pacer()}
    return Dispatcher(hw, {"slack": messenger}, pacers=pacers, policy=POLICY, wall=sim.wall)


def received(fake: FakeSlack) -> list[str]:
    return [
        posted["metadata"]["event_payload"]["key"]
        for channel in fake.messages.values()
        for posted in channel
        if posted.get("metadata")
    ]


async def storm_then_clear(
    hw: Hallway, fake: FakeSlack, clock: ManualClock, database: Database, weather: Weather
) -> tuple[Simulation, float]:
    """The wave goes out under `weather` until everything is settled; (simulation, seconds)."""
    sim = Simulation.starting(clock)
    weather.now = sim.seconds
    fake.weather = weather
    took = await drain(sim, sending(hw, fake, sim), database)
    return sim, took


async def test_a_429_storm_of_five_seconds_delays_the_wave_and_loses_nothing(
    wave: tuple[Hallway, list[str]], fake_slack: FakeSlack, clock: ManualClock, database: Database
) -> None:
    hw, keys = wave
    sim = Simulation.starting(clock)
    storm = Weather([(throttled(retry_after=2), 1.0)], until=sim.until(5), now=sim.seconds)
    fake_slack.weather = storm
    took = await drain(sim, sending(hw, fake_slack, sim), database)
    assert storm.seen["429"] > 0
    assert took >= 5  # nothing got through before the storm ended
    assert_each_once(keys, received(fake_slack))
    assert await statuses(database) == {DeliveryStatus.SENT: PEOPLE}
    failed_tries, _ = await tries(database)
    assert failed_tries == 0  # a 429 is the platform's mood, not a failed try


async def test_server_errors_and_lost_answers_are_settled_without_a_duplicate(
    wave: tuple[Hallway, list[str]], fake_slack: FakeSlack, clock: ManualClock, database: Database
) -> None:
    """Half of the next 40 calls fail; a lost answer means Slack posted it and said 502."""
    hw, keys = wave
    storm = Weather([(server_error(), 1.0), (lost_answer(), 1.0)], share=0.5, requests=40)
    await storm_then_clear(hw, fake_slack, clock, database, storm)
    assert storm.seen["lost"] > 0 and storm.seen["5xx"] > 0
    assert_each_once(keys, received(fake_slack))
    assert await statuses(database) == {DeliveryStatus.SENT: PEOPLE}
    assert fake_slack.called("conversations.history")  # the lost ones were looked up


async def test_requests_held_past_the_timeout_are_found_or_sent_again_once(
    wave: tuple[Hallway, list[str]], fake_slack: FakeSlack, clock: ManualClock, database: Database
) -> None:
    """Held 0.5 s against a 0.2 s timeout: some carried out meanwhile, some not."""
    hw, keys = wave
    held = [(hang(0.5, done=True), 1.0), (hang(0.5), 1.0)]
    storm = Weather(held, share=0.5, requests=12, affects=lambda m: m == "chat.postMessage")
    await storm_then_clear(hw, fake_slack, clock, database, storm)
    assert storm.seen["hang"] == 12
    assert_each_once(keys, received(fake_slack))
    assert await statuses(database) == {DeliveryStatus.SENT: PEOPLE}


async def test_after_a_mixed_storm_the_chairs_read_every_reminder_delivered(
    wave: tuple[Hallway, list[str]], fake_slack: FakeSlack, clock: ManualClock, database: Database
) -> None:
    hw, keys = wave
    mix = [
        (throttled(retry_after=1), 3.0),
        (server_error(500), 1.0),
        (lost_answer(), 1.0),
        (hang(0.3, done=True), 0.5),
    ]
    sim = Simulation.starting(clock)
    storm = Weather(mix, share=0.6, until=sim.until(30), now=sim.seconds)
    fake_slack.weather = storm
    await drain(sim, sending(hw, fake_slack, sim), database)
    assert_each_once(keys, received(fake_slack))
    view = await chairs_view(hw)
    assert (view.delivered, view.meant_for, view.failed, view.waiting) == (PEOPLE, PEOPLE, 0, 0)
