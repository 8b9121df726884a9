"""Selecting and grouping the programme, pure: a day is the reader's day; "now" is running at
this instant; tags match whatever their case; categories list any of those asked."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from bot.domain.programme import (
    LeadName,
    ListedSlot,
    Listing,
    Place,
    Selection,
    Standing,
    by_local_day,
    local_day_bounds,
    normal_tag,
    select,
)
from bot.domain.socials import Category
from bot.timerules import Interval

TOKYO = ZoneInfo("Asia/Tokyo")
LA = ZoneInfo("America/Los_Angeles")
T0 = datetime(2021, 7, 19, 15, tzinfo=UTC)


def entry(
    slot_id: int,
    start: datetime,
    *,
    title: str = "",
    category: Category = Category.RESEARCH,
    tags: tuple[str, ...] = (),
    capacity: int | None = None,
    going: int = 0,
    leads: tuple[int, ...] = (1, 2),
) -> ListedSlot:
    return ListedSlot(
        slot_id,
        slot_id,
        title or f"S{slot_id}",
        category,
        tags,
        Interval.lasting(start, 120),
        capacity,
        going,
        0,
        tuple(LeadName(pid, f"P{pid}") for pid in leads),
    )


def ids(entries: list[ListedSlot]) -> list[int]:
    return [item.slot_id for item in entries]


def test_a_tokyo_readers_day_is_their_local_day() -> None:
    # 19 July 20:00 UTC is 20 July 05:00 in Tokyo.
    late = entry(1, datetime(2021, 7, 19, 20, tzinfo=UTC))
    early = entry(2, datetime(2021, 7, 19, 2, tzinfo=UTC))
    assert ids(select([late, early], Selection(local_day=date(2021, 7, 20), zone=TOKYO))) == [1]
    assert ids(select([late, early], Selection(local_day=date(2021, 7, 19), zone=TOKYO))) == [2]
    assert ids(select([late, early], Selection(local_day=date(2021, 7, 19)))) == [2, 1]


def test_running_now_includes_a_slot_starting_this_instant_and_not_one_ending_now() -> None:
    starting = entry(1, T0)
    ending = entry(2, T0 - timedelta(hours=2))
    running = entry(3, T0 - timedelta(hours=1))
    assert ids(select([starting, ending, running], Selection(running_at=T0))) == [3, 1]


def test_starting_within_is_half_open() -> None:
    ahead = Interval(T0, T0 + timedelta(hours=3))
    found = select(
        [entry(1, T0), entry(2, T0 + timedelta(hours=3)), entry(3, T0 - timedelta(minutes=1))],
        Selection(starts_within=ahead),
    )
    assert ids(found) == [1]


def test_tags_match_whatever_their_case_and_hash() -> None:
    tagged = entry(1, T0, tags=("RL", "Theory"))
    assert ids(select([tagged], Selection(tags=frozenset({"#rl"})))) == [1]
    assert normal_tag(" #Théorie ") == "théorie"


def test_every_tag_asked_must_be_carried() -> None:
    both = entry(1, T0, tags=("rl", "theory"))
    one = entry(2, T0, tags=("rl",))
    assert ids(select([both, one], Selection(tags=frozenset({"rl", "theory"})))) == [1]


def test_any_of_the_categories_asked_matches() -> None:
    research = entry(1, T0)
    skills = entry(2, T0, category=Category.SKILLS)
    other = entry(3, T0, category=Category.OTHER)
    chosen = Selection(categories=frozenset({Category.RESEARCH, Category.SKILLS}))
    assert ids(select([research, skills, other], chosen)) == [1, 2]


def test_the_programme_is_in_order_of_start_then_title() -> None:
    found = select(
        [entry(1, T0, title="b"), entry(2, T0, title="A"), entry(3, T0 - timedelta(hours=1))],
        Selection(),
    )
    assert ids(found) == [3, 2, 1]


def test_entries_are_grouped_under_the_readers_dates() -> None:
    entries = [
        entry(1, datetime(2021, 7, 19, 2, tzinfo=UTC)),
        entry(2, datetime(2021, 7, 19, 20, tzinfo=UTC)),
    ]
    grouped = by_local_day(entries, TOKYO)
    assert [(day.day.day, ids(list(day.entries))) for day in grouped] == [(19, [1]), (20, [2])]
    assert [day.day.day for day in by_local_day(entries, LA)] == [18, 19]


def test_a_full_slot_is_one_with_as_many_going_as_places() -> None:
    assert entry(1, T0, capacity=2, going=2).is_full
    assert not entry(1, T0, capacity=2, going=1).is_full
    assert not entry(1, T0, going=500).is_full


def test_the_reader_leads_or_holds_a_place() -> None:
    led, booked, other = entry(1, T0, leads=(7,)), entry(2, T0), entry(3, T0)
    listing = Listing((led, booked, other), {2: Place(Standing.WAITING, 3)}, reader=7)
    assert listing.place(led) == Place(Standing.LEAD)
    assert listing.place(booked) == Place(Standing.WAITING, 3)
    assert listing.place(other) is None
    assert Listing((led,), {}, reader=None).place(led) is None


zones = st.sampled_from(
    [
        "Asia/Tokyo",
        "America/Los_Angeles",
        "Pacific/Kiritimati",
        "Pacific/Niue",
        "America/Santiago",
        "Asia/Kathmandu",
        "UTC",
    ]
)


@given(
    zone=zones,
    instant=st.datetimes(
        min_value=datetime(2021, 1, 1),  # noqa: DTZ001 - Hypothesis bounds are naive
        max_value=datetime(2022, 12, 31),  # noqa: DTZ001
        timezones=st.just(UTC),
    ),
)
def test_the_storage_bounds_of_a_local_day_hold_every_instant_of_it(
    zone: str, instant: datetime
) -> None:
    local = ZoneInfo(zone)
    assert local_day_bounds(instant.astimezone(local).date(), local).contains(instant)
