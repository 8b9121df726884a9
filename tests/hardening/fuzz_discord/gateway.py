"""Shared pieces for fuzzing through the real discord.py client on the fake gateway: the cast,
a router that records what the core refused, row counts, and the checks every example ends with."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from sqlalchemy import func, select

from bot.domain.participants import Role
from bot.errors import HallwayError
from storage import Database
from storage.tables import metadata
from tests.adapters.discord.fake_discord import Call
from tests.adapters.discord.form_routes import SLOT, actor_of
from tests.adapters.discord.interactions import DiscordUser, new_user
from tests.adapters.discord.safety import problems
from tests.adapters.discord.world import Member, World, text_of
from tests.factories import stored_social
from tests.hardening.fuzz_discord.limits import leaked_errors, limit_problems

APOLOGY = "Sorry, something went wrong"


@dataclass
class Cast:
    chair: Member  # a chair, mentor and conduct team member: every path is open to them
    stranger: DiscordUser  # a Discord account Hallway has never seen


async def cast_in(world: World) -> Cast:
    """The people, and one of each thing ids can point at (a social, a report)."""
    from bot.domain.conduct import ConductDraft
    from bot.services.conduct import report_conduct

    chair = await world.member("Ada", Role.CHAIR, Role.MENTOR, Role.CONDUCT)
    bob = await world.member("Bob")
    await stored_social(world.hw, "Board games", [chair.person.id, bob.person.id], [SLOT])
    await report_conduct(world.hw, await actor_of(world, bob), ConductDraft("general", "Rude."))
    return Cast(chair, new_user("stranger"))


@dataclass
class Refusals:
    """How many times the core refused (raised a HallwayError) since the last `reset`."""

    count: int = 0
    seen: list[str] = field(default_factory=list)

    def reset(self) -> None:
        self.count, self.seen = 0, []


def record_refusals(world: World) -> Refusals:
    """Wrap the router the client holds: every `run`, `press` and `submit` that raises a
    HallwayError is counted (and still raised), so a test can require it wrote nothing."""
    refusals = Refusals()
    router = world.router
    for name in ("run", "press", "submit"):
        original = getattr(router, name)
        setattr(router, name, _recording(original, refusals))
    return refusals


def _recording(
    original: Callable[..., Awaitable[Any]], refusals: Refusals
) -> Callable[..., Awaitable[Any]]:
    async def wrapped(*args: Any, **kwargs: Any) -> Any:
        try:
            return await original(*args, **kwargs)
        except HallwayError as exc:
            refusals.count += 1
            refusals.seen.append(type(exc).__name__)
            raise

    return wrapped


async def row_counts(database: Database) -> dict[str, int]:
    async with database.engine.connect() as connection:
        return {
            table.name: (
                await connection.execute(select(func.count()).select_from(table))
            ).scalar_one()
            for table in metadata.sorted_tables
        }


async def check_example(
    world: World,
    answer: Call,
    since: int,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """What every fuzzed interaction must end with."""
    calls = world.fake.calls[since:]
    assert APOLOGY not in text_of(answer), "the client apologised: an exception escaped"
    assert problems(calls) == []
    assert limit_problems(calls) == []
    assert leaked_errors(calls) == []
    errors = [r for r in caplog.records if r.levelname in ("ERROR", "CRITICAL")]
    assert errors == [], [r.getMessage() for r in errors]
