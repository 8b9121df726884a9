from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.timefmt import discord_timestamp, iso_utc, plain_time, slack_date
from bot.timerules import (
    AmbiguousLocalTime,
    Interval,
    NonexistentLocalTime,
    TimeInputError,
    aoe_end_of,
    conference_window,
    local_to_utc,
    parse_local,
    suggest_zones,
    zone_named,
)

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
SYDNEY = ZoneInfo("Australia/Sydney")
SANTIAGO = ZoneInfo("America/Santiago")
TOKYO = ZoneInfo("Asia/Tokyo")


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


# --- anywhere on Earth ---


def test_icml_deadline_closes_at_noon_utc_the_next_day() -> None:
    assert aoe_end_of(date(2021, 6, 21)) == at("2021-06-22T12:00:00")


def test_aoe_deadline_is_open_one_second_before_and_closed_at_the_instant() -> None:
    closes = aoe_end_of(date(2021, 6, 21))
    assert at("2021-06-22T11:59:59") < closes
    assert not at("2021-06-22T12:00:00") < closes


def test_aoe_deadline_is_midnight_of_the_next_day_at_utc_minus_12() -> None:
    closes = aoe_end_of(date(2021, 6, 21))
    local = closes.astimezone(ZoneInfo("Etc/GMT+12"))  # POSIX sign: this is UTC−12
    assert (local.date(), local.time()) == (date(2021, 6, 22), time(0))


def test_aoe_across_a_year_end() -> None:
    assert aoe_end_of(date(2021, 12, 31)) == at("2022-01-01T12:00:00")


# --- the conference window ---


def test_conference_window_opens_when_the_first_day_begins_at_utc_plus_14() -> None:
    window = conference_window(date(2021, 7, 18), date(2021, 7, 24))
    assert window.start == at("2021-07-17T10:00:00")
    assert not window.contains(at("2021-07-17T09:59:59"))
    assert window.contains(at("2021-07-17T10:00:00"))


def test_conference_window_closes_when_the_last_day_ends_anywhere_on_earth() -> None:
    window = conference_window(date(2021, 7, 18), date(2021, 7, 24))
    assert window.end == at("2021-07-25T12:00:00")
    assert window.contains(at("2021-07-25T11:59:59"))
    assert not window.contains(at("2021-07-25T12:00:00"))


def test_a_start_in_the_window_falls_on_a_conference_date_somewhere() -> None:
    window = conference_window(date(2021, 7, 18), date(2021, 7, 24))
    start = at("2021-07-17T10:30:00")
    kiritimati = start.astimezone(ZoneInfo("Pacific/Kiritimati"))  # UTC+14
    assert window.contains(start) and kiritimati.date() == date(2021, 7, 18)


# --- reading local times ---


def test_reads_a_typed_time_in_the_readers_zone() -> None:
    assert parse_local("2021-07-19 09:00", TOKYO) == at("2021-07-19T00:00:00")


@pytest.mark.parametrize(
    "typed",
    [
        "2021-07-19 9:00",
        "2021-07-19T09:00",
        "2021-07-19 09:00:00",
        "2021-7-19 9am",
        "  2021-07-19 9 a.m.  ",
    ],
)
def test_friendlier_spellings_of_the_same_time(typed: str) -> None:
    assert parse_local(typed, TOKYO) == at("2021-07-19T00:00:00")


def test_an_explicit_offset_wins_over_the_zone() -> None:
    assert parse_local("2021-07-19 09:00 +02:00", TOKYO) == at("2021-07-19T07:00:00")
    assert parse_local("2021-07-19 09:00 Z", TOKYO) == at("2021-07-19T09:00:00")


@pytest.mark.parametrize(
    "typed", ["tomorrow at 9", "2021-02-30 10:00", "2021-07-19 25:00", "2021-07-19 13pm", ""]
)
def test_unreadable_times_say_what_to_type(typed: str) -> None:
    with pytest.raises(TimeInputError, match="YYYY-MM-DD HH:MM"):
        parse_local(typed, TOKYO)


# DST gaps: the wall-clock time does not exist. Three hemispheres, three rules.
@pytest.mark.parametrize(
    ("zone", "day", "wall"),
    [
        (BERLIN, date(2021, 3, 28), time(2, 30)),
        (NEW_YORK, date(2021, 3, 14), time(2, 15)),
        (SYDNEY, date(2021, 10, 3), time(2, 0)),
        (SANTIAGO, date(2021, 9, 5), time(0, 30)),
    ],
)
def test_a_time_skipped_by_daylight_saving_is_refused_not_shifted(
    zone: ZoneInfo, day: date, wall: time
) -> None:
    with pytest.raises(NonexistentLocalTime, match="does not exist") as refused:
        local_to_utc(day, wall, zone)
    assert str(zone) in refused.value.message


# DST folds: the wall-clock time happens twice; the reader must choose.
@pytest.mark.parametrize(
    ("zone", "typed", "earlier", "later"),
    [
        (BERLIN, "2021-10-31 02:30", "2021-10-31T00:30:00", "2021-10-31T01:30:00"),
        (NEW_YORK, "2021-11-07 01:30", "2021-11-07T05:30:00", "2021-11-07T06:30:00"),
        (SYDNEY, "2021-04-04 02:30", "2021-04-03T15:30:00", "2021-04-03T16:30:00"),
    ],
)
def test_a_time_that_happens_twice_needs_a_choice(
    zone: ZoneInfo, typed: str, earlier: str, later: str
) -> None:
    with pytest.raises(AmbiguousLocalTime, match="happens twice"):
        parse_local(typed, zone)
    assert parse_local(f"{typed} earlier", zone) == at(earlier)
    assert parse_local(f"{typed} later", zone) == at(later)


