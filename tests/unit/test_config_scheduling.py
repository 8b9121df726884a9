"""Settings for the scheduler: a rehearsal clock and the platforms' pacing."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.bootstrap import clock_from, pacing_rules, tick_interval
from bot.clock import SimulatedClock, SystemClock
from bot.config import load_settings
from bot.delivery.pacing import Rate
from bot.errors import ConfigError

REHEARSAL = {"HALLWAY_SIMULATE_START": "2021-07-19T14:00:00Z", "HALLWAY_SIMULATE_SPEED": "60"}


def test_a_rehearsal_starts_the_clock_at_the_instant_given() -> None:
    settings = load_settings(REHEARSAL, None)
    clock = clock_from(settings)
    assert isinstance(clock, SimulatedClock)
    assert abs((clock.now() - datetime(2021, 7, 19, 14, tzinfo=UTC)).total_seconds()) < 60
    assert tick_interval(settings) == pytest.approx(0.2)  # a tick per 12 rehearsed seconds


def test_a_rehearsed_minute_passes_in_a_real_second_at_speed_60() -> None:
    real = [100.0]
    clock = SimulatedClock(datetime(2021, 7, 19, 14, tzinfo=UTC), 60, monotonic=lambda: real[0])
    real[0] += 1.0
    assert clock.now() == datetime(2021, 7, 19, 14, 1, tzinfo=UTC)


def test_without_a_rehearsal_the_clock_is_real_and_ticks_every_second() -> None:
    settings = load_settings({}, None)
    assert isinstance(clock_from(settings), SystemClock)
    assert tick_interval(settings) == 1.0


@pytest.mark.parametrize(
    ("name", "value", "problem"),
    [
        ("HALLWAY_SIMULATE_START", "tomorrow", "expected an ISO instant"),
        ("HALLWAY_SIMULATE_START", "2021-07-19T14:00", "say which zone"),
        ("HALLWAY_SIMULATE_SPEED", "-2", "expected a positive number"),
        ("SLACK_MESSAGES_PER_SECOND", "lots", "expected a positive number"),
    ],
)
def test_a_bad_scheduling_setting_names_itself(name: str, value: str, problem: str) -> None:
    with pytest.raises(ConfigError, match=f"{name} .*{problem}"):
        load_settings({name: value}, None)


def test_pacing_is_per_platform_and_can_be_changed() -> None:
    settings = load_settings(
        {"SLACK_MESSAGES_PER_SECOND": "3", "DISCORD_DIRECT_MESSAGES_PER_SECOND": "0.5"}, None
    )
    rules = pacing_rules(settings)
    assert rules["slack"].overall == Rate(3, 3)
    assert rules["slack"].per_conversation == Rate(1, 3)
    assert rules["discord"].direct == Rate(0.5, 2)
    assert rules["discord"].overall == Rate(40, 10)
