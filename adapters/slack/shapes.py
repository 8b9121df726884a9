"""Interactions in a shape Slack never sends, refused with 400 before anything reads them.

Bolt indexes payloads directly while it picks a listener (`body["view"]["type"]`,
`body["actions"][0]["action_id"]`), and Hallway's listeners read who acted and where; a payload
without those parts would crash either (an error logged, a 500). The middleware runs after
bolt has verified the signature, so only Slack (or someone holding the signing secret) gets
here: refused with a warning, never treated as Hallway's bug.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping
from typing import Any
from urllib.parse import urlparse

from slack_bolt.middleware.async_middleware import AsyncMiddleware
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse

log = logging.getLogger("adapters.slack")

VIEW_PAYLOADS = ("view_submission", "view_closed")


class RefuseMalformed(AsyncMiddleware):
    """A malformed interaction answered 400, anything else passed on. A middleware class, not
    a function: bolt builds a function's arguments from the payload first, and that can crash
    on the very payloads this refuses."""

    async def async_process(
        self,
        *,
        req: AsyncBoltRequest,
        resp: BoltResponse,
        next: Callable[[], Awaitable[BoltResponse]],
    ) -> BoltResponse | None:
        problem = malformed(req.body)
        if problem is None:
            return await next()
        kind = str(req.body.get("type"))[:40]
        log.warning("Refused a Slack %s payload: %s", kind, problem)
        return BoltResponse(status=400, body=f"Malformed {kind}: {problem}")


def malformed(body: Mapping[str, Any]) -> str | None:
    """What is wrong with an interaction's shape, or None when it is one Slack sends."""
    kind = body.get("type")
    if kind not in ("block_actions", *VIEW_PAYLOADS):
        return None  # commands and events are read defensively where they are handled
    if not _has_id(body.get("user")):
        return "no user id"
    for part in ("channel", "container", "message", "team", "state"):
        if body.get(part) is not None and not isinstance(body[part], Mapping):
            return f"{part} is not an object"
    url = body.get("response_url")
    if url is not None and not _web_address(url):
        return "response_url is not a web address"
    view = body.get("view")
    in_view = (body.get("container") or {}).get("type") == "view"
    if kind in VIEW_PAYLOADS or view is not None or in_view:
        problem = _view_problem(view)
        if problem:
            return problem
    return _actions_problem(body.get("actions")) if kind == "block_actions" else None


def _view_problem(view: Any) -> str | None:
    if not isinstance(view, Mapping):
        return "view is not an object"
    for part in ("id", "type"):
        if not isinstance(view.get(part), str) or not view[part]:
            return f"view {part} is missing"
    if view.get("callback_id") is not None and not isinstance(view["callback_id"], str):
        return "view callback_id is not text"
    return None


def _actions_problem(actions: Any) -> str | None:
    if not isinstance(actions, list) or not actions:
        return "no actions"
    first = actions[0]
    if not isinstance(first, Mapping) or not isinstance(first.get("action_id"), str):
        return "the action has no action_id"
    return None


def _has_id(value: Any) -> bool:
    return isinstance(value, Mapping) and isinstance(value.get("id"), str) and bool(value["id"])


def _web_address(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    address = urlparse(value)
    return address.scheme in ("http", "https") and bool(address.netloc)
