"""A submitted input element read back as the core's raw answer. Pure.

Slack sends each element's state in the shape of the element Hallway showed; anything else (a
forged or garbled submission: another element type, a value of the wrong JSON type, a date out
of range) raises `Unreadable`, answered at that field like any other wrong answer.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from bot.forms import Field, Raw

# The element types each field kind is shown as (a people field is typed when a person in it
# has no Slack account, see `inputs.picker_can_show`).
SHOWN_AS = {
    "text": {"plain_text_input"},
    "paragraph": {"plain_text_input"},
    "tags": {"plain_text_input"},
    "choice": {"static_select"},
    "choices": {"multi_static_select"},
    "people": {"multi_users_select", "plain_text_input"},
    "datetime": {"datetimepicker"},
    "integer": {"number_input"},
    "url": {"url_text_input"},
    "confirm": {"checkboxes"},
}
# The last second of year 9999, the latest Python's datetime holds.
LATEST_STAMP = 253_402_300_799


class Unreadable(ValueError):
    """The element's state is not what Slack sends for the element Hallway showed."""


def read_element(field: Field, element: Any) -> Raw:
    kind = element.get("type") if isinstance(element, Mapping) else None
    if kind not in SHOWN_AS[field.kind]:
        raise Unreadable(f"{field.name}: a {kind!r} element")
    if kind == "static_select":
        chosen = element.get("selected_option")
        return None if chosen is None else _option_value(chosen)
    if kind in ("multi_static_select", "checkboxes"):
        picked = [_option_value(option) for option in _list(element.get("selected_options"))]
        return bool(picked) if kind == "checkboxes" else picked
    if kind == "multi_users_select":
        return [_string(user) for user in _list(element.get("selected_users"))]
    if kind == "datetimepicker":
        return _instant(element.get("selected_date_time"))
    value = element.get("value")
    return None if value is None else _string(value)


def _option_value(option: Any) -> str:
    if not isinstance(option, Mapping):
        raise Unreadable("an option that is not an object")
    return _string(option.get("value"))


def _list(value: Any) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise Unreadable("a list that is not a list")
    return value


def _string(value: Any) -> str:
    if not isinstance(value, str):
        raise Unreadable("a value that is not text")
    return value


def _instant(stamp: Any) -> datetime | None:
    if stamp is None:
        return None
    if isinstance(stamp, bool) or not isinstance(stamp, int) or not 0 <= stamp <= LATEST_STAMP:
        raise Unreadable("a date that is not Unix seconds")
    return datetime.fromtimestamp(stamp, UTC)
