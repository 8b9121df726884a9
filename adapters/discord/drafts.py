"""Forms being filled in, kept in memory for 15 minutes per person and form.

Only a convenience: it lets a chained form remember earlier pages and lets "Fix the form"
reopen it filled with what was typed. A restart forgets drafts; the person runs the command
again. Nothing here is a record of anything.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import tzinfo

from bot.forms import Form, Raw

TTL_SECONDS = 15 * 60  # an interaction token's life: a form older than that is stale anyway


@dataclass
class Draft:
    form: Form
    context: str
    zone: tzinfo  # the zone typed times are read in, fixed when the form was asked for
    zone_name: str
    values: dict[str, Raw] = field(default_factory=dict)
    page: int = 0
    expires: float = 0.0


class Drafts:
    def __init__(
        self, ttl_seconds: float = TTL_SECONDS, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.ttl = ttl_seconds
        self._clock = clock
        self._drafts: dict[tuple[str, str], Draft] = {}

    def keep(self, user_id: str, draft: Draft) -> Draft:
        self._forget_expired()
        draft.expires = self._clock() + self.ttl
        self._drafts[(user_id, draft.form.id)] = draft
        return draft

    def get(self, user_id: str, form_id: str) -> Draft | None:
        self._forget_expired()
        return self._drafts.get((user_id, form_id))

    def drop(self, user_id: str, form_id: str) -> None:
        self._drafts.pop((user_id, form_id), None)

    def __len__(self) -> int:
        return len(self._drafts)

    def _forget_expired(self) -> None:
        now = self._clock()
        for key in [key for key, draft in self._drafts.items() if draft.expires <= now]:
            del self._drafts[key]
