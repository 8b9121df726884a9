"""Hallway forms as Block Kit modals, and the answers read back out of a submission. Pure.

Every modal has the same `callback_id`; `private_metadata` carries the form id, the context
the core gave (ids for an edit) and the zone the form was shown in. Each field is an input
block whose `block_id` is the field's name, so errors from the core land at their field.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from adapters.slack.blocks import Block, plain_text, section
from adapters.slack.escape import escape, fit
from adapters.slack.inputs import element_for, read_element
from bot.errors import HallwayError
from bot.forms import Form, Raw

CALLBACK_ID = "hallway.form"
ACTION_ID = "value"
METADATA_LIMIT = 3000
TITLE_LIMIT = 24
LABEL_LIMIT = 2000
MODAL_BLOCKS = 100


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
            return cls(str(data["form"]), str(data.get("context") or ""), data.get("zone"))
        except (ValueError, KeyError, TypeError):
            raise HallwayError("This form could not be read back; please start again.") from None


def form_view(
    form: Form,
    values: Mapping[str, Raw],
    metadata: Metadata,
    errors: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """The modal for `form`, filled with `values`; `errors` shown under their fields."""
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
            blocks.append(problem_block(errors[field.name]))
    blocks.extend(
        problem_block(text) for name, text in (errors or {}).items() if not _has(form, name)
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


def problem_block(text: str) -> Block:
    return {
        "type": "context",
        "elements": [{"type": "mrkdwn", "text": f":warning: {fit(text, 2900)}"}],
    }


def read_values(form: Form, state: Mapping[str, Any]) -> dict[str, Raw]:
    """The raw answers of a view_submission's `view.state.values`, by field name."""
    values: dict[str, Raw] = {}
    for field in form.fields:
        element = state.get(field.name, {}).get(ACTION_ID)
        values[field.name] = read_element(field, element) if element else None
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
    """A modal that only shows something (the answer to a submission)."""
    return {
        "type": "modal",
        "title": plain_text(title, TITLE_LIMIT),
        "close": plain_text("Close", TITLE_LIMIT),
        "blocks": (blocks or [section(" ")])[:MODAL_BLOCKS],
    }


def saving_view(form: Form) -> dict[str, Any]:
    return result_view(form.title, [section("Saving…")])


def _has(form: Form, name: str) -> bool:
    return any(field.name == name for field in form.fields)
