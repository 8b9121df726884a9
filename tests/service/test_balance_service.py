"""The chairs' balance read from storage: standing proposals only, accepted ones marked, leads'
other socials kept free of suggestions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.app import Hallway
from bot.domain.participants import Role
from bot.domain.regions import Region
from bot.domain.socials import Category, Consent, Decision
from bot.services.balance import programme_balance
from tests.factories import actor, register, stored_social

MON = datetime(2021, 7, 19, tzinfo=UTC)


async def test_the_balance_covers_standing_proposals_and_marks_the_accepted(hw: Hallway) -> None:
    chair = await register(hw, "chair@example.org", None, Role.CHAIR)
    pair = [(await register(hw, f"{n}@example.org")).id for n in ("ada", "bob")]
    await stored_social(
        hw,
        "Everywhere",
        pair,
        [MON + timedelta(hours=15), MON + timedelta(hours=27)],
        released=True,
    )
    await stored_social(hw, "Review", pair, [MON + timedelta(hours=15)], category=Category.RESEARCH)
    await stored_social(hw, "Held", pair, [MON + timedelta(hours=3)], accepted=True)
    for title, change in (("Rejected", "decision"), ("Withdrawn", "withdrawn_at")):
        made = await stored_social(hw, title, pair, [MON + timedelta(hours=15)])
        async with hw.uow() as uow:
            stored = await uow.socials.get(made.id)
            assert stored is not None
            if change == "decision":
                stored.decision = Decision.REJECTED
            else:
                stored.withdrawn_at = hw.now()
            await uow.commit()
    view = await programme_balance(hw, await actor(hw, chair.email))
    assert sorted((p.title, p.accepted) for p, _ in view.reach) == [
        ("Everywhere", True),
        ("Held", True),
        ("Review", False),
    ]
    assert view.coverage.accepted == 2
    assert view.coverage.share(Region.ASIA_PACIFIC) == 1.0
    assert view.coverage.share(Region.AMERICAS) == 0.5
    [clash] = view.clashes  # Everywhere and Review, both research at 15:00 on Monday
    assert {clash.first.proposal.title, clash.second.proposal.title} == {"Everywhere", "Review"}
    assert sorted(gap.proposal.title for gap in view.gaps) == ["Held", "Review"]
    assert sum(day.counts[15] for day in view.hours) == 2


async def test_a_lead_who_declined_does_not_block_times(hw: Hallway) -> None:
    chair = await register(hw, "chair@example.org", None, Role.CHAIR)
    ada, bob, cy = [(await register(hw, f"{n}@example.org")).id for n in ("ada", "bob", "cy")]
    made = await stored_social(hw, "Mine", [ada, bob], [MON + timedelta(hours=15)])
    await stored_social(hw, "Cy's", [cy, bob], [MON + timedelta(hours=26)])
    async with hw.uow() as uow:
        proposals = {p.title: p for p in await uow.programme.standing_proposals(hw.event.id)}
        stored = await uow.socials.get(made.id)
        assert stored is not None
        stored.leads[1].consent = Consent.DECLINED
        await uow.commit()
    assert proposals["Mine"].lead_ids == {ada, bob}
    async with hw.uow() as uow:
        again = {p.title: p for p in await uow.programme.standing_proposals(hw.event.id)}
    assert again["Mine"].lead_ids == {ada}
    assert (await programme_balance(hw, await actor(hw, chair.email))).gaps
