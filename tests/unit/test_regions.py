"""Which regions' daytime a slot reaches: hand-computed cases, the 08:00 and 22:00 edges, and
the exact rule checked against every offset of each region."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain.regions import (
    REGIONS,
    Region,
    inside_daytime_at,
    reaches,
    regions_reached,
)
from bot.timerules import Interval

DAY = datetime(2021, 7, 19, tzinfo=UTC)


def slot(hour: float, minutes: int = 120) -> Interval:
    return Interval.lasting(DAY + timedelta(hours=hour), minutes)


def test_a_slot_from_14_to_16_utc_reaches_europe_africa() -> None:
    # 14:00–16:00 at UTC+0, 17:00–19:00 at UTC+3.
    assert reaches(slot(14), Region.EUROPE_AFRICA)


def test_a_slot_from_14_to_16_utc_misses_the_americas_as_it_starts_at_7_at_utc_minus_7() -> None:
    assert not reaches(slot(14), Region.AMERICAS)


def test_a_slot_from_15_to_17_utc_reaches_the_americas_and_europe_only() -> None:
    # Americas 08:00–10:00 (−7) to 12:00–14:00 (−3); Asia 20:30–22:30 at +5:30 ends too late.
    assert regions_reached([slot(15)]) == {Region.AMERICAS, Region.EUROPE_AFRICA}


def test_a_slot_from_2_30_to_4_30_utc_reaches_asia_pacific() -> None:
    # 08:00–10:00 at +5:30, 12:30–14:30 at +10.
    assert regions_reached([slot(2.5)]) == {Region.ASIA_PACIFIC}


@pytest.mark.parametrize(
    ("region", "earliest_start_utc"),
    [(Region.AMERICAS, 15), (Region.EUROPE_AFRICA, 8), (Region.ASIA_PACIFIC, 2.5)],
)
def test_starting_at_exactly_08_00_at_the_lowest_offset_reaches(
    region: Region, earliest_start_utc: float
) -> None:
    assert reaches(slot(earliest_start_utc), region)
    assert not reaches(slot(earliest_start_utc - 0.5), region)


@pytest.mark.parametrize(
    ("region", "latest_start_utc"),
    # A 2-hour slot must end by 22:00 at the highest offset: 01:00 next day UTC at −3,
    # 19:00 UTC at +3, 12:00 UTC at +10.
    [(Region.AMERICAS, 23), (Region.EUROPE_AFRICA, 17), (Region.ASIA_PACIFIC, 10)],
)
def test_ending_at_exactly_22_00_at_the_highest_offset_reaches(
    region: Region, latest_start_utc: float
) -> None:
    assert reaches(slot(latest_start_utc), region)
    assert not reaches(slot(latest_start_utc + 0.5), region)


def test_ending_at_22_00_but_on_the_next_local_day_does_not_reach() -> None:
    # 24 hours long: starts 08:00 and "ends at 22:00" a day later — not within one daytime.
    assert not reaches(
        Interval.lasting(DAY + timedelta(hours=8), 14 * 60 + 24 * 60), Region.EUROPE_AFRICA
    )


def test_a_slot_longer_than_the_daytime_of_a_region_reaches_nothing() -> None:
    # Europe's daytime common to every offset is 08:00–19:00 UTC: 11 hours.
    assert reaches(Interval.lasting(DAY + timedelta(hours=8), 11 * 60), Region.EUROPE_AFRICA)
    assert not reaches(
        Interval.lasting(DAY + timedelta(hours=8), 11 * 60 + 30), Region.EUROPE_AFRICA
    )


def test_a_social_reaches_a_region_when_one_of_its_slots_does() -> None:
    double = [slot(15), slot(3)]  # a double session, twelve hours apart
    assert regions_reached(double) == set(REGIONS)
    assert regions_reached([]) == frozenset()


def test_the_offsets_of_each_region_as_the_design_gives_them() -> None:
    hours = {
        region: (region.offsets.low / timedelta(hours=1), region.offsets.high / timedelta(hours=1))
        for region in REGIONS
    }
    assert hours == {
        Region.AMERICAS: (-7, -3),
        Region.EUROPE_AFRICA: (0, 3),
        Region.ASIA_PACIFIC: (5.5, 10),
    }
    assert len(Region.ASIA_PACIFIC.offsets.grid()) == 10  # +5:30, +6:00, … +10:00


def test_the_slot_is_read_inside_daytime_at_one_offset() -> None:
    assert inside_daytime_at(slot(14), timedelta(hours=3))  # 17:00–19:00
    assert not inside_daytime_at(slot(14), timedelta(hours=-7))  # 07:00–09:00


# Hypothesis bounds are naive by its API; the values it draws carry UTC.
starts = st.datetimes(
    min_value=datetime(2021, 7, 16),  # noqa: DTZ001
    max_value=datetime(2021, 7, 26),  # noqa: DTZ001
    timezones=st.just(UTC),
)
lengths = st.integers(min_value=1, max_value=20 * 60)


@given(start=starts, minutes=lengths, region=st.sampled_from(REGIONS))
def test_the_exact_rule_agrees_with_checking_every_half_hour_offset(
    start: datetime, minutes: int, region: Region
) -> None:
    span = Interval.lasting(start, minutes)
    every = all(inside_daytime_at(span, offset) for offset in region.offsets.grid())
    assert reaches(span, region) == every


@given(start=starts, minutes=lengths, region=st.sampled_from(REGIONS))
def test_the_exact_rule_agrees_with_checking_every_minute_of_offset(
    start: datetime, minutes: int, region: Region
) -> None:
    span = Interval.lasting(start, minutes)
    fine = region.offsets.grid(timedelta(minutes=1))
    assert reaches(span, region) == all(inside_daytime_at(span, offset) for offset in fine)
