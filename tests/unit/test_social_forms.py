"""The submission form: each bad answer is reported at its own field; typed times round-trip."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.commands.social_forms import SUBMIT_FORM, draft_from, proposal_id, typed_id, typed_local
from bot.domain.social_rules import SlotPlan, slot_problems
from bot.domain.socials import Category
from bot.errors import InvalidInput
from bot.forms import parse_field, parse_form
from bot.timerules import conference_window

TOKYO = ZoneInfo("Asia/Tokyo")
WINDOW = conference_window(
    datetime(2021, 7, 18, tzinfo=UTC).date(), datetime(2021, 7, 24, tzinfo=UTC).date()
)
GOOD = {
    "title": "Quiz night",
    "description": "Questions and answers.",
    "category": "Social and intellectual gathering",
    "tags": "#Quiz, fun",
    "coleads": "bob@example.org, U123",
    "slot1": "2021-07-20 09:00",
    "slot2": "2021-07-20 21:00",
    "duration": "120",
    "video_url": "https://meet.example.org/quiz",
    "capacity": "40",
    "notes": "",
    "conduct": "yes",
}
# Zones at the edges of the clock: +14, −11, half and quarter hours, and daylight saving.
ZONES = (
    "Pacific/Kiritimati",
    "Pacific/Pago_Pago",
    "Etc/GMT+12",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "America/St_Johns",
    "Australia/Lord_Howe",
    "America/Los_Angeles",
    "Europe/London",
    "Asia/Tokyo",
    "UTC",
)


def test_good_answers_become_a_draft_in_utc() -> None:
    draft = draft_from(parse_form(SUBMIT_FORM, GOOD, TOKYO))
    assert draft.category == Category.GATHERING
    assert draft.slots == {
        "slot1": datetime(2021, 7, 20, 0, tzinfo=UTC),
        "slot2": datetime(2021, 7, 20, 12, tzinfo=UTC),
    }
    assert (draft.tags, draft.coleads) == (("quiz", "fun"), ("bob@example.org", "U123"))
    assert (draft.duration_minutes, draft.capacity, draft.conduct_acknowledged) == (120, 40, True)


@pytest.mark.parametrize(
    ("field", "answer", "says"),
    [
        ("title", "x" * 101, "Title is 101 characters; at most 100 fit."),
        ("description", "x" * 2001, "Description is 2,001 characters; at most 2,000 fit."),
        ("category", "party", "Choose one of: Research topics"),
        ("coleads", "", "Co-lead(s) is required."),
        ("slot1", "next tuesday", "“next tuesday” is not a date and time; type YYYY-MM-DD HH:MM."),
        ("slot2", "2021-07-20 25:00", "is not a real date and time"),
        ("duration", "20", "Duration in minutes must be from 30 to 240."),
        ("duration", "two hours", "Duration in minutes must be a whole number."),
        ("video_url", "ftp://files.example.org/x", "Give a full link starting with https://"),
        ("video_url", "javascript:alert(1)", "Give a full link starting with https://"),
        ("capacity", "1", "Capacity must be from 2 to 10000."),
        ("conduct", "", "Please tick “Code of conduct” to go on."),
        ("conduct", "no", "Please tick “Code of conduct” to go on."),
    ],
)
def test_each_bad_answer_is_reported_at_its_field(field: str, answer: str, says: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_form(SUBMIT_FORM, {**GOOD, field: answer}, TOKYO)
    assert list(refused.value.errors) == [field]
    assert says in refused.value.errors[field]


def test_a_time_skipped_by_daylight_saving_is_refused_at_its_field() -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_form(SUBMIT_FORM, {**GOOD, "slot1": "2021-03-14 02:30"}, ZoneInfo("America/New_York"))
    assert "does not exist in America/New_York" in refused.value.errors["slot1"]


def test_the_second_slot_suggests_a_double_session_and_says_why() -> None:
    slot2 = SUBMIT_FORM.field("slot2")
    assert slot2.suggest_after == ("slot1", 720)
    assert "other time zones" in slot2.help
    assert not slot2.required


def test_button_values_that_are_not_numbers_find_no_proposal() -> None:
    assert (proposal_id("12"), proposal_id("#12"), proposal_id("1;2"), proposal_id("")) == (
        12,
        12,
        0,
        0,
    )
    with pytest.raises(InvalidInput) as refused:
        typed_id("twelve")
    assert list(refused.value.errors) == ["id"]


def test_a_time_that_happens_twice_is_typed_with_which() -> None:
    london = ZoneInfo("Europe/London")
    second = datetime(2021, 10, 31, 1, 30, tzinfo=UTC)  # 01:30 GMT, after 01:30 BST
    assert typed_local(second, london) == "2021-10-31 01:30 later"
    assert typed_local(second - timedelta(hours=1), london) == "2021-10-31 01:30 earlier"


# Hypothesis takes naive bounds and attaches the zone itself.
EARLIEST, LATEST = datetime(2021, 7, 14), datetime(2021, 7, 28)  # noqa: DTZ001
instants = st.datetimes(min_value=EARLIEST, max_value=LATEST, timezones=st.just(UTC)).map(
    lambda instant: instant.replace(second=0, microsecond=0)
)


@given(instant=instants, zone_name=st.sampled_from(ZONES))
def test_a_start_typed_in_any_zone_is_the_same_instant_and_in_the_window_or_not(
    instant: datetime, zone_name: str
) -> None:
    zone = ZoneInfo(zone_name)
    typed = typed_local(instant, zone)
    stored = parse_field(SUBMIT_FORM.field("slot1"), typed, zone)
    assert stored == instant and stored.tzinfo == UTC
    refused = slot_problems(SlotPlan({"slot1": stored}, 120, WINDOW))
    assert ("slot1" in refused) == (not WINDOW.contains(instant))