def test_the_fold_message_offers_an_offset_that_is_accepted() -> None:
    with pytest.raises(AmbiguousLocalTime) as refused:
        parse_local("2021-10-31 02:30", BERLIN)
    assert "+02:00" in refused.value.message
    assert parse_local("2021-10-31 02:30 +02:00", BERLIN) == at("2021-10-31T00:30:00")


def test_times_next_to_a_gap_are_read_normally() -> None:
    assert local_to_utc(date(2021, 3, 28), time(1, 59), BERLIN) == at("2021-03-28T00:59:00")
    assert local_to_utc(date(2021, 3, 28), time(3, 0), BERLIN) == at("2021-03-28T01:00:00")


zones = st.sampled_from(
    ["Europe/Berlin", "America/New_York", "Australia/Sydney", "Asia/Kolkata", "Pacific/Chatham"]
)
# Hypothesis bounds are naive by its API; the values it draws carry UTC.
instants = st.datetimes(
    min_value=datetime(2020, 1, 1),  # noqa: DTZ001
    max_value=datetime(2030, 12, 31),  # noqa: DTZ001
    timezones=st.just(UTC),
)


@given(instant=instants, zone_name=zones)
def test_any_instant_shown_locally_reads_back_to_itself(instant: datetime, zone_name: str) -> None:
    zone = ZoneInfo(zone_name)
    whole = instant.replace(second=0, microsecond=0)
    local = whole.astimezone(zone)
    typed = local.strftime("%Y-%m-%d %H:%M")
    first = local.replace(fold=0).utcoffset()
    if first != local.replace(fold=1).utcoffset():
        typed += " later" if local.fold else " earlier"
    assert parse_local(typed, zone) == whole


@given(day=st.dates(date(2020, 1, 1), date(2030, 12, 31)), zone_name=zones)
def test_every_reading_is_either_exact_or_refused(day: date, zone_name: str) -> None:
    zone = ZoneInfo(zone_name)
    for hour in range(24):
        wall = time(hour, 30)
        try:
            instant = local_to_utc(day, wall, zone, fold="earlier")
        except NonexistentLocalTime:
            continue
        local = instant.astimezone(zone)
        assert (local.date(), local.time()) == (day, wall)


# --- zones ---


def test_zone_names_are_read_and_mistakes_get_suggestions() -> None:
    assert zone_named(" Asia/Tokyo ") == TOKYO
    with pytest.raises(TimeInputError, match="Asia/Tokyo"):
        zone_named("Tokyo")
    with pytest.raises(TimeInputError, match="not a time zone"):
        zone_named("../etc/passwd")


def test_a_zone_name_too_long_for_a_file_name_is_refused_with_a_sentence() -> None:
    # Found by fuzzing `/timezone`: zoneinfo looks the name up as a file, and the OS refused it.
    with pytest.raises(TimeInputError, match="not a time zone"):
        zone_named("x" * 501)


def test_zone_suggestions_put_city_prefix_matches_first() -> None:
    assert suggest_zones("tok")[0] == "Asia/Tokyo"
    assert "America/Los_Angeles" in suggest_zones("los ang")


# --- intervals ---


def test_intervals_overlap_only_when_they_share_time() -> None:
    first = Interval.lasting(at("2021-07-19T10:00:00"), 120)
    touching = Interval.lasting(at("2021-07-19T12:00:00"), 60)
    inside = Interval.lasting(at("2021-07-19T11:00:00"), 30)
    assert not first.overlaps(touching)
    assert first.overlaps(inside) and inside.overlaps(first)
    assert first.minutes == 120


def test_an_interval_cannot_end_before_it_starts() -> None:
    with pytest.raises(ValueError, match="before it starts"):
        Interval(at("2021-07-19T10:00:00"), at("2021-07-19T10:00:00"))


# --- showing times ---


def test_platform_tokens_carry_the_unix_instant() -> None:
    instant = at("2021-07-18T15:00:00")
    assert discord_timestamp(instant) == "<t:1626620400:F>"
    assert discord_timestamp(instant, "relative") == "<t:1626620400:R>"
    token = slack_date(instant, "short", TOKYO)
    assert token.startswith("<!date^1626620400^{date_short_pretty} at {time}|")
    assert token.endswith("|Mon 19 Jul, 00:00 JST>")


def test_plain_time_names_the_zone_and_defaults_to_utc() -> None:
    instant = at("2021-07-18T15:00:00")
    assert plain_time(instant) == "Sunday 18 July 2021, 15:00 UTC"
    assert plain_time(instant, ZoneInfo("America/Los_Angeles"), "time") == "08:00 PDT"
    assert iso_utc(instant.astimezone(TOKYO)) == "2021-07-18T15:00:00Z"


def test_naive_datetimes_are_refused_everywhere() -> None:
    with pytest.raises(ValueError, match="no time zone"):
        discord_timestamp(datetime(2021, 7, 18, 15, 0))  # noqa: DTZ001 - the point of the test


def test_a_day_shift_in_tokyo_is_visible_in_plain_text() -> None:
    instant = at("2021-07-18T20:00:00")
    assert plain_time(instant, TOKYO, "date").startswith("Monday 19 July")
    assert plain_time(instant - timedelta(hours=10), TOKYO, "date").startswith("Sunday 18 July")
