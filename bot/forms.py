"""Forms, defined once: typed fields with limits and help, rendered by each platform.

Slack shows a Block Kit modal, Discord command options plus modals of at most five inputs, the
console asks field by field. All of them hand the raw answers to `parse_form`, which reads every
field the same way and reports each problem at its field.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any, Literal
from urllib.parse import urlparse

from bot.errors import InvalidInput
from bot.timerules import LOCAL_FORMAT_HINT, TimeInputError, parse_local, utc

FieldKind = Literal[
    "text",  # one line
    "paragraph",  # several lines
    "choice",  # one of `options`
    "choices",  # several of `options`
    "tags",  # free words, comma-separated when typed
    "people",  # registered participants: platform user ids, or e-mails when typed
    "datetime",  # an instant; typed as YYYY-MM-DD HH:MM in the reader's zone
    "integer",
    "url",  # http or https only
    "confirm",  # a box that must be ticked
]

Raw = str | Sequence[str] | datetime | bool | int | None


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    kind: FieldKind = "text"
    required: bool = True
    help: str = ""
    placeholder: str = ""
    max_length: int | None = None
    min_value: int | None = None
    max_value: int | None = None
    options: tuple[Choice, ...] = ()
    max_items: int | None = None
    # For a datetime: propose this field's value plus N minutes (a double session 12 h later).
    suggest_after: tuple[str, int] | None = None

    def __post_init__(self) -> None:
        if self.kind == "datetime" and not self.placeholder:
            object.__setattr__(self, "placeholder", LOCAL_FORMAT_HINT)


@dataclass(frozen=True)
class Form:
    id: str  # e.g. "social.submit"; adapters route the submission back by it
    title: str
    fields: tuple[Field, ...]
    submit_label: str = "Submit"
    intro: str = ""

    def field(self, name: str) -> Field:
        for item in self.fields:
            if item.name == name:
                return item
        raise KeyError(name)


def parse_form(form: Form, raw: Mapping[str, Raw], zone: tzinfo) -> dict[str, Any]:
    """Every field read and checked; all problems reported together, each at its field."""
    values: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for item in form.fields:
        try:
            values[item.name] = parse_field(item, raw.get(item.name), zone)
        except InvalidInput as exc:
            errors.update(exc.errors)
    if errors:
        raise InvalidInput(errors)
    return values


def parse_field(item: Field, raw: Raw, zone: tzinfo) -> Any:
    if _is_blank(raw):
        if item.kind == "confirm" and item.required:
            raise InvalidInput.at(item.name, f"Please tick “{item.label}” to go on.")
        if item.required:
            raise InvalidInput.at(item.name, f"{item.label} is required.")
        return [] if item.kind in ("choices", "tags", "people") else None
    try:
        return _READERS[item.kind](item, raw, zone)
    except (ValueError, TimeInputError) as exc:
        message = exc.message if isinstance(exc, TimeInputError) else str(exc)
        raise InvalidInput.at(item.name, message) from None


def _is_blank(raw: Raw) -> bool:
    if raw is None or raw is False:
        return True
    if isinstance(raw, str):
        return not raw.strip()
    if isinstance(raw, Sequence):
        return not any(str(part).strip() for part in raw)
    return False


def _text(item: Field, raw: Raw, zone: tzinfo) -> str:
    value = str(raw).strip()
    if item.kind == "text":
        value = " ".join(value.split())
    if item.max_length is not None and len(value) > item.max_length:
        raise ValueError(
            f"{item.label} is {len(value):,} characters; at most {item.max_length:,} fit."
        )
    return value


def _choice(item: Field, raw: Raw, zone: tzinfo) -> str:
    wanted = str(raw).strip().lower()
    for option in item.options:
        if wanted in (option.value.lower(), option.label.lower()):
            return option.value
    names = ", ".join(option.label for option in item.options)
    raise ValueError(f"Choose one of: {names}.")


def _choices(item: Field, raw: Raw, zone: tzinfo) -> list[str]:
    return [_choice(item, part, zone) for part in _items(raw)]


def _tags(item: Field, raw: Raw, zone: tzinfo) -> list[str]:
    tags: list[str] = []
    for part in _items(raw):
        tag = " ".join(part.lower().lstrip("#").split())
        if tag and tag not in tags:
            tags.append(tag)
    if item.max_items is not None and len(tags) > item.max_items:
        raise ValueError(f"At most {item.max_items} tags, please.")
    if any(len(tag) > 40 for tag in tags):
        raise ValueError("Keep each tag under 40 characters.")
    return tags


def _people(item: Field, raw: Raw, zone: tzinfo) -> list[str]:
    people = list(dict.fromkeys(_items(raw)))
    if item.max_items is not None and len(people) > item.max_items:
        raise ValueError(f"At most {item.max_items} people here.")
    return people


def _datetime(item: Field, raw: Raw, zone: tzinfo) -> datetime:
    if isinstance(raw, datetime):
        return utc(raw)
    return parse_local(str(raw), zone)


def _integer(item: Field, raw: Raw, zone: tzinfo) -> int:
    try:
        value = raw if isinstance(raw, int) else int(str(raw).strip())
    except ValueError:
        raise ValueError(f"{item.label} must be a whole number.") from None
    low, high = item.min_value, item.max_value
    if (low is not None and value < low) or (high is not None and value > high):
        raise ValueError(f"{item.label} must be from {low} to {high}.")
    return value


def _url(item: Field, raw: Raw, zone: tzinfo) -> str:
    value = str(raw).strip()
    parsed = urlparse(value)
    if parsed.scheme.lower() not in ("http", "https") or not parsed.netloc or " " in value:
        raise ValueError("Give a full link starting with https:// (or http://).")
    if item.max_length is not None and len(value) > item.max_length:
        raise ValueError(f"Links longer than {item.max_length} characters are not accepted.")
    return value


def _confirm(item: Field, raw: Raw, zone: tzinfo) -> bool:
    if isinstance(raw, str) and raw.strip().lower() not in ("yes", "y", "true", "1", "on"):
        raise ValueError(f"Please tick “{item.label}” to go on.")
    return True


def _items(raw: Raw) -> list[str]:
    if isinstance(raw, str):
        parts = raw.split(",")
    elif isinstance(raw, Sequence):
        parts = [str(part) for part in raw]
    else:
        parts = [str(raw)]
    return [part.strip() for part in parts if part.strip()]


_READERS = {
    "text": _text,
    "paragraph": _text,
    "choice": _choice,
    "choices": _choices,
    "tags": _tags,
    "people": _people,
    "datetime": _datetime,
    "integer": _integer,
    "url": _url,
    "confirm": _confirm,
}
