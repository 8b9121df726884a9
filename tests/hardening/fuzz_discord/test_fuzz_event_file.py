"""The event file fuzzed: the ICML 2021 example with keys removed, added or given values of
any TOML type (wrong types, dates at the calendar's ends, deadlines after the first day ...),
its text cut and spliced, and random bytes. `load_event_file` must give a usable event (its
window and deadline computable, its stored form read back the same) or a ConfigError that
names the key at fault (or, for a file that is no TOML at all, says so); nothing else."""

from __future__ import annotations

import json
import re
import tomllib
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from bot.errors import ConfigError
from bot.event import EventConfig, load_event_file, parse_event
from tests.conftest import ICML
from tests.hardening.fuzz_discord.strategies import nasty_text

EXAMPLE_TEXT = ICML.read_text(encoding="utf-8")
EXAMPLE = tomllib.loads(EXAMPLE_TEXT)
KEYS = [(table, key) for table, values in EXAMPLE.items() for key in values]
NAMES = {table for table, _key in KEYS} | {f"{table}.{key}" for table, key in KEYS}
SETTINGS = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)

SCALAR = st.one_of(
    st.booleans(),
    st.integers(-(2**63), 2**63 - 1),
    st.integers(-5, 500),
    st.floats(allow_nan=True),
    nasty_text(60).map(lambda text: text.replace("\x00", "")),
    st.dates(),
    st.sampled_from([date.min, date.max, date(2021, 7, 17), date(2021, 7, 25)]),
    st.datetimes(),
    st.times(),
    st.sampled_from(["2021-07-18", "2021-13-01", "Europe/Paris", "https://x", "ftp://x"]),
)
VALUE = st.recursive(
    SCALAR,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=5), inner, max_size=2)
    ),
    max_leaves=5,
)


def toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value).replace("nan", "nan").replace("inf", "inf")
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(k)} = {toml_value(v)}" for k, v in value.items()) + "}"
    return json.dumps(value)


def toml_document(data: dict[str, Any]) -> str:
    lines = []
    for table, values in data.items():
        if not isinstance(values, dict):
            lines.append(f"{json.dumps(table)} = {toml_value(values)}")
            continue
        lines.append(f"[{json.dumps(table)}]")
        lines.extend(f"{json.dumps(key)} = {toml_value(value)}" for key, value in values.items())
    return "\n".join(lines) + "\n"


@st.composite
def mutated(draw: st.DrawFn) -> dict[str, Any]:
    data = {table: dict(values) for table, values in EXAMPLE.items()}
    for _ in range(draw(st.integers(1, 3))):
        table, key = draw(st.sampled_from(KEYS))
        how = draw(st.sampled_from(["value", "value", "drop", "drop table", "add", "table value"]))
        if how == "value" and table in data and isinstance(data[table], dict):
            data[table][key] = draw(VALUE)
        elif how == "drop" and isinstance(data.get(table), dict):
            data[table].pop(key, None)
        elif how == "drop table":
            data.pop(table, None)
        elif how == "add" and isinstance(data.get(table), dict):
            data[table][draw(st.sampled_from(["extra", key.upper(), "deadline"]))] = draw(VALUE)
        elif how == "table value":
            data[table] = draw(VALUE)
    if draw(st.integers(0, 4)) == 0:
        ends = st.sampled_from([date.min, date(1, 1, 2), date(9999, 12, 20), date(9999, 12, 28)])
        _move_dates(data, draw(st.one_of(st.dates(), ends)), draw(st.integers(0, 3)))
    event("mutated document")
    return data


def _move_dates(data: dict[str, Any], deadline: date, gap: int) -> None:
    """Consistent dates (deadline, notification, first and last day) from `deadline` on,
    as near the calendar's ends as st.dates() goes; the table stays as it was otherwise."""
    try:
        days = [deadline + timedelta(days=n * gap + n) for n in range(4)]
    except OverflowError:
        return
    if isinstance(data.get("socials"), dict):
        data["socials"].update(deadline=days[0], notification=days[1])
    if isinstance(data.get("event"), dict):
        data["event"].update(first_day=days[2], last_day=days[3])


@st.composite
def spliced(draw: st.DrawFn) -> bytes:
    text = EXAMPLE_TEXT
    start = draw(st.integers(0, len(text)))
    end = draw(st.integers(start, min(len(text), start + 40)))
    piece = draw(st.one_of(nasty_text(30), st.sampled_from(["[", "]", '"', "=", "\n[socials]\n"])))
    event("spliced text")
    return (text[:start] + piece + text[end:]).encode("utf-8")


FILES = st.one_of(
    mutated().map(lambda data: toml_document(data).encode("utf-8")),
    spliced(),
    st.binary(max_size=200),
    st.just(EXAMPLE_TEXT.encode("utf-16")),
    st.just(EXAMPLE_TEXT.encode("utf-8").replace(b"ICML", b"\xff\xfeICML")),
)


def check_usable(config: EventConfig) -> None:
    assert config.window.start < config.window.end
    assert config.submissions_close.date() >= config.socials.deadline
    assert parse_event(config.to_dict()) == config


@SETTINGS
@given(content=FILES)
def test_an_event_file_is_an_event_or_an_error_naming_the_key(
    content: bytes, tmp_path: Path
) -> None:
    path = tmp_path / "event.toml"
    path.write_bytes(content)
    try:
        config = load_event_file(path)
    except ConfigError as exc:
        problem = str(exc)
        assert problem.startswith(f"event file {path}: "), problem
        said = problem.removeprefix(f"event file {path}: ")
        named = {name for name in NAMES if re.search(rf"(^|[\s\[.]){re.escape(name)}\b", said)}
        assert named or said.startswith(("not valid TOML", "cannot be read", "not UTF-8")), said
        event("refused")
        return
    event("an event")
    check_usable(config)


@pytest.mark.parametrize(
    ("key", "value", "named"),
    [
        ("last_day", "9999-12-31", "event.last_day"),
        ("first_day", "0001-01-01", "event.first_day"),
    ],
)
def test_a_day_at_the_calendars_ends_is_refused_naming_its_key(
    tmp_path: Path, key: str, value: str, named: str
) -> None:
    """Found by the event-file fuzzing: the file loaded, and the event's window then raised
    OverflowError wherever it was used."""
    path = tmp_path / "event.toml"
    path.write_text(re.sub(rf"^{key} = .*$", f"{key} = {value}", EXAMPLE_TEXT, flags=re.M))
    with pytest.raises(ConfigError, match=re.escape(named)):
        load_event_file(path)


def test_a_file_that_is_not_utf8_is_refused_as_such(tmp_path: Path) -> None:
    """Found by the event-file fuzzing: UnicodeDecodeError escaped load_event_file."""
    path = tmp_path / "event.toml"
    path.write_bytes(EXAMPLE_TEXT.encode("utf-16"))
    with pytest.raises(ConfigError, match="not UTF-8"):
        load_event_file(path)
