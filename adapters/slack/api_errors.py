"""Slack Web API failures as the core's `DeliveryError`: wait, retry later, or give up.

The dispatcher decides what to do with each; here only the classification lives. Pacing is not
done here either: the caller paces, and learns from `retry_after` when Slack says to slow down.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import aiohttp
from slack_sdk.errors import SlackApiError, SlackClientError

from bot.ports import DeliveryError

# Retrying cannot help: the address is wrong, gone, or Hallway lacks access (the bot is not in
# the channel, the person left). The chairs see these as failed.
PERMANENT = frozenset(
    {
        "channel_not_found",
        "not_in_channel",
        "is_archived",
        "user_not_found",
        "users_not_found",
        "account_inactive",
        "user_disabled",
        "cannot_dm_bot",
        "invalid_auth",
        "not_authed",
        "token_revoked",
        "missing_scope",
        "restricted_action",
        "msg_too_long",
        "invalid_blocks",
        "no_text",
        "message_not_found",
        "cant_update_message",
        "edit_window_closed",
    }
)
DEFAULT_RETRY_AFTER = 1.0
# Calls that post a message: when no clear answer comes back, Slack may have posted it, and the
# dispatcher asks `was_delivered` before sending again. (Other calls are simply made again.)
POSTING = frozenset({"chat.postMessage"})
# Slack's own word that part of the operation may have happened before the error.
MAYBE_DONE = frozenset({"internal_error", "fatal_error", "request_timeout"})


def delivery_error(exc: SlackApiError, method: str) -> DeliveryError:
    response = exc.response
    status = int(getattr(response, "status_code", 0) or 0)
    data = response.data if isinstance(response.data, dict) else {}
    code = str(data.get("error") or f"http_{status}")
    reason = f"{method}: {code}"
    if status == 429 or code == "ratelimited":
        return DeliveryError(reason, retry_after=_retry_after(response.headers))
    # 5xx, Slack's transient codes and codes this list does not know are retried: the
    # dispatcher's attempts are bounded, so an unknown refusal costs a few tries, not a loss.
    maybe = method in POSTING and (status >= 500 or code in MAYBE_DONE)
    return DeliveryError(
        reason, permanent=code in PERMANENT and status < 500, maybe_delivered=maybe
    )


@asynccontextmanager
async def slack_call(method: str) -> AsyncIterator[None]:
    """Translate whatever a Web API call raises into a `DeliveryError`."""
    try:
        yield
    except SlackApiError as exc:
        raise delivery_error(exc, method) from exc
    except (TimeoutError, aiohttp.ClientError, SlackClientError) as exc:
        # The request may have reached Slack before the connection failed.
        reason = f"{method}: {type(exc).__name__} {exc}".strip()
        raise DeliveryError(reason, maybe_delivered=method in POSTING) from exc


def _retry_after(headers: object) -> float:
    value = None
    if hasattr(headers, "get"):
        value = headers.get("Retry-After") or headers.get("retry-after")
    if isinstance(value, list):
        value = value[0] if value else None
    try:
        return max(0.0, float(value)) if value is not None else DEFAULT_RETRY_AFTER
    except ValueError:
        return DEFAULT_RETRY_AFTER
