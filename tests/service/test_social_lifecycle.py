"""The whole life of a social, at the service level: submit → co-lead confirms → chair suggests
a time → leads accept → chair approves → release → each lead gets one message, in their time."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from bot.app import Hallway
from bot.commands.social_forms import SUBMIT_FORM, draft_from
from bot.domain.participants import Role
from bot.domain.socials import QueueState
from bot.forms import parse_form
from bot.messages import plain
from bot.services.social_consent import answer_suggestion, confirm_colead
from bot.services.social_release import release_decisions
from bot.services.social_review import approve_social, suggest_change
from bot.services.socials import submit_social
from tests.factories import actor, register
from tests.fakes import RecordingMessenger
from tests.social_cast import audit_actions, deliver, reload

TOKYO, LOS_ANGELES = "Asia/Tokyo", "America/Los_Angeles"
SUGGESTED = (datetime(2021, 7, 19, 13, tzinfo=UTC), datetime(2021, 7, 20, 1, tzinfo=UTC))


async def test_the_whole_lifecycle_reaches_each_lead_once_in_their_own_time(
    hw: Hallway, messenger: RecordingMessenger
) -> None:
    for email, name in (("aiko@example.org", "Aiko"), ("luis@example.org", "Luis")):
        await register(hw, email, name)
    await register(hw, "chair@example.org", "Grace", Role.CHAIR)
    aiko = await actor(hw, "aiko@example.org", TOKYO)
    luis = await actor(hw, "luis@example.org", LOS_ANGELES)
    chair = await actor(hw, "chair@example.org")

    answers = {
        "title": "Causal inference breakfast",
        "description": "Coffee and confounders.",
        "category": "Research topics",
        "coleads": "luis@example.org",
        "slot1": "2021-07-20 09:00",  # typed by Aiko, in Tokyo: 00:00 UTC
        "duration": "120",
        "conduct": "yes",
    }
    social = await submit_social(hw, aiko, draft_from(parse_form(SUBMIT_FORM, answers, aiko.tz)))
    assert [slot.start for slot in social.slots] == [datetime(2021, 7, 20, 0, tzinfo=UTC)]
    await confirm_colead(hw, luis, social.id)
    suggested = await suggest_change(
        hw, chair, social.id, dict(zip(("slot1", "slot2"), SUGGESTED, strict=True)), "Double it?"
    )
    await answer_suggestion(hw, luis, social.id, suggested.suggestions[0].id, accept=True)
    await approve_social(hw, chair, social.id, "Enjoy!")
    await release_decisions(hw, chair)
    await release_decisions(hw, chair)  # twice: nothing more

    stored = await reload(hw, social.id)
    assert stored.state == QueueState.RELEASED
    assert [slot.start for slot in stored.ordered_slots()] == list(SUGGESTED)
    assert await audit_actions(hw, social.id) == [
        "submit",
        "confirm_lead",
        "suggest",
        "accept_suggestion",
        "approve",
        "release",
    ]
    await deliver(hw, messenger)
    tokyo = _decisions(messenger, "aiko@example.org")
    assert len(tokyo) == 1
    assert "Monday 19 July 2021, 22:00 JST – 00:00 JST" in tokyo[0]
    assert "Tuesday 20 July 2021, 10:00 JST – 12:00 JST" in tokyo[0]
    assert "From the chairs: “Enjoy!”" in tokyo[0]
    los_angeles = _decisions(messenger, "luis@example.org")
    assert len(los_angeles) == 1
    assert "Monday 19 July 2021, 06:00 PDT – 08:00 PDT" in los_angeles[0]
    assert "Monday 19 July 2021, 18:00 PDT – 20:00 PDT" in los_angeles[0]


def _decisions(messenger: RecordingMessenger, email: str) -> list[str]:
    """Decision messages to this person, rendered in the zone the dispatcher sent with them."""
    return [
        plain(sent.message, ZoneInfo(sent.zone) if sent.zone else None)
        for sent in messenger.to(f"U-{email}")
        if sent.message is not None and sent.message.title == "Your social is accepted"
    ]
