"""What a person types or picks in a modal, as Slack sends it back (`view.state.values`), built
from the modal Hallway actually opened; and answers made from the core's own form specs: a valid
one for every field kind, and every way a field can be wrong."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.forms import Field, Form

# A Monday of ICML 2021 (18–24 July), in the afternoon in Europe.
START = datetime(2021, 7, 19, 13, 0, tzinfo=UTC)

Value = str | list[str] | datetime | bool | None


def state_for(view: Mapping[str, Any], values: Mapping[str, Value]) -> dict[str, Any]:
    """`view.state.values` for `values` by field name, each in the element the view shows."""
    state: dict[str, Any] = {}
    for block in view["blocks"]:
        if block.get("type") == "input" and block["block_id"] in values:
            element = block["element"]
            state[block["block_id"]] = {
                element["action_id"]: element_state(element["type"], values[block["block_id"]])
            }
    return state


def element_state(kind: str, value: Value) -> dict[str, Any]:
    if kind == "static_select":
        return {"type": kind, "selected_option": {"value": value} if value else None}
    if kind == "multi_static_select":
        return {"type": kind, "selected_options": [{"value": v} for v in _listed(value)]}
    if kind == "multi_users_select":
        return {"type": kind, "selected_users": _listed(value)}
    if kind == "datetimepicker":
        stamp = int(value.timestamp()) if isinstance(value, datetime) else None
        return {"type": kind, "selected_date_time": stamp}
    if kind == "checkboxes":
        return {"type": kind, "selected_options": [{"value": "yes"}] if value else []}
    typed = ", ".join(value) if isinstance(value, list) else value
    return {"type": kind, "value": None if typed is None else str(typed)}


def valid_values(form: Form, **given: Value) -> dict[str, Value]:
    """Every field answered well (optional ones too, so every text reaches the core)."""
    return {
        item.name: given[item.name] if item.name in given else valid(item) for item in form.fields
    }


def valid(item: Field) -> Value:
    kind = item.kind
    if kind == "datetime":
        return START + timedelta(
            hours=12 * (int(item.name[-1]) - 1 if item.name[-1].isdigit() else 0)
        )
    if kind == "integer":
        return str(item.min_value if item.min_value is not None else 1)
    return {
        "text": "Careful words",
        "paragraph": "Some words about it, on two\nlines.",
        "choice": item.options[0].value if item.options else "",
        "choices": [item.options[0].value] if item.options else [],
        "tags": "ml, theory",
        "people": ["UBOB"],
        "url": "https://meet.example/room",
        "confirm": True,
    }[kind]


def wrong_values(item: Field) -> list[tuple[str, Value]]:
    """Each way this field's answer can be refused by the form alone: (what, value)."""
    wrong: list[tuple[str, Value]] = []
    if item.required:
        blank: Value = False if item.kind == "confirm" else [] if _listy(item) else None
        wrong.append(("blank", blank))
    if item.kind in ("text", "paragraph") and item.max_length:
        wrong.append(("too long", "x" * (item.max_length + 1)))
    if item.kind == "choice":
        wrong.append(("forged option", "forged"))
    if item.kind == "choices":
        wrong.append(("forged option", ["forged"]))
    if item.kind == "tags" and item.max_items:
        wrong.append(("too many", ", ".join(f"tag{n}" for n in range(item.max_items + 1))))
    if item.kind == "people" and item.max_items:
        wrong.append(("too many", [f"U{n:08d}" for n in range(item.max_items + 1)]))
    if item.kind == "integer":
        wrong.append(("not a number", "lots"))
        if item.max_value is not None:
            wrong.append(("too big", str(item.max_value + 1)))
        if item.min_value is not None:
            wrong.append(("too small", str(item.min_value - 1)))
    if item.kind == "url":
        wrong.append(("not a web link", "ftp://files.example/x"))
    return wrong


def text_fields(form: Form) -> list[Field]:
    """Fields whose words Hallway keeps and shows again: where mention injection could hide."""
    return [item for item in form.fields if item.kind in ("text", "paragraph", "tags")]


def _listy(item: Field) -> bool:
    return item.kind in ("choices", "people")


def _listed(value: Value) -> list[str]:
    if isinstance(value, list):
        return value
    return [] if value in (None, "") else [str(value)]
