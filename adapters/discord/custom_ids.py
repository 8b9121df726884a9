"""Button custom ids: `action:value` for the shared action table, `~form:…` for Hallway's own
form buttons. Both are stable strings, so a button posted before a restart still routes."""

from __future__ import annotations

import re

MAX_CUSTOM_ID = 100  # Discord's limit

# Actions are named like `social.approve`: a dot, no colon; the value is whatever follows.
ACTION_PATTERN = r"(?P<action>[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+):(?P<value>[^\n]*)"
FORM_PATTERN = r"~form:(?P<step>open|next):(?P<form_id>[a-z0-9_.]+)"

_ACTION = re.compile(ACTION_PATTERN)
_FORM = re.compile(FORM_PATTERN)


def is_hallway_button(custom_id: str) -> bool:
    """Whether one of Hallway's buttons answers this custom id (any other is not ours)."""
    return bool(_ACTION.fullmatch(custom_id) or _FORM.fullmatch(custom_id))


def action_id(action: str, value: str) -> str:
    custom_id = f"{action}:{value}"
    if len(custom_id) > MAX_CUSTOM_ID or not _ACTION.fullmatch(custom_id):
        raise ValueError(f"button {custom_id!r} cannot be a Discord custom id")
    return custom_id


def form_id(step: str, form: str) -> str:
    custom_id = f"~form:{step}:{form}"
    if len(custom_id) > MAX_CUSTOM_ID:
        raise ValueError(f"form id {form!r} is too long for a Discord custom id")
    return custom_id
