"""`Hallway`: what every use case receives — storage, the clock, the event, where messages go."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.clock import Clock
from bot.event import Event
from bot.ports import UnitOfWorkFactory


@dataclass(frozen=True)
class Hallway:
    uow: UnitOfWorkFactory
    clock: Clock
    event: Event
    platforms: tuple[str, ...]  # where notices are delivered, e.g. ("slack", "discord")
    public_url: str = "http://localhost:3000"  # Hallway's HTTP listener as people reach it

    def now(self) -> datetime:
        return self.clock.now()
