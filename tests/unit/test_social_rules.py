"""The call's slot and lead rules, pure."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from bot.domain.social_rules import (
    SlotPlan,
    is_standing,
    lead_clashes,
    slot_problems,
    submissions_open,
)
from bot.domain.socials import Category, Consent, Decision, Social, SocialLead, SocialSlot
from bot.timerules import aoe_end_of, conference_window

WINDOW = conference_window(date(2021, 7, 18), date(2021, 7, 24))
START = datetime(2021, 7, 19, 15, tzinfo=UTC)


def plan(*starts: datetime, minutes: int = 120) -> SlotPlan:
    return SlotPlan({f"slot{i + 1}": start for i, start in enumerate(starts)}, minutes, WINDOW)


def other(*lead_ids: int, start: datetime = START, social_id: int = 7) -> Social:
    social = Social(
        event_id=1,
        title="Other",
        description="",
        category=Category.OTHER,
        duration_minutes=120,
        submitted_by=lead_ids[0],
        submitted_at=START,
        leads=[SocialLead(pid, Consent.CONFIRMED) for pid in lead_ids],
        slots=[SocialSlot(start)],
    )
    social.id = social_id
    return social


def test_slots_inside_the_window_pass() -> None:
    assert slot_problems(plan(START, START + timedelta(hours=12))) == {}


def test_a_slot_outside_the_window_is_named_by_its_field() -> None:
    assert list(slot_problems(plan(START, WINDOW.end))) == ["slot2"]
    assert list(slot_problems(plan(WINDOW.start - timedelta(minutes=1)))) == ["slot1"]


def test_overlapping_slots_are_reported_at_the_later_one() -> None:
    problems = slot_problems(plan(START + timedelta(hours=1), START))
    assert list(problems) == ["slot1"]
    assert problems["slot1"].startswith("Slot 1 overlaps slot 2")


def test_back_to_back_slots_do_not_overlap() -> None:
    assert slot_problems(plan(START, START + timedelta(minutes=120))) == {}
    assert list(slot_problems(plan(START, START + timedelta(minutes=90), minutes=91))) == ["slot2"]


def test_a_lead_of_an_overlapping_standing_social_clashes() -> None:
    [clash] = lead_clashes(plan(START + timedelta(minutes=119)), [1, 2], [other(2)])
    assert (clash.field, clash.participant_id, clash.other.title) == ("slot1", 2, "Other")


def test_no_clash_for_others_leads_or_other_times() -> None:
    assert lead_clashes(plan(START), [1], [other(2)]) == []
    assert lead_clashes(plan(START + timedelta(minutes=120)), [2], [other(2)]) == []


def test_withdrawn_combined_rejected_or_ignored_socials_do_not_clash() -> None:
    withdrawn, combined, rejected, itself = other(2), other(2), other(2), other(2, social_id=9)
    withdrawn.withdrawn_at = START
    combined.combined_into = 3
    rejected.decision = Decision.REJECTED
    found = lead_clashes(plan(START), [2], [withdrawn, combined, rejected, itself], ignore=[9])
    assert found == []
    assert not any(is_standing(item) for item in (withdrawn, combined, rejected))


def test_a_declined_lead_is_free_but_one_still_asked_is_not() -> None:
    asked = other(2)
    asked.leads[0].consent = Consent.PENDING
    assert len(lead_clashes(plan(START), [2], [asked])) == 1
    asked.leads[0].consent = Consent.DECLINED
    assert lead_clashes(plan(START), [2], [asked]) == []


def test_submissions_are_open_until_the_instant_the_deadline_passes_everywhere() -> None:
    close = aoe_end_of(date(2021, 6, 21))
    assert submissions_open(close - timedelta(microseconds=1), close)
    assert not submissions_open(close, close)
