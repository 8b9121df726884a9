"""Properties over typed times and zones, through the whole submission use case."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.app import Hallway
from bot.commands.social_forms import SUBMIT_FORM, draft_from, typed_local
from bot.errors import InvalidInput
from bot.forms import parse_form
from bot.services.socials import submit_social
from tests.factories import actor, register
from tests.social_cast import count_socials
from tests.unit.test_social_forms import GOOD, ZONES, instants

_people = itertools.count()


@settings(
    max_examples=50,
    deadline=None,
    # One database for all examples: each example brings its own leads, so they never clash.
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(instant=instants, zone_name=st.sampled_from(ZONES))
async def test_a_typed_start_is_stored_as_its_instant_and_accepted_iff_in_the_window(
    hw: Hallway, instant: datetime, zone_name: str
) -> None:
    number = next(_people)
    lead, colead = f"lead{number}@example.org", f"colead{number}@example.org"
    for email in (lead, colead):
        await register(hw, email)
    submitter = await actor(hw, lead, zone_name)
    answers = {**GOOD, "coleads": colead, "slot1": typed_local(instant, ZoneInfo(zone_name))}
    answers.pop("slot2")
    draft = draft_from(parse_form(SUBMIT_FORM, answers, submitter.tz))
    stored_before = await count_socials(hw)
    if not hw.event.window.contains(instant):
        with pytest.raises(InvalidInput) as refused:
            await submit_social(hw, submitter, draft)
        assert list(refused.value.errors) == ["slot1"]
        assert await count_socials(hw) == stored_before
        return
    social = await submit_social(hw, submitter, draft)
    [slot] = social.slots
    assert slot.start == instant and slot.start.tzinfo == UTC
