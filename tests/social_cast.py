"""The people and drafts the socials tests share: a submitter, co-leads, a chair, a stranger."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.app import Hallway
from bot.delivery.dispatcher import Dispatcher
from bot.domain.participants import Participant, Role
from bot.domain.social_rules import SocialDraft
from bot.domain.socials import Category, Social
from bot.interaction import Actor
from bot.messages import plain
from tests.factories import actor, register
from tests.fakes import RecordingMessenger

# Monday of ICML 2021, 15:00 UTC: inside the window for everyone.
START = datetime(2021, 7, 19, 15, tzinfo=UTC)
LATER = START + timedelta(hours=12)


@dataclass
class Cast:
    ada: Actor  # submits
    bob: Actor  # co-lead
    carl: Actor  # another participant, sometimes a second co-lead
    chair: Actor
    stranger: Actor  # not registered

    def pid(self, who: Actor) -> int:
        assert who.participant is not None
        return who.participant.id


async def cast(hw: Hallway) -> Cast:
    await register(hw, "ada@example.org", "Ada Lovelace")
    await register(hw, "bob@example.org", "Bob Tanaka")
    await register(hw, "carl@example.org", "Carl Okafor")
    await register(hw, "chair@example.org", "Grace Hopper", Role.CHAIR)
    return Cast(
        ada=await actor(hw, "ada@example.org"),
        bob=await actor(hw, "bob@example.org"),
        carl=await actor(hw, "carl@example.org"),
        chair=await actor(hw, "chair@example.org"),
        stranger=await actor(hw, "stranger@example.org"),
    )


def draft(
    coleads: tuple[str, ...] = ("bob@example.org",),
    starts: tuple[datetime, ...] = (START,),
    **changes: Any,
) -> SocialDraft:
    base = SocialDraft(
        title="RL reading group",
        description="We read one reinforcement learning paper together.",
        category=Category.RESEARCH,
        slots={f"slot{index + 1}": start for index, start in enumerate(starts)},
        duration_minutes=120,
        coleads=coleads,
        tags=("rl",),
        conduct_acknowledged=True,
    )
    return replace(base, **changes)


async def reload(hw: Hallway, social_id: int) -> Social:
    async with hw.uow() as uow:
        found = await uow.socials.get(social_id)
    assert found is not None
    return found


async def count_socials(hw: Hallway) -> int:
    async with hw.uow() as uow:
        return len(await uow.socials.for_event(hw.event.id))


async def audit_actions(hw: Hallway, social_id: int) -> list[str]:
    async with hw.uow() as uow:
        return [entry.action for entry in await uow.audit.for_subject(f"social:{social_id}")]


async def deliver(hw: Hallway, messenger: RecordingMessenger) -> int:
    return await Dispatcher(hw, {"fake": messenger}).deliver_due()


def inbox(messenger: RecordingMessenger, who: Actor | Participant | str) -> list[str]:
    """Plain text of the direct messages sent to someone (as a fake-platform account)."""
    email = who if isinstance(who, str) else _email(who)
    return [sent.text for sent in messenger.to(f"U-{email}") if sent.kind == "direct"]


def _email(who: Actor | Participant) -> str:
    if isinstance(who, Actor):
        assert who.participant is not None
        return who.participant.email
    return who.email


def chair_posts(messenger: RecordingMessenger) -> list[str]:
    return [
        plain(sent.message) for sent in messenger.sent if sent.message and sent.kind != "direct"
    ]
