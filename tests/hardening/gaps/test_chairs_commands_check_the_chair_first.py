"""`/social chairs …` typed by someone who is not a chair is refused as such, whatever follows:
before this, a bad time, id or filter was read first, and they were told what was wrong with it
("not a valid time") instead of that the command is the chairs' alone."""

from __future__ import annotations

import pytest

from bot.app import Hallway
from bot.commands import build_router
from bot.errors import NotAllowed, NotRegistered
from bot.timerules import TimeInputError
from tests.service.test_social_authorization import everything
from tests.social_cast import cast

SCHEDULE = "schedule the release of decisions"
TYPED = {
    "release at a bad time": ("release", "at next tuesday-ish", SCHEDULE),
    "release at a good time": ("release", "at 2021-07-18 12:00", SCHEDULE),
    "release a bad id": ("release", "twelve", "release decisions"),
    "approve a bad id": ("approve", "twelve Enjoy", "decide on socials"),
    "reject a bad id": ("reject", "#x no", "reject socials"),
    "suggest a bad id": ("suggest", "twelve", "review socials"),
    "combine a bad id": ("combine", "one two", "review socials"),
    "comment a bad id": ("comment", "twelve hi", "comment on socials"),
    "an unknown filter": ("sideways", "", "see the review queue"),
}


@pytest.mark.parametrize("case", TYPED)
async def test_a_non_chair_typing_a_chairs_command_hears_only_chairs_whatever_follows(
    hw: Hallway, case: str
) -> None:
    what, details, doing = TYPED[case]
    people = await cast(hw)
    router = build_router()
    before = await everything(hw)
    for who in (people.ada, people.bob):
        with pytest.raises(NotAllowed) as refused:
            await router.run(hw, who, "social", "chairs", {"what": what, "details": details})
        assert not isinstance(refused.value, NotRegistered)
        assert str(refused.value) == f"Only the chairs of ICML 2021 can {doing}."
    with pytest.raises(NotRegistered):
        await router.run(
            hw, people.stranger, "social", "chairs", {"what": what, "details": details}
        )
    assert await everything(hw) == before


async def test_a_non_chair_typing_release_at_a_bad_time_is_told_only_chairs(hw: Hallway) -> None:
    """The case as it was found, typed as text."""
    people = await cast(hw)
    with pytest.raises(NotAllowed, match="Only the chairs of ICML 2021 can schedule"):
        await build_router().run_text(hw, people.ada, "social", "chairs release at soonish")


async def test_a_chair_typing_release_at_a_bad_time_is_told_what_is_wrong_with_it(
    hw: Hallway,
) -> None:
    people = await cast(hw)
    with pytest.raises(TimeInputError, match="“soonish” is not a date and time"):
        await build_router().run_text(hw, people.chair, "social", "chairs release at soonish")
