"""An event: its dates, the call's rules and its channels, read from a TOML file.

Keys are those of DESIGN §3. A wrong file fails with one error naming the key at fault.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlparse

from bot.errors import ConfigError
from bot.timerules import Interval, aoe_end_of, conference_window

T = TypeVar("T")


@dataclass(frozen=True, kw_only=True)
class SocialsRules:
    deadline: date
    notification: date
    duration_minutes: int = 120
    leads: int = 2


@dataclass(frozen=True, kw_only=True)
class MentoringRules:
    default_minutes: int = 45
    max_capacity: int = 20


@dataclass(frozen=True, kw_only=True)
class ReminderRules:
    leads: tuple[int, ...] = (1440, 60)
    attendees: tuple[int, ...] = (15,)
    rooms_open: int = 10


@dataclass(frozen=True, kw_only=True)
class RoomRules:
    video_base: str = "https://meet.jit.si/"
    social_channels: bool = False


@dataclass(frozen=True, kw_only=True)
class Channels:
    """Where Hallway posts on one platform: channel ids or names."""

    chairs: str = "socials-chairs"
    announcements: str = "socials"
    mentoring: str = "mentoring"
    conduct: str = "conduct-team"
    registered_role: str | None = None


@dataclass(frozen=True, kw_only=True)
class EventConfig:
    slug: str
    name: str
    first_day: date
    last_day: date
    socials: SocialsRules
    mentoring: MentoringRules = field(default_factory=MentoringRules)
    reminders: ReminderRules = field(default_factory=ReminderRules)
    rooms: RoomRules = field(default_factory=RoomRules)
    slack: Channels = field(default_factory=Channels)
    discord: Channels = field(default_factory=lambda: Channels(registered_role="Registered"))

    @property
    def window(self) -> Interval:
        """Session starts allowed: on a conference date somewhere on Earth."""
        return conference_window(self.first_day, self.last_day)

    @property
    def submissions_close(self) -> datetime:
        return aoe_end_of(self.socials.deadline)

    def channels(self, platform: str) -> Channels:
        return self.discord if platform == "discord" else self.slack

    def to_dict(self) -> dict[str, Any]:
        """The TOML-shaped mapping, dates as ISO strings; `parse_event` reads it back."""
        flat = _jsonable(asdict(self))
        tables = {name: flat.pop(name) for name in ("socials", "mentoring", "reminders", "rooms")}
        for platform in _PLATFORMS:
            tables[platform] = {k: v for k, v in flat.pop(platform).items() if v is not None}
        keys = ("slug", "name", "first_day", "last_day")
        return {"event": {key: flat[key] for key in keys}, **tables}


@dataclass(frozen=True, kw_only=True)
class Event(EventConfig):
    """An event as stored: its configuration and its database id."""

    id: int


def load_event_file(path: Path) -> EventConfig:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"event file {path}: cannot be read ({exc.strerror})") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(
            f"event file {path}: not UTF-8 text (byte {exc.start}); save it as UTF-8"
        ) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"event file {path}: not valid TOML ({exc})") from None
    try:
        return parse_event(data)
    except ConfigError as exc:
        raise ConfigError(f"event file {path}: {exc}") from None


def parse_event(data: Mapping[str, Any]) -> EventConfig:
    """Validate a TOML-shaped mapping into an `EventConfig`, or raise naming the key."""
    _no_unknown_keys(data, "", {"event", "socials", "mentoring", "reminders", "rooms"} | _PLATFORMS)
    event = _table(data, "event", required=True)
    _no_unknown_keys(event, "event.", {"slug", "name", "first_day", "last_day"})
    config = EventConfig(
        slug=_get(event, "event.slug", _slug),
        name=_get(event, "event.name", _text),
        first_day=_get(event, "event.first_day", _date),
        last_day=_get(event, "event.last_day", _date),
        socials=_socials(_table(data, "socials", required=True)),
        mentoring=_mentoring(_table(data, "mentoring")),
        reminders=_reminders(_table(data, "reminders")),
        rooms=_rooms(_table(data, "rooms")),
        slack=_channels(_table(data, "slack"), "slack", default_role=None),
        discord=_channels(_table(data, "discord"), "discord", default_role="Registered"),
    )
    _check_dates(config)
    return config


_PLATFORMS = {"slack", "discord"}
_EARLIEST, _LATEST = date.min + timedelta(days=1), date.max - timedelta(days=2)


def _socials(table: Mapping[str, Any]) -> SocialsRules:
    _no_unknown_keys(table, "socials.", {"deadline", "notification", "duration_minutes", "leads"})
    return SocialsRules(
        deadline=_get(table, "socials.deadline", _date),
        notification=_get(table, "socials.notification", _date),
        duration_minutes=_get(table, "socials.duration_minutes", _int_in(30, 240), 120),
        leads=_get(table, "socials.leads", _int_in(1, 6), 2),
    )


def _mentoring(table: Mapping[str, Any]) -> MentoringRules:
    _no_unknown_keys(table, "mentoring.", {"default_minutes", "max_capacity"})
    return MentoringRules(
        default_minutes=_get(table, "mentoring.default_minutes", _int_in(15, 120), 45),
        max_capacity=_get(table, "mentoring.max_capacity", _int_in(1, 500), 20),
    )


def _reminders(table: Mapping[str, Any]) -> ReminderRules:
    _no_unknown_keys(table, "reminders.", {"leads", "attendees", "rooms_open"})
    return ReminderRules(
        leads=_get(table, "reminders.leads", _minutes_list, (1440, 60)),
        attendees=_get(table, "reminders.attendees", _minutes_list, (15,)),
        rooms_open=_get(table, "reminders.rooms_open", _int_in(0, 120), 10),
    )


def _rooms(table: Mapping[str, Any]) -> RoomRules:
    _no_unknown_keys(table, "rooms.", {"video_base", "social_channels"})
    return RoomRules(
        video_base=_get(table, "rooms.video_base", _http_url, "https://meet.jit.si/"),
        social_channels=_get(table, "rooms.social_channels", _bool, False),
    )


def _channels(table: Mapping[str, Any], platform: str, default_role: str | None) -> Channels:
    keys = {"chairs", "announcements", "mentoring", "conduct"}
    if platform == "discord":
        keys.add("registered_role")
    _no_unknown_keys(table, f"{platform}.", keys)
    defaults = Channels()
    return Channels(
        chairs=_get(table, f"{platform}.chairs", _text, defaults.chairs),
        announcements=_get(table, f"{platform}.announcements", _text, defaults.announcements),
        mentoring=_get(table, f"{platform}.mentoring", _text, defaults.mentoring),
        conduct=_get(table, f"{platform}.conduct", _text, defaults.conduct),
        registered_role=_get(table, f"{platform}.registered_role", _optional_text, default_role),
    )


def _check_dates(config: EventConfig) -> None:
    for key, day in (
        ("event.first_day", config.first_day),
        ("event.last_day", config.last_day),
        ("socials.deadline", config.socials.deadline),
        ("socials.notification", config.socials.notification),
    ):
        if not _EARLIEST <= day <= _LATEST:  # its instants at UTC+14 or UTC-12 do not exist
            raise ConfigError(f"{key} ({day}) is too far in the past or future")
    if config.last_day < config.first_day:
        raise ConfigError(
            f"event.last_day ({config.last_day}) is before event.first_day ({config.first_day})"
        )
    socials = config.socials
    if socials.deadline >= config.first_day:
        raise ConfigError(
            f"socials.deadline ({socials.deadline}) must be before the conference starts "
            f"(event.first_day {config.first_day})"
        )
    if socials.notification < socials.deadline:
        raise ConfigError(
            f"socials.notification ({socials.notification}) is before "
            f"socials.deadline ({socials.deadline})"
        )
    if socials.notification > config.first_day:
        raise ConfigError(
            f"socials.notification ({socials.notification}) is after the conference starts "
            f"(event.first_day {config.first_day})"
        )


# --- field readers: each returns the value or raises ValueError with a short reason ---


class _Required:
    """Marks a key without a default."""


_REQUIRED = _Required()


def _get(
    table: Mapping[str, Any],
    key: str,
    read: Callable[[Any], T],
    default: T | _Required = _REQUIRED,
) -> T:
    name = key.rsplit(".", 1)[-1]
    if name not in table:
        if isinstance(default, _Required):
            raise ConfigError(f"{key} is missing")
        return default
    try:
        return read(table[name])
    except (ValueError, TypeError) as exc:
        raise ConfigError(f"{key} = {table[name]!r}: {exc}") from None


def _table(data: Mapping[str, Any], key: str, required: bool = False) -> Mapping[str, Any]:
    if key not in data:
        if required:
            raise ConfigError(f"[{key}] is missing")
        return {}
    value = data[key]
    if not isinstance(value, Mapping):
        raise ConfigError(f"{key} must be a table ([{key}])")
    return value


def _no_unknown_keys(table: Mapping[str, Any], prefix: str, known: set[str]) -> None:
    for key in table:
        if key not in known:
            expected = ", ".join(sorted(known))
            raise ConfigError(f"{prefix}{key} is not a known key (expected one of: {expected})")


def _date(value: Any) -> date:
    if isinstance(value, datetime):
        raise ValueError("expected a date like 2021-07-18, not a date and time")
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise ValueError("expected a date like 2021-07-18")


def _text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("expected non-empty text")
    return value.strip()


def _optional_text(value: Any) -> str | None:
    return _text(value)


def _slug(value: Any) -> str:
    text = _text(value)
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]{0,39}", text):
        raise ValueError("expected lowercase letters, digits and dashes, like icml2021")
    return text


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError("expected true or false")
    return value


def _int_in(low: int, high: int) -> Callable[[Any], int]:
    def read(value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise ValueError(f"expected a whole number from {low} to {high}")
        return value

    return read


def _minutes_list(value: Any) -> tuple[int, ...]:
    if not isinstance(value, list | tuple):
        raise ValueError("expected a list of minutes, like [1440, 60]")
    read = _int_in(1, 60 * 24 * 14)
    return tuple(sorted({read(item) for item in value}, reverse=True))


def _http_url(value: Any) -> str:
    text = _text(value)
    parsed = urlparse(text)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise ValueError("expected an http(s) URL")
    return text


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(item) for item in value]
    if isinstance(value, date):
        return value.isoformat()
    return value
