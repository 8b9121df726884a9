"""Finding a message Hallway may already have posted (`bot.ports.Messenger.was_delivered`).

Each message carries a nonce made from its outbox key, with `enforce_nonce`: for a few minutes
Discord answers a repeated POST with the message made earlier instead of posting again, so
within that window the question is answered by asking again. Discord does not return nonces in
channel history, so later the bot's own message is recognised in the channel by its content.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta
from typing import Any

from adapters.discord.rest import DiscordRest

# Discord documents "the past few minutes" for nonce uniqueness; stay well inside it.
NONCE_WINDOW = timedelta(minutes=2)
DISCORD_EPOCH_MS = 1_420_070_400_000
_PAGES = 5


def nonce_of(key: str) -> str:
    """25 characters at most, the same for every try of one delivery."""
    return hashlib.sha256(key.encode()).hexdigest()[:25]


def snowflake_at(instant: datetime) -> int:
    """The smallest message id Discord could give at `instant`."""
    return max(0, int(instant.timestamp() * 1000) - DISCORD_EPOCH_MS) << 22


async def find_posted(
    rest: DiscordRest, channel_id: str, author_id: str, payload: dict[str, Any], since: datetime
) -> str | None:
    """`channel_id:message_id` of the bot's message matching `payload` posted since `since`
    (less a minute for clocks that disagree), or None."""
    after = snowflake_at(since - timedelta(minutes=1))
    for _ in range(_PAGES):
        path = f"/channels/{channel_id}/messages?after={after}&limit=100"
        page: list[dict[str, Any]] = await rest.request("GET", path) or []
        for item in page:
            if item.get("author", {}).get("id") == author_id and _same(item, payload):
                return f"{channel_id}:{item['id']}"
        if len(page) < 100:
            return None
        after = max(int(item["id"]) for item in page)
    return None


def _same(posted: dict[str, Any], payload: dict[str, Any]) -> bool:
    def shape(body: dict[str, Any]) -> tuple[object, ...]:
        embeds = [(e.get("title"), e.get("description")) for e in body.get("embeds") or []]
        return (body.get("content") or "", embeds)

    return shape(posted) == shape(payload)
