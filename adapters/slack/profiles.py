"""Who a Slack user is (e-mail, time zone, name), from `users.info`, kept briefly in memory.

Only a cache: the database is where accounts are linked. A short time-to-live means a changed
zone or e-mail shows within minutes, and a busy minute costs one `users.info` per person
rather than one per click (Slack allows about 100 a minute).
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from slack_sdk.web.async_client import AsyncWebClient


@dataclass(frozen=True)
class SlackProfile:
    user_id: str
    name: str
    email: str | None
    zone: str | None
    is_bot: bool = False

    @classmethod
    def parse(cls, user: Mapping[str, Any]) -> SlackProfile:
        profile = user.get("profile") or {}
        name = (
            profile.get("display_name")
            or profile.get("real_name")
            or user.get("real_name")
            or user.get("name")
            or str(user["id"])
        )
        return cls(
            user_id=str(user["id"]),
            name=str(name),
            email=profile.get("email") or None,
            zone=user.get("tz") or None,
            is_bot=bool(user.get("is_bot")),
        )


class ProfileCache:
    def __init__(
        self,
        ttl_seconds: float = 300.0,
        max_entries: int = 20_000,
        now: Callable[[], float] = time.monotonic,
    ) -> None:
        self.ttl = ttl_seconds
        self.max_entries = max_entries
        self._now = now
        self._entries: OrderedDict[str, tuple[float, SlackProfile]] = OrderedDict()

    async def get(self, client: AsyncWebClient, user_id: str) -> SlackProfile:
        cached = self._entries.get(user_id)
        if cached is not None and cached[0] > self._now():
            return cached[1]
        response = await client.users_info(user=user_id)
        profile = SlackProfile.parse(response["user"])
        self.remember(profile)
        return profile

    def remember(self, profile: SlackProfile) -> None:
        self._entries[profile.user_id] = (self._now() + self.ttl, profile)
        self._entries.move_to_end(profile.user_id)
        while len(self._entries) > self.max_entries:
            self._entries.popitem(last=False)
