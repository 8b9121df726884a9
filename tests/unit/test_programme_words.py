"""`/social list` words, forgivingly: a day, categories and tags in any order."""

from __future__ import annotations

from datetime import UTC, date, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.commands.programme_words import read_category, read_day, read_list_words
from bot.domain.programme import Selection
from bot.domain.socials import Category
from bot.errors import InvalidInput

TODAY = date(2021, 7, 19)  # a Monday
DAYS = [date(2021, 7, 18) + timedelta(days=n) for n in range(7)]  # Sunday 18 to Saturday 24
TOKYO = ZoneInfo("Asia/Tokyo")


def words(typed: str) -> Selection:
    """What the typed words select, for a reader in Tokyo."""
    return read_list_words(typed, today=TODAY, days=DAYS, zone=TOKYO)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("today", TODAY),
        ("Tomorrow", date(2021, 7, 20)),
        ("2021-07-22", date(2021, 7, 22)),
        ("2021-7-2", date(2021, 7, 2)),
        ("wed", date(2021, 7, 21)),
        ("Saturday", date(2021, 7, 24)),
    ],
)
def test_days_are_read_in_many_forms(typed: str, expected: date) -> None:
    assert read_day(typed, today=TODAY, days=DAYS) == expected


def test_a_word_that_is_not_a_day_is_none() -> None:
    assert read_day("research", today=TODAY, days=DAYS) is None


def test_a_date_that_cannot_exist_is_refused_at_the_day() -> None:
    with pytest.raises(InvalidInput) as refused:
        read_day("2021-02-30", today=TODAY, days=DAYS)
    assert refused.value.errors == {"day": "“2021-02-30” is not a real date; type YYYY-MM-DD."}


def test_a_weekday_the_conference_does_not_have_is_refused() -> None:
    with pytest.raises(InvalidInput, match="The conference has no Friday"):
        read_day("fri", today=TODAY, days=DAYS[:3])


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("research", Category.RESEARCH),
        ("Skill", Category.SKILLS),
        ("training", Category.SKILLS),
        ("affinity", Category.AFFINITY),
        ("gatherings", Category.GATHERING),
        ("others", Category.OTHER),
        ("rl", None),
        ("nlp", None),
    ],
)
def test_categories_are_read_by_their_first_letters(typed: str, expected: Category | None) -> None:
    assert read_category(typed) == expected


def test_words_in_any_order_make_one_selection_in_the_readers_zone() -> None:
    chosen = words("#RL skills tomorrow research theory")
    assert chosen.local_day == date(2021, 7, 20)
    assert chosen.zone == TOKYO
    assert chosen.categories == {Category.SKILLS, Category.RESEARCH}
    assert chosen.tags == {"rl", "theory"}


def test_a_hash_makes_any_word_a_tag() -> None:
    assert words("#research").tags == {"research"}
    assert words("#research").categories == frozenset()


def test_nothing_typed_selects_everything() -> None:
    chosen = words("")
    assert (chosen.local_day, chosen.categories, chosen.tags) == (None, frozenset(), frozenset())


def test_two_different_days_are_refused() -> None:
    with pytest.raises(InvalidInput, match="one day at a time"):
        words("today tomorrow")


def test_the_same_day_twice_is_fine() -> None:
    assert words("2021-07-19 today").local_day == TODAY
    assert words("today").zone != UTC
