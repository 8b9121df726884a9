"""Which Discord account speaks for a participant, remembered for a minute per process.

Answers name people (the leads of each listed social); rendering them as mentions needs their
Discord ids, one more database read per answer. A mention in an embed never pings, so a stale
entry costs nothing worse than a name shown as plain text (or as a mention) for a minute: an
account linked with /verify is mentioned from the next minute on.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Mapping, Sequence

TTL_SECONDS = 60.0

Lookup = Callable[[Sequence[int]], Awaitable[Mapping[int, str]]]


class MentionCache:
    def __init__(
        self, ttl_seconds: float = TTL_SECONDS, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.ttl = ttl_seconds
        self._clock = clock
        self._known: dict[int, tuple[str | None, float]] = {}  # participant → (user id, until)

    async def lookup(self, participant_ids: Sequence[int], read: Lookup) -> dict[int, str]:
        """Discord user ids of those with an account; reads only what is not remembered."""
        now = self._clock()
        wanted = sorted(set(participant_ids))
        missing = [pid for pid in wanted if self._known.get(pid, (None, 0.0))[1] <= now]
        if missing:
            found = await read(missing)
            until = now + self.ttl
            for pid in missing:
                self._known[pid] = (found.get(pid), until)
        return {pid: user for pid in wanted if (user := self._known[pid][0]) is not None}
