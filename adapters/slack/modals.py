"""Hallway forms as Block Kit modals, and the answers read back out of a submission. Pure.

Every modal has the same `callback_id`; `private_metadata` carries the form id, the context
the core gave (ids for an edit) and the zone the form was shown in. Each field is an input
block whose `block_id` is the field's name, so errors from the core land at their field.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from adapters.slack.blocks import Block, plain_text, section
from adapters.slack.escape import escape, fit, is_user_id
from adapters.slack.inputs import element_for
from adapters.slack.reading import Unreadable, read_element
from bot.errors import HallwayError, InvalidInput
from bot.forms import Form, Raw

CALLBACK_ID = "hallway.form"
ACTION_ID = "value"
METADATA_LIMIT = 3000
TITLE_LIMIT = 24
LABEL_LIMIT = 2000
MODAL_BLOCKS = 100
UNREADABLE = "This answer could not be read; please give it again."


@dataclass(frozen=True)
class Metadata:
    form_id: str
    context: str = ""
    zone: str | None = None

    def encode(self) -> str:
        data = {"form": self.form_id, "context": self.context, "zone": self.zone}
        encoded = json.dumps(data, separators=(",", ":"))
        if len(encoded) > METADATA_LIMIT:
            raise ValueError(f"form {self.form_id}: context too long for private_metadata")
        return encoded

    @classmethod
    def decode(cls, text: str) -> Metadata:
        try:
            data = json.loads(text)
        except ValueError:
            data = None
        if not isinstance(data, dict) or not isinstance(data.get("form"), str):
            raise HallwayError("This form could not be read back; please start again.")
        context, zone = data.get("context"), data.get("zone")
        return cls(data["form"], context if isinstance(context, str) else "", _text_or_none(zone))


def form_view(
    form: Form,
    values: Mapping[str, Raw],
    metadata: Metadata,
    errors: Mapping[str, str] | None = None,
    people: Collection[str] = (),
) -> dict[str, Any]:
    """The modal for `form`, filled with `values`; `errors` shown under their fields, the
    Slack accounts picked in it (`people`) shown as mentions where an error names them."""
    blocks: list[Block] = [section(escape(form.intro))] if form.intro else []
    zone = metadata.zone
    for field in form.fields:
        blocks.append(
            {
                "type": "input",
                "block_id": field.name,
                "optional": not field.required,
                "label": plain_text(field.label, LABEL_LIMIT),
                "element": element_for(field, values, zone, ACTION_ID),
                **({"hint": plain_text(field.help, LABEL_LIMIT)} if field.help else {}),
            }
        )
        if errors and field.name in errors:
            blocks.append(problem_block(errors[field.name], people))
    blocks.extend(
        problem_block(text, people) for name, text in (errors or {}).items() if not _has(form, name)
    )
    return {
        "type": "modal",
        "callback_id": CALLBACK_ID,
        "private_metadata": metadata.encode(),
        "title": plain_text(form.title, TITLE_LIMIT),
        "submit": plain_text(form.submit_label, TITLE_LIMIT),
        "close": plain_text("Cancel", TITLE_LIMIT),
        "blocks": blocks[:MODAL_BLOCKS],
    }


def problem_block(text: str, people: Collection[str] = ()) -> Block:
    """A problem under a field. The core names a picked person by the id the picker gave; Slack
    shows `<@id>` as their name (the rest is escaped text, so only those ids become mentions)."""
    markup = fit(text, 2900)
    for user in people:
        if is_user_id(user):
            markup = re.sub(rf"(?<![\w@]){re.escape(user)}\b", f"<@{user}>", markup)
    return {
        "type": "context",
        "elements": [{"type": "mrkdwn", "text": f":warning: {markup}"}],
    }


def read_values(form: Form, state: Mapping[str, Any]) -> dict[str, Raw]:
    """The raw answers of a view_submission's `view.state.values`, by field name. A field left
    out counts as blank; one whose state cannot be read raises `InvalidInput` at that field."""
    values: dict[str, Raw] = {}
    unreadable: dict[str, str] = {}
    for field in form.fields:
        block = state.get(field.name) if isinstance(state, Mapping) else None
        element = block.get(ACTION_ID) if isinstance(block, Mapping) else None
        try:
            values[field.name] = None if element is None else read_element(field, element)
        except Unreadable:
            unreadable[field.name] = UNREADABLE
    if unreadable:
        raise InvalidInput(unreadable)
    return values


def field_errors(form: Form, errors: Mapping[str, str]) -> dict[str, str]:
    """Errors keyed by block id for `response_action: errors`; Slack only shows errors at input
    blocks, so a problem the core names at no field goes to the first one."""
    by_block: dict[str, str] = {}
    for name, text in errors.items():
        block = name if _has(form, name) else form.fields[0].name
        by_block[block] = f"{by_block[block]} {text}" if block in by_block else text
    return by_block


def result_view(title: str, blocks: list[Block]) -> dict[str, Any]:
    """A modal that only shows something (the answer to a submission). Its blocks repeat the
    title in full; the bar shows it when it fits Slack's 24 characters, "Hallway" otherwise."""
    shown = title if len(escape(title)) <= TITLE_LIMIT else "Hallway"
    return {
        "type": "modal",
        "title": plain_text(shown, TITLE_LIMIT),
        "close": plain_text("Close", TITLE_LIMIT),
        "blocks": (blocks or [section(" ")])[:MODAL_BLOCKS],
    }


def saving_view(form: Form) -> dict[str, Any]:
    return result_view(form.title, [section("Saving…")])


def _text_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _has(form: Form, name: str) -> bool:
    return any(field.name == name for field in form.fields)
