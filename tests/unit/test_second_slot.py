"""Where another slot would add the regions a proposal misses: the grid, the overlap count,
the ranking, and (by property) that every suggestion really reaches a missing region."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.regions import REGIONS, Region, reaches, regions_reached
from bot.domain.second_slot import SessionIndex, grid_starts, suggest_slots
from bot.timerules import Interval, conference_window

DAY = datetime(2021, 7, 19, tzinfo=UTC)
ICML = conference_window(date(2021, 7, 18), date(2021, 7, 24))


def at(hour: float, minutes: int = 120) -> Interval:
    return Interval.lasting(DAY + timedelta(hours=hour), minutes)


def test_grid_starts_round_the_window_start_up_to_the_half_hour() -> None:
    window = Interval(DAY + timedelta(minutes=10), DAY + timedelta(hours=2))
    assert [s.strftime("%H:%M") for s in grid_starts(window)] == ["00:30", "01:00", "01:30"]


def test_grid_starts_stop_before_the_window_ends() -> None:
    window = Interval(DAY, DAY + timedelta(hours=1, minutes=1))
    assert [s.strftime("%H:%M") for s in grid_starts(window)] == ["00:00", "00:30", "01:00"]


def test_the_icml_grid_runs_from_17_july_10_00_to_25_july_11_30_utc() -> None:
    starts = grid_starts(ICML)
    assert (starts[0], starts[-1]) == (
        datetime(2021, 7, 17, 10, tzinfo=UTC),
        datetime(2021, 7, 25, 11, 30, tzinfo=UTC),
    )


def test_the_index_counts_sessions_overlapping_a_span() -> None:
    index = SessionIndex([at(10), at(11), at(12), at(14)], ICML)
    assert index.overlapping(at(12)) == 2  # 11–13 and 12–14; 10–12 ended, 14–16 not begun


def test_the_best_slot_adds_the_missing_region_closest_to_twelve_hours_later() -> None:
    [best] = suggest_slots(
        [at(15)], frozenset({Region.ASIA_PACIFIC}), SessionIndex([], ICML), [at(15)], 1
    )
    # 12 h after 15:00 is 03:00 next day: 03:00–05:00 UTC reaches Asia/Pacific.
    assert best.slot == at(27)
    assert (best.adds, best.overlaps) == ({Region.ASIA_PACIFIC}, 0)


def test_fewer_overlaps_beat_closeness_to_twelve_hours() -> None:
    busy = SessionIndex([at(26), at(27), at(28)], ICML)
    best = suggest_slots([at(15)], frozenset({Region.ASIA_PACIFIC}), busy, [at(15)], 3)
    assert [option.overlaps for option in best] == [0, 0, 0]
    assert all(not option.slot.overlaps(at(27)) for option in best)


def test_adding_two_missing_regions_beats_adding_one() -> None:
    # Missing Americas and Europe/Africa: 15:00–17:00 UTC adds both; 08:00 adds Europe only.
    missing = frozenset({Region.AMERICAS, Region.EUROPE_AFRICA})
    best = suggest_slots([at(3)], missing, SessionIndex([], ICML), [at(3)], 3)
    assert all(option.adds == missing for option in best)


def test_ties_on_distance_go_to_the_earlier_start() -> None:
    # Anchor 03:00 next day; 02:30 and 03:30 are equally close, and both reach Asia/Pacific.
    best = suggest_slots(
        [at(15)], frozenset({Region.ASIA_PACIFIC}), SessionIndex([], ICML), [at(15)], 3
    )
    assert [option.slot.start.strftime("%d %H:%M") for option in best] == [
        "20 03:00",
        "20 02:30",
        "20 03:30",
    ]


def test_no_suggestion_overlaps_a_blocked_time() -> None:
    blocked = [at(15), at(26, 6 * 60)]
    best = suggest_slots(
        [at(15)], frozenset({Region.ASIA_PACIFIC}), SessionIndex([], ICML), blocked, 3
    )
    assert best
    assert all(not option.slot.overlaps(span) for option in best for span in blocked)


def test_nothing_is_suggested_when_nothing_is_missing() -> None:
    assert suggest_slots([at(15)], frozenset(), SessionIndex([], ICML), [at(15)]) == ()


sessions = st.lists(
    st.builds(
        lambda hour, minutes: at(hour / 2, minutes),
        st.integers(min_value=-60, max_value=300),
        st.sampled_from([30, 60, 90, 120, 240]),
    ),
    max_size=30,
)


@settings(max_examples=60, deadline=None)
@given(
    first=st.integers(min_value=-40, max_value=280),
    minutes=st.sampled_from([30, 60, 120, 180, 240]),
    others=sessions,
)
def test_every_suggestion_reaches_a_missing_region_on_the_grid_inside_the_window(
    first: int, minutes: int, others: list[Interval]
) -> None:
    mine = at(first / 2, minutes)
    missing = frozenset(REGIONS) - regions_reached([mine])
    index = SessionIndex([mine, *others], ICML)
    for option in suggest_slots([mine], missing, index, [mine], 3):
        assert option.adds and option.adds <= missing
        assert all(reaches(option.slot, region) for region in option.adds)
        assert ICML.contains(option.slot.start) and option.slot.start.minute in (0, 30)
        assert option.slot.minutes == minutes and not option.slot.overlaps(mine)
        assert option.overlaps == sum(option.slot.overlaps(s) for s in [mine, *others])


@given(spans=sessions, probe=sessions.filter(bool))
def test_the_index_agrees_with_counting_one_by_one(
    spans: list[Interval], probe: list[Interval]
) -> None:
    index = SessionIndex(spans, ICML)
    for span in probe:
        assert index.overlapping(span) == sum(span.overlaps(other) for other in spans)


def brute_force(
    mine: Interval, missing: frozenset[Region], others: list[Interval], blocked: list[Interval]
) -> list[Interval]:
    """The ranking spelled out: every grid start, every rule, one sort."""
    anchor = mine.start + timedelta(hours=12)
    options = []
    for start in grid_starts(ICML):
        span = Interval.lasting(start, mine.minutes)
        adds = regions_reached([span]) & missing
        if adds and not any(span.overlaps(b) for b in blocked):
            overlaps = sum(span.overlaps(s) for s in [mine, *others])
            options.append(((-len(adds), overlaps, abs(start - anchor), start), span))
    return [span for _key, span in sorted(options, key=lambda item: item[0])[:3]]


@settings(max_examples=60, deadline=None)
@given(
    first=st.integers(min_value=-40, max_value=280),
    minutes=st.sampled_from([30, 60, 120, 240]),
    others=sessions,
    blocked=sessions,
)
def test_the_suggestions_are_the_best_three_of_the_spelled_out_ranking(
    first: int, minutes: int, others: list[Interval], blocked: list[Interval]
) -> None:
    mine = at(first / 2, minutes)
    missing = frozenset(REGIONS) - regions_reached([mine])
    index = SessionIndex([mine, *others], ICML)
    found = suggest_slots([mine], missing, index, [mine, *blocked], 3)
    assert [option.slot for option in found] == brute_force(mine, missing, others, [mine, *blocked])
