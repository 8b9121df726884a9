from __future__ import annotations

import tomllib
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from bot.demo import demo_event
from bot.errors import ConfigError
from bot.event import load_event_file, parse_event

ICML = Path(__file__).resolve().parents[2] / "examples" / "icml2021.toml"


def icml() -> dict[str, Any]:
    return tomllib.loads(ICML.read_text())


def test_the_icml_example_has_the_calls_dates() -> None:
    event = load_event_file(ICML)
    assert (event.slug, event.first_day, event.last_day) == (
        "icml2021",
        date(2021, 7, 18),
        date(2021, 7, 24),
    )
    assert event.socials.deadline == date(2021, 6, 21)
    assert event.socials.notification == date(2021, 6, 30)
    assert event.submissions_close == datetime(2021, 6, 22, 12, tzinfo=UTC)
    assert event.discord.registered_role == "Registered"
    assert event.reminders.leads == (1440, 60)


def test_stored_shape_reads_back_to_the_same_event() -> None:
    event = load_event_file(ICML)
    assert parse_event(event.to_dict()) == event


def test_only_event_and_socials_are_required() -> None:
    data = icml()
    minimal = {
        "event": data["event"],
        "socials": {"deadline": "2021-06-21", "notification": "2021-06-30"},
    }
    event = parse_event(minimal)
    assert event.mentoring.max_capacity == 20 and event.rooms.social_channels is False
    assert event.slack.registered_role is None


def mutate(path: str, value: Any) -> dict[str, Any]:
    data = icml()
    table, key = path.split(".")
    if value is _DELETE:
        del data[table][key]
    else:
        data[table][key] = value
    return data


_DELETE = object()


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (
            "event.last_day",
            date(2021, 7, 17),
            "event.last_day (2021-07-17) is before event.first_day",
        ),
        (
            "socials.deadline",
            date(2021, 7, 18),
            "socials.deadline (2021-07-18) must be before the conference starts",
        ),
        (
            "socials.notification",
            date(2021, 6, 20),
            "socials.notification (2021-06-20) is before socials.deadline",
        ),
        (
            "socials.notification",
            date(2021, 7, 19),
            "socials.notification (2021-07-19) is after the conference starts",
        ),
        (
            "event.first_day",
            "18 July 2021",
            "event.first_day = '18 July 2021': expected a date like 2021-07-18",
        ),
        ("event.first_day", datetime(2021, 7, 18, 9), "not a date and time"),  # noqa: DTZ001
        ("socials.deadline", _DELETE, "socials.deadline is missing"),
        ("event.slug", "ICML 2021", "event.slug = 'ICML 2021': expected lowercase letters"),
        (
            "socials.duration_minutes",
            600,
            "socials.duration_minutes = 600: expected a whole number from 30 to 240",
        ),
        ("socials.leads", "two", "socials.leads = 'two'"),
        ("reminders.leads", 60, "reminders.leads = 60: expected a list of minutes"),
        (
            "rooms.video_base",
            "ftp://meet.example",
            "rooms.video_base = 'ftp://meet.example': expected an http(s) URL",
        ),
        ("rooms.social_channels", "yes", "rooms.social_channels = 'yes': expected true or false"),
        ("socials.dealine", date(2021, 6, 21), "socials.dealine is not a known key"),
        ("slack.registered_role", "Registered", "slack.registered_role is not a known key"),
    ],
)
def test_each_mistake_names_its_key(path: str, value: Any, message: str) -> None:
    with pytest.raises(ConfigError) as refused:
        parse_event(mutate(path, value))
    assert message in str(refused.value)


def test_an_unknown_table_is_named() -> None:
    data = icml() | {"teams": {"chairs": "x"}}
    with pytest.raises(ConfigError, match="teams is not a known key"):
        parse_event(data)


def test_a_missing_table_is_named() -> None:
    data = icml()
    del data["socials"]
    with pytest.raises(ConfigError, match=r"\[socials\] is missing"):
        parse_event(data)


def test_a_file_that_is_not_toml_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "event.toml"
    path.write_text("[event\nslug = 'x'")
    with pytest.raises(ConfigError, match=f"event file {path}: not valid TOML"):
        load_event_file(path)


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot be read"):
        load_event_file(tmp_path / "nope.toml")


def test_reminder_minutes_are_deduplicated_latest_first() -> None:
    event = parse_event(mutate("reminders.leads", [60, 1440, 60]))
    assert event.reminders.leads == (1440, 60)


def test_the_demo_event_starts_tomorrow_with_submissions_open_today() -> None:
    today = date(2026, 11, 27)
    event = demo_event(today)
    assert event.first_day == date(2026, 11, 28)
    assert event.socials.deadline == today
    now = datetime(2026, 11, 27, 20, 0, tzinfo=UTC)
    assert now < event.submissions_close
    assert (event.last_day - event.first_day).days == 4
