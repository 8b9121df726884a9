"""Block Kit checked the way Slack checks it, so that the fake refuses what Slack would refuse
(`invalid_blocks`, `invalid_arguments`) instead of accepting anything. Pure.

The limits are Slack's published ones for the elements Hallway uses: surfaces (messages 50
blocks, modals and the App Home 100), text objects, ids, options and inputs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

Json = Mapping[str, Any]

BLOCKS = {"message": 50, "modal": 100, "home": 100}
TEXT_LIMITS = {"header": 150, "section": 3000, "context": 3000}
ID_LIMIT = 255
LABEL_LIMIT = 2000
BUTTON_TEXT = 75
BUTTON_VALUE = 2000
OPTION_TEXT = 75
OPTION_VALUE = 150
OPTIONS = 100
CHECKBOXES = 10
CONTEXT_ELEMENTS = 10
ACTIONS_ELEMENTS = 25
PLACEHOLDER = 150
VIEW_TITLE = 24
METADATA = 3000
INPUT_LENGTH = 3000
MESSAGE_TEXT = 40_000
INPUT_ELEMENTS = {
    "plain_text_input",
    "static_select",
    "multi_static_select",
    "multi_users_select",
    "datetimepicker",
    "number_input",
    "url_text_input",
    "checkboxes",
}


def message_problems(payload: Json) -> list[str]:
    """A chat.postMessage / chat.update / chat.postEphemeral / response_url payload."""
    problems: list[str] = []
    text, blocks = payload.get("text"), payload.get("blocks")
    if not text and not blocks:
        problems.append("no_text: neither text nor blocks")
    if isinstance(text, str) and len(text) > MESSAGE_TEXT:
        problems.append(f"text is {len(text)} characters")
    if blocks is not None:
        problems += blocks_problems(blocks, "message")
    return problems


def view_problems(view: Json) -> list[str]:
    """A view for views.open / update / push / publish, or a `response_action: update`."""
    kind = view.get("type")
    if kind not in ("modal", "home"):
        return [f"view type {kind!r}"]
    problems = blocks_problems(view.get("blocks") or [], kind)
    if kind == "modal":
        problems += _text_object(view.get("title"), "title", VIEW_TITLE, plain_only=True)
        for key in ("submit", "close"):
            if key in view:
                problems += _text_object(view[key], key, VIEW_TITLE, plain_only=True)
        has_inputs = any(block.get("type") == "input" for block in view.get("blocks") or [])
        if has_inputs and "submit" not in view:
            problems.append("a modal with inputs needs a submit button")
    problems += _length(view.get("callback_id"), "callback_id", ID_LIMIT)
    problems += _length(view.get("private_metadata"), "private_metadata", METADATA)
    return problems


def errors_problems(errors: Json, view: Json) -> list[str]:
    """A `response_action: errors` answer: each key an input block of the submitted view."""
    inputs = {block.get("block_id") for block in view.get("blocks") or [] if _is_input(block)}
    problems = [f"errors at {key!r}, not an input block" for key in errors if key not in inputs]
    if not errors:
        problems.append("errors is empty")
    return problems


def blocks_problems(blocks: Iterable[Json], surface: str) -> list[str]:
    listed = list(blocks)
    problems = [f"{len(listed)} blocks on a {surface}"] if len(listed) > BLOCKS[surface] else []
    block_ids: set[str] = set()
    action_ids: set[str] = set()
    for number, block in enumerate(listed):
        where = f"block {number} ({block.get('type')})"
        block_id = block.get("block_id")
        if block_id is not None:
            problems += _length(block_id, f"{where} block_id", ID_LIMIT)
            if block_id in block_ids:
                problems.append(f"{where}: block_id {block_id!r} repeated")
            block_ids.add(block_id)
        problems += [f"{where}: {problem}" for problem in _block(block, surface, action_ids)]
    return problems


def _block(block: Json, surface: str, action_ids: set[str]) -> list[str]:
    kind = block.get("type")
    if kind == "header":
        return _text_object(block.get("text"), "text", TEXT_LIMITS["header"], plain_only=True)
    if kind == "section":
        problems = _text_object(block.get("text"), "text", TEXT_LIMITS["section"])
        if "accessory" in block:
            problems += _element(block["accessory"], action_ids)
        return problems
    if kind == "context":
        elements = block.get("elements") or []
        problems = [f"{len(elements)} context elements"] if len(elements) > CONTEXT_ELEMENTS else []
        if not elements:
            problems.append("a context block needs elements")
        for element in elements:
            problems += _text_object(element, "element", TEXT_LIMITS["context"])
        return problems
    if kind == "actions":
        elements = block.get("elements") or []
        problems = [f"{len(elements)} action elements"] if len(elements) > ACTIONS_ELEMENTS else []
        if not elements:
            problems.append("an actions block needs elements")
        for element in elements:
            problems += _element(element, action_ids)
        return problems
    if kind == "divider":
        return []
    if kind == "input":
        return _input(block, surface)
    return [f"unknown block type {kind!r}"]


def _input(block: Json, surface: str) -> list[str]:
    problems = [] if surface in ("modal", "home") else ["input blocks belong in views"]
    problems += _text_object(block.get("label"), "label", LABEL_LIMIT, plain_only=True)
    if "hint" in block:
        problems += _text_object(block["hint"], "hint", LABEL_LIMIT, plain_only=True)
    element = block.get("element") or {}
    if element.get("type") not in INPUT_ELEMENTS:
        return [*problems, f"input element {element.get('type')!r}"]
    problems += _length(element.get("action_id"), "action_id", ID_LIMIT)
    if "placeholder" in element:
        problems += _text_object(element["placeholder"], "placeholder", PLACEHOLDER, True)
    return problems + _input_element(element)


def _input_element(element: Json) -> list[str]:
    kind = element["type"]
    problems: list[str] = []
    if kind in ("static_select", "multi_static_select", "checkboxes"):
        problems += _options(element, CHECKBOXES if kind == "checkboxes" else OPTIONS)
    if kind == "plain_text_input":
        most = element.get("max_length", INPUT_LENGTH)
        if not 0 < most <= INPUT_LENGTH:
            problems.append(f"max_length {most}")
        initial = element.get("initial_value")
        if isinstance(initial, str) and len(initial) > most:
            problems.append(f"initial_value longer than max_length {most}")
    if kind == "number_input":
        if not isinstance(element.get("is_decimal_allowed"), bool):
            problems.append("number_input needs is_decimal_allowed")
        for key in ("min_value", "max_value", "initial_value"):
            if key in element and not _is_number(element[key]):
                problems.append(f"{key} {element[key]!r} is not a number string")
    if int(element.get("max_selected_items", 1)) < 1:
        problems.append("max_selected_items below 1")
    if not isinstance(element.get("initial_date_time", 0), int):
        problems.append("initial_date_time is not a Unix time")
    if kind == "multi_users_select":
        users = element.get("initial_users", [])
        if any(not str(user).startswith(("U", "W")) for user in users):
            problems.append(f"initial_users {users!r} are not user ids")
    return problems


def _options(element: Json, most: int) -> list[str]:
    options = element.get("options") or []
    problems = [f"{len(options)} options"] if not 0 < len(options) <= most else []
    values = []
    for option in options:
        problems += _text_object(option.get("text"), "option text", OPTION_TEXT)
        problems += _length(option.get("value"), "option value", OPTION_VALUE)
        values.append(option.get("value"))
    if len(set(values)) != len(values):
        problems.append("option values repeated")
    chosen = [element["initial_option"]] if "initial_option" in element else []
    chosen += element.get("initial_options", [])
    if any(option not in options for option in chosen):
        problems.append("an initial option is not one of the options")
    return problems


def _element(element: Json, action_ids: set[str]) -> list[str]:
    if element.get("type") != "button":
        return [f"unexpected element {element.get('type')!r}"]
    action_id = element.get("action_id")
    problems = _length(action_id, "action_id", ID_LIMIT)
    if action_id in action_ids:
        problems.append(f"action_id {action_id!r} repeated")
    action_ids.add(str(action_id))
    problems += _text_object(element.get("text"), "button text", BUTTON_TEXT, plain_only=True)
    problems += _length(element.get("value"), "button value", BUTTON_VALUE)
    if element.get("style") not in (None, "primary", "danger"):
        problems.append(f"button style {element.get('style')!r}")
    return problems


def _text_object(obj: Any, name: str, limit: int, plain_only: bool = False) -> list[str]:
    if not isinstance(obj, Mapping):
        return [f"{name} is not a text object"]
    allowed = ("plain_text",) if plain_only else ("plain_text", "mrkdwn")
    if obj.get("type") not in allowed:
        return [f"{name} has type {obj.get('type')!r}"]
    text = obj.get("text")
    if not isinstance(text, str) or not text:
        return [f"{name} is empty"]
    return [f"{name} is {len(text)} characters (most {limit})"] if len(text) > limit else []


def _length(value: Any, name: str, limit: int) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, str):
        return [f"{name} is not a string"]
    return [f"{name} is {len(value)} characters (most {limit})"] if len(value) > limit else []


def _is_input(block: Json) -> bool:
    return block.get("type") == "input"


def _is_number(value: Any) -> bool:
    try:
        float(str(value))
    except ValueError:
        return False
    return isinstance(value, str)
