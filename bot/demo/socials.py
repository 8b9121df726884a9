"""Demo proposals, so the demo conference is alive from the first `make run`: one awaiting its
co-lead (Ada, the demo person, is asked), one new in the chairs' queue, and one accepted and
released, running tomorrow. Made through the same use cases people use, keyed by title."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from bot.app import Hallway
from bot.domain.social_rules import SocialDraft
from bot.domain.socials import Category
from bot.interaction import Actor
from bot.services.identity import identify
from bot.services.social_consent import confirm_colead
from bot.services.social_review import approve_social
from bot.services.socials import submit_social

CHAIR = "chair@demo.hallway.test"


@dataclass(frozen=True)
class DemoSocial:
    title: str
    description: str
    category: Category
    submitter: str
    colead: str
    slots: tuple[tuple[int, int], ...]  # (days after today, UTC hour)
    confirmed: bool = False
    released: bool = False


DEMO_SOCIALS = (
    DemoSocial(
        "Quiz night across time zones",
        "Teams of four, six rounds, one on every continent. Bring a drink.",
        Category.GATHERING,
        "emmy@demo.hallway.test",
        "ada@demo.hallway.test",
        ((2, 12), (3, 0)),
    ),
    DemoSocial(
        "Reinforcement learning reading group",
        "We read one recent RL paper together; newcomers welcome.",
        Category.RESEARCH,
        "kenji@demo.hallway.test",
        "amara@demo.hallway.test",
        ((2, 15),),
        confirmed=True,
    ),
    DemoSocial(
        "Careers in industry: ask us anything",
        "Researchers who moved to industry answer your questions.",
        Category.SKILLS,
        "mentor@demo.hallway.test",
        "emmy@demo.hallway.test",
        ((1, 9), (1, 21)),
        confirmed=True,
        released=True,
    ),
)


async def seed_socials(hw: Hallway) -> None:
    """Idempotent: a demo social whose title exists is left as it is."""
    async with hw.uow() as uow:
        titles = {social.title for social in await uow.socials.for_event(hw.event.id)}
    for demo in DEMO_SOCIALS:
        if demo.title not in titles:
            await _create(hw, demo)


async def _create(hw: Hallway, demo: DemoSocial) -> None:
    submitter, colead = await _person(hw, demo.submitter), await _person(hw, demo.colead)
    today = hw.now().date()
    starts = {
        f"slot{index + 1}": datetime.combine(today + timedelta(days=days), time(hour), UTC)
        for index, (days, hour) in enumerate(demo.slots)
    }
    draft = SocialDraft(
        title=demo.title,
        description=demo.description,
        category=demo.category,
        slots=starts,
        duration_minutes=hw.event.socials.duration_minutes,
        coleads=(demo.colead,),
        conduct_acknowledged=True,
    )
    social = await submit_social(hw, submitter, draft)
    if demo.confirmed:
        await confirm_colead(hw, colead, social.id)
    if demo.released:
        chair = await _person(hw, CHAIR)
        await approve_social(hw, chair, social.id, "Looking forward to it!", release_now=True)


async def _person(hw: Hallway, email: str) -> Actor:
    return await identify(hw, "console", email, email=email)
