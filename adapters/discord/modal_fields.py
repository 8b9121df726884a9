"""One form field as one Discord modal component, and the submitted payload back as raw
answers (pure). Text kinds are text inputs; choices are selects, people a user picker, a
confirmation a checkbox — each inside a Label, so a modal shows every kind of field."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import timedelta
from typing import Any

import discord

from adapters.discord.drafts import Draft
from bot.errors import InvalidInput
from bot.forms import Field, Raw, parse_field

MAX_LABEL, MAX_DESCRIPTION, MAX_PLACEHOLDER, MAX_TEXT = 45, 100, 100, 4000
MAX_OPTIONS = 25
# component types in a MODAL_SUBMIT payload
ACTION_ROW, LABEL, TEXT_INPUT, CHECKBOX = 1, 18, 4, 23


def component_for(item: Field, draft: Draft) -> discord.ui.Item[Any]:
    value = draft.values.get(item.name)
    if item.kind == "choice" or item.kind == "choices":
        widget: discord.ui.Item[Any] = _select(item, value)
    elif item.kind == "people" and not _typed_people(value):
        widget = _people(item, value)
    elif item.kind == "confirm":
        widget = discord.ui.Checkbox(custom_id=item.name, default=_ticked(value))
    else:
        widget = _text_input(item, _shown_text(item, draft))
    description = (item.help or _hint(item, draft))[:MAX_DESCRIPTION] or None
    return discord.ui.Label(text=item.label[:MAX_LABEL], component=widget, description=description)


def submitted(components: Any) -> dict[str, Raw]:
    """custom id → raw answer: text as typed, selects as lists, a checkbox as a bool. A part of
    a shape Discord never sends (a forged payload) is skipped, so its field reads as empty."""
    found: dict[str, Raw] = {}
    for component in components if isinstance(components, list) else []:
        if not isinstance(component, Mapping):
            continue
        kind = component.get("type")
        if kind == ACTION_ROW:
            found.update(submitted(component.get("components")))
        elif kind == LABEL:
            found.update(submitted([component.get("component")]))
        elif isinstance(component.get("custom_id"), str):
            found[component["custom_id"]] = _answer(component)
    return found


def answers_for(fields: Sequence[Field], raw: Mapping[str, Raw]) -> dict[str, Raw]:
    """The raw answers in the shapes `parse_form` reads: one choice as a string."""
    answers: dict[str, Raw] = {}
    for item in fields:
        value = raw.get(item.name)
        if item.kind == "choice" and isinstance(value, list):
            value = value[0] if value else ""
        answers[item.name] = value
    return answers


def problems(fields: Sequence[Field], values: Mapping[str, Raw], draft: Draft) -> dict[str, str]:
    """Each field's problem, checked as the core will check it, before going further."""
    found: dict[str, str] = {}
    for item in fields:
        try:
            parse_field(item, values.get(item.name), draft.zone)
        except InvalidInput as exc:
            found.update(exc.errors)
    return found


def _answer(component: Mapping[str, Any]) -> Raw:
    if component.get("type") == CHECKBOX:
        return bool(component.get("value", False))
    if "values" in component:
        values = component["values"]
        return [str(value) for value in values] if isinstance(values, list) else [str(values)]
    return str(component.get("value") or "")


def _text_input(item: Field, value: str) -> discord.ui.TextInput[Any]:
    long = item.kind == "paragraph"
    return discord.ui.TextInput(
        custom_id=item.name,
        style=discord.TextStyle.long if long else discord.TextStyle.short,
        required=item.required,
        default=value[:MAX_TEXT] or None,
        max_length=min(item.max_length or MAX_TEXT, MAX_TEXT),
        placeholder=(item.placeholder or None) and item.placeholder[:MAX_PLACEHOLDER],
    )


def _typed_people(value: Raw) -> bool:
    """People given as e-mails (an edit form as the core fills it): a member picker cannot show
    them, so the field stays text, and the core reads e-mails as it reads user ids."""
    parts = value.split(",") if isinstance(value, str) else value if isinstance(value, list) else []
    return any(str(part).strip() and not str(part).strip().isdigit() for part in parts)


def _ticked(value: Raw) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("yes", "y", "true", "1", "on")
    return value is True


def _select(item: Field, value: Raw) -> discord.ui.Select[Any]:
    given = value if isinstance(value, list) else [value]
    chosen = {str(part).strip().lower() for part in given if part is not None}
    options = [
        discord.SelectOption(
            label=c.label[:100],
            value=c.value,
            default=bool({c.value.lower(), c.label.lower()} & chosen),
        )
        for c in item.options[:MAX_OPTIONS]
    ]
    most = 1 if item.kind == "choice" else min(item.max_items or len(options), len(options))
    return discord.ui.Select(
        custom_id=item.name,
        options=options,
        min_values=int(item.required),
        max_values=most,
        required=item.required,
    )


def _people(item: Field, value: Raw) -> discord.ui.UserSelect[Any]:
    ids = [v for v in value if str(v).isdigit()] if isinstance(value, list) else []
    return discord.ui.UserSelect(
        custom_id=item.name,
        min_values=int(item.required),
        max_values=min(item.max_items or MAX_OPTIONS, MAX_OPTIONS),
        default_values=[discord.Object(int(user_id)) for user_id in ids],
        required=item.required,
    )


def _shown_text(item: Field, draft: Draft) -> str:
    value = draft.values.get(item.name)
    if isinstance(value, list):
        return ", ".join(str(part) for part in value)
    if isinstance(value, str) and value:
        return value
    return _suggested(item, draft) if item.suggest_after else ""


def _suggested(item: Field, draft: Draft) -> str:
    """A double session: propose the earlier field's time plus the gap, in the reader's zone."""
    assert item.suggest_after is not None
    source, minutes = item.suggest_after
    earlier = draft.values.get(source)
    try:
        start = parse_field(draft.form.field(source), earlier, draft.zone)
    except (InvalidInput, KeyError):
        return ""
    if start is None:
        return ""
    later = start + timedelta(minutes=minutes)
    return str(later.astimezone(draft.zone).strftime("%Y-%m-%d %H:%M"))


def _hint(item: Field, draft: Draft) -> str:
    if item.kind == "datetime":
        return f"{item.placeholder} in {draft.zone_name}"
    if item.kind == "tags":
        return "Words separated by commas"
    if item.kind == "url":
        return "A link starting with https://"
    return ""
