"""The chairs' balance, pure: hours covered, the week, clashes within a category, coverage."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from bot.domain.balance import (
    Proposal,
    balance,
    category_clashes,
    coverage,
    hourly_counts,
    hours_covered,
    week_days,
)
from bot.domain.regions import Region
from bot.domain.socials import Category
from bot.timerules import Interval, conference_window

DAY = datetime(2021, 7, 19, tzinfo=UTC)
ICML = conference_window(date(2021, 7, 18), date(2021, 7, 24))


def at(hour: float, minutes: int = 120) -> Interval:
    return Interval.lasting(DAY + timedelta(hours=hour), minutes)


def proposal(
    social_id: int,
    *slots: Interval,
    category: Category = Category.RESEARCH,
    accepted: bool = True,
    leads: tuple[int, ...] = (),
) -> Proposal:
    return Proposal(social_id, f"S{social_id}", category, accepted, slots, frozenset(leads))


def test_a_slot_covers_every_hour_it_overlaps() -> None:
    assert [hour.hour for hour in hours_covered(at(14.5))] == [14, 15, 16]


def test_a_slot_ending_on_the_hour_does_not_cover_that_hour() -> None:
    assert [hour.hour for hour in hours_covered(at(14))] == [14, 15]


def test_a_slot_across_midnight_covers_hours_of_both_dates() -> None:
    covered = hours_covered(at(23))
    assert [(hour.day, hour.hour) for hour in covered] == [(19, 23), (20, 0)]


def test_the_week_is_every_utc_date_the_conference_window_touches() -> None:
    # 18 July 00:00 at UTC+14 is 17 July 10:00 UTC; 24 July ends at UTC−12 on 25 July 12:00 UTC.
    days = week_days(ICML)
    assert (days[0], days[-1], len(days)) == (date(2021, 7, 17), date(2021, 7, 25), 9)


def test_hourly_counts_count_each_slot_in_every_hour_it_covers() -> None:
    [day] = hourly_counts([at(14), at(15, 30)], [DAY.date()])
    assert day.counts[13:17] == (0, 1, 2, 0)


def test_hours_outside_the_week_are_not_counted() -> None:
    [day] = hourly_counts([at(23)], [DAY.date()])
    assert sum(day.counts) == 1


def test_overlapping_slots_of_one_category_clash() -> None:
    [clash] = category_clashes([proposal(1, at(14)), proposal(2, at(15))])
    assert (clash.first.proposal.social_id, clash.second.proposal.social_id) == (1, 2)
    assert clash.category == Category.RESEARCH


def test_slots_of_different_categories_do_not_clash() -> None:
    skills = proposal(2, at(15), category=Category.SKILLS)
    assert category_clashes([proposal(1, at(14)), skills]) == ()


def test_a_slot_starting_as_another_ends_does_not_clash() -> None:
    assert category_clashes([proposal(1, at(14)), proposal(2, at(16))]) == ()


def test_slots_of_one_social_never_clash_with_each_other() -> None:
    assert category_clashes([proposal(1, at(14), at(15))]) == ()


def test_three_sessions_at_once_make_three_pairs_in_order_of_start() -> None:
    clashes = category_clashes([proposal(3, at(15)), proposal(1, at(14)), proposal(2, at(14.5))])
    pairs = [(c.first.proposal.social_id, c.second.proposal.social_id) for c in clashes]
    assert pairs == [(1, 2), (1, 3), (2, 3)]


def test_coverage_counts_accepted_socials_reaching_each_region() -> None:
    figures = coverage(
        [
            proposal(1, at(15)),  # Americas and Europe/Africa
            proposal(2, at(3)),  # Asia/Pacific
            proposal(3, at(3), accepted=False),  # under review: not in the programme yet
        ]
    )
    assert figures.accepted == 2
    assert {region: figures.share(region) for region in Region} == {
        Region.AMERICAS: 0.5,
        Region.EUROPE_AFRICA: 0.5,
        Region.ASIA_PACIFIC: 0.5,
    }


def test_coverage_has_no_share_before_anything_is_accepted() -> None:
    assert coverage([proposal(1, at(15), accepted=False)]).share(Region.AMERICAS) is None


def test_the_balance_lists_gaps_only_for_proposals_missing_a_region() -> None:
    everywhere = proposal(1, at(15), at(3))
    half = proposal(2, at(15), accepted=False)
    view = balance([everywhere, half], ICML)
    [gap] = view.gaps
    assert (gap.proposal.social_id, gap.missing) == (2, {Region.ASIA_PACIFIC})
    assert len(gap.suggestions) == 3
    assert {p.social_id: regions for p, regions in view.reach}[1] == set(Region)


def test_the_balance_counts_every_standing_slot_per_hour() -> None:
    view = balance([proposal(1, at(15), at(3)), proposal(2, at(15), accepted=False)], ICML)
    counts = {day.day: day.counts for day in view.hours}
    assert counts[DAY.date()][15] == 2
    assert counts[DAY.date()][3] == 1


def test_a_proposal_with_no_slot_misses_everything_and_gets_no_suggestion() -> None:
    [gap] = balance([proposal(1)], ICML).gaps
    assert (gap.missing, gap.suggestions) == (set(Region), ())


def test_suggestions_avoid_times_a_lead_leads_another_social() -> None:
    # Asia/Pacific daytime is busy (two sessions) every day but 20 July, where lead 7 runs
    # social 2 alone. Sharing lead 7, social 1 cannot go there; otherwise it is the best time.
    busy = proposal(2, Interval.lasting(DAY + timedelta(days=1), 14 * 60), leads=(7,))
    fillers = [
        proposal(100 + 2 * n + k, Interval.lasting(datetime.combine(day, time(0), UTC), 24 * 60))
        for n, day in enumerate(week_days(ICML))
        if day != date(2021, 7, 20)
        for k in (0, 1)
    ]

    def suggestions(*leads: int) -> list[Interval]:
        mine = proposal(1, at(15), leads=leads)
        gaps = balance([mine, busy, *fillers], ICML).gaps
        return [o.slot for g in gaps if g.proposal.social_id == 1 for o in g.suggestions]

    assert all(slot.start.date() == date(2021, 7, 20) for slot in suggestions(8))
    elsewhere = suggestions(7, 8)
    assert len(elsewhere) == 3
    assert all(not slot.overlaps(busy.slots[0]) for slot in elsewhere)
