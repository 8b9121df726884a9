"""Exactly once in Slack: each message carries its outbox key in Slack's message metadata, and
after a crash (or an answer lost on the way back) the scheduler asks whether Slack has it.

`chat.postMessage` takes `metadata={"event_type": "hallway_delivery", "event_payload": {"key":
…}}`; `conversations.history` with `include_all_metadata` returns it, so the message posted
under a key is found in the conversation it went to, among messages since the try began.
Only apps can attach metadata, so a person typing in the DM cannot make a message look sent.
(conversations.history is Tier 3 for apps a workspace builds for itself, as Hallway is.)
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any, Protocol

from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.api_errors import slack_call

EVENT_TYPE = "hallway_delivery"
PAGE = 200
# Slack's clock and ours may differ a little; look this much further back than the try.
SKEW = timedelta(minutes=2)


class DeliveryAttempt(Protocol):
    """What `bot.ports.Attempt` gives: the key, where the try went, and when it began."""

    @property
    def key(self) -> str: ...

    @property
    def address(self) -> str: ...

    @property
    def direct(self) -> bool: ...

    @property
    def since(self) -> datetime: ...


def delivery_metadata(key: str) -> dict[str, Any]:
    return {"event_type": EVENT_TYPE, "event_payload": {"key": key}}


async def find_posted(
    client: AsyncWebClient, channel: str, key: str, since: datetime
) -> str | None:
    """`channel:ts` of the message posted in `channel` under `key` since `since`, if any."""
    cursor: str | None = None
    oldest = f"{(since - SKEW).timestamp():.6f}"
    while True:
        async with slack_call("conversations.history"):
            page = await client.conversations_history(
                channel=channel,
                oldest=oldest,
                include_all_metadata=True,
                limit=PAGE,
                cursor=cursor,
            )
        for message in page.get("messages") or ():
            if _carries(message, key):
                return f"{channel}:{message['ts']}"
        cursor = (page.get("response_metadata") or {}).get("next_cursor") or None
        if not cursor or not page.get("has_more", True):
            return None


def _carries(message: Mapping[str, Any], key: str) -> bool:
    metadata = message.get("metadata") or {}
    payload = metadata.get("event_payload") or {}
    return bool(metadata.get("event_type") == EVENT_TYPE and payload.get("key") == key)
