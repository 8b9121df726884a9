"""One Block Kit input element per field kind, filled with what is known (`reading` reads the
answers back). The core reads every raw answer with `bot.forms.parse_form`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from adapters.slack.blocks import plain_text
from adapters.slack.escape import is_user_id
from bot.forms import Choice, Field, Raw
from bot.timefmt import unix
from bot.timerules import TimeInputError, parse_local

PLACEHOLDER_LIMIT = 150
OPTION_LIMIT = 75
OPTIONS = 100  # Slack's most options in one select
CONFIRMED = "yes"
PEOPLE_TYPED = "E-mails or Slack member ids, separated by commas"
TICKED = frozenset({"yes", "y", "true", "1", "on"})


def element_for(
    field: Field, values: Mapping[str, Raw], zone: str | None, action_id: str
) -> dict[str, Any]:
    typed_people = field.kind == "people" and not picker_can_show(values.get(field.name))
    element = _text(field) if typed_people else _EMPTY[field.kind](field)
    element["action_id"] = action_id
    if typed_people:
        element["placeholder"] = plain_text(PEOPLE_TYPED, PLACEHOLDER_LIMIT)
    elif field.placeholder and field.kind not in ("datetime", "confirm", "people"):
        element["placeholder"] = plain_text(field.placeholder, PLACEHOLDER_LIMIT)
    initial = _initial(field, values, zone)
    if initial:
        element.update(initial)
    return element


def _text(field: Field) -> dict[str, Any]:
    element: dict[str, Any] = {"type": "plain_text_input"}
    if field.kind == "paragraph":
        element["multiline"] = True
    if field.max_length is not None:
        element["max_length"] = min(field.max_length, 3000)
    return element


def _options(choices: Sequence[Choice]) -> list[dict[str, Any]]:
    return [
        {"text": plain_text(choice.label, OPTION_LIMIT), "value": choice.value}
        for choice in choices[:OPTIONS]
    ]


def _select(field: Field) -> dict[str, Any]:
    return {"type": "static_select", "options": _options(field.options)}


def _multi_select(field: Field) -> dict[str, Any]:
    element = {"type": "multi_static_select", "options": _options(field.options)}
    return element | ({"max_selected_items": field.max_items} if field.max_items else {})


def _users(field: Field) -> dict[str, Any]:
    element: dict[str, Any] = {"type": "multi_users_select"}
    return element | ({"max_selected_items": field.max_items} if field.max_items else {})


def _number(field: Field) -> dict[str, Any]:
    element: dict[str, Any] = {"type": "number_input", "is_decimal_allowed": False}
    if field.min_value is not None:
        element["min_value"] = str(field.min_value)
    if field.max_value is not None:
        element["max_value"] = str(field.max_value)
    return element


def _confirm(field: Field) -> dict[str, Any]:
    return {"type": "checkboxes", "options": _options([Choice(CONFIRMED, field.label)])}


_EMPTY = {
    "text": _text,
    "paragraph": _text,
    "tags": _text,
    "choice": _select,
    "choices": _multi_select,
    "people": _users,
    "datetime": lambda field: {"type": "datetimepicker"},
    "integer": _number,
    "url": lambda field: {"type": "url_text_input"},
    "confirm": _confirm,
}


def _initial(field: Field, values: Mapping[str, Raw], zone: str | None) -> dict[str, Any]:
    value = values.get(field.name)
    if field.kind == "datetime":
        instant = _instant(value, zone) or _suggested(field, values, zone)
        return {"initial_date_time": unix(instant)} if instant else {}
    if value is None or value == "" or value is False:
        return {}
    if field.kind == "confirm":
        ticked = value is True or str(value).strip().lower() in TICKED
        return {"initial_options": _options([Choice(CONFIRMED, field.label)])} if ticked else {}
    if field.kind in ("choice", "choices"):
        found = _chosen(field.options, _words(value) if field.kind == "choices" else [str(value)])
        if not found:
            return {}
        return (
            {"initial_option": found[0]} if field.kind == "choice" else {"initial_options": found}
        )
    if field.kind == "people" and picker_can_show(value):
        return {"initial_users": _words(value)}
    if field.kind in ("tags", "people"):
        return {"initial_value": ", ".join(_words(value))}
    return {"initial_value": str(value)}


def picker_can_show(value: Raw) -> bool:
    """A user picker shows Slack accounts only; anyone named otherwise (an e-mail no Slack
    account answers to) keeps the field typed, so that saving the form never drops them."""
    return value in (None, "") or all(is_user_id(word) for word in _words(value))


def _chosen(options: Sequence[Choice], wanted: Sequence[str]) -> list[dict[str, Any]]:
    """Options named by value or by label, as the core's own reading accepts either."""
    keys = {word.strip().lower() for word in wanted}
    found = [c for c in options if c.value.lower() in keys or c.label.lower() in keys]
    return _options(found)


def _instant(value: Raw, zone: str | None) -> datetime | None:
    if isinstance(value, datetime):
        return value
    if isinstance(value, str) and value.strip():
        try:
            return parse_local(value, reading_zone(zone))
        except TimeInputError:
            return None
    return None


def reading_zone(name: str | None) -> tzinfo:
    """The zone a form was shown in; UTC when Slack did not say (or said nonsense)."""
    try:
        return ZoneInfo(name) if name else UTC
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a name too long for a file
        return UTC


def _suggested(field: Field, values: Mapping[str, Raw], zone: str | None) -> datetime | None:
    """A double session's second slot proposed N minutes after the first, when it is known."""
    if field.suggest_after is None:
        return None
    source, minutes = field.suggest_after
    earlier = _instant(values.get(source), zone)
    return earlier + timedelta(minutes=minutes) if earlier else None


def words(value: Raw) -> list[str]:
    """A raw answer's parts: a list as it is, typed text split at its commas."""
    return [] if value is None else _words(value)


def _words(value: Raw) -> list[str]:
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    if isinstance(value, Sequence):
        return [str(part).strip() for part in value if str(part).strip()]
    return [str(value)]
