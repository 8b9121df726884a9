from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.errors import InvalidInput
from bot.forms import Choice, Field, Form, parse_field, parse_form

TOKYO = ZoneInfo("Asia/Tokyo")

CATEGORY = Field(
    "category",
    "Category",
    "choice",
    options=(Choice("research", "Research topics"), Choice("affinity", "Affinity group")),
)
FORM = Form(
    "demo.form",
    "Demo",
    (
        Field("title", "Title", max_length=10),
        CATEGORY,
        Field("start", "Start", "datetime"),
        Field("capacity", "Capacity", "integer", required=False, min_value=2, max_value=500),
        Field("video", "Video link", "url", required=False),
        Field("tags", "Tags", "tags", required=False, max_items=3),
        Field("coc", "I accept the code of conduct", "confirm"),
    ),
)


def test_a_good_form_is_read_into_typed_values() -> None:
    values = parse_form(
        FORM,
        {
            "title": "  Book   club ",
            "category": "Affinity group",
            "start": "2021-07-19 09:00",
            "capacity": "30",
            "video": "https://meet.example/abc",
            "tags": "#RL, rl , Theory",
            "coc": True,
        },
        TOKYO,
    )
    assert values == {
        "title": "Book club",
        "category": "affinity",
        "start": datetime(2021, 7, 19, 0, 0, tzinfo=UTC),
        "capacity": 30,
        "video": "https://meet.example/abc",
        "tags": ["rl", "theory"],
        "coc": True,
    }


def test_every_problem_is_reported_at_its_field_at_once() -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_form(
            FORM,
            {
                "title": "A title far too long",
                "category": "knitting",
                "start": "next tuesday",
                "capacity": "1",
                "video": "javascript:alert(1)",
                "tags": "a,b,c,d",
                "coc": False,
            },
            TOKYO,
        )
    errors = refused.value.errors
    assert set(errors) == {"title", "category", "start", "capacity", "video", "tags", "coc"}
    assert "at most 10" in errors["title"]
    assert "Research topics, Affinity group" in errors["category"]
    assert "YYYY-MM-DD HH:MM" in errors["start"]
    assert "from 2 to 500" in errors["capacity"]
    assert "https://" in errors["video"]
    assert "At most 3 tags" in errors["tags"]
    assert "tick" in errors["coc"]


def test_optional_fields_may_be_left_empty() -> None:
    assert parse_field(FORM.field("capacity"), "  ", TOKYO) is None
    assert parse_field(FORM.field("tags"), None, TOKYO) == []


def test_a_required_field_left_empty_is_named() -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_field(FORM.field("title"), "", TOKYO)
    assert refused.value.errors == {"title": "Title is required."}


def test_a_picked_instant_is_taken_as_it_is() -> None:
    picked = datetime(2021, 7, 19, 9, 0, tzinfo=ZoneInfo("Europe/Paris"))
    assert parse_field(FORM.field("start"), picked, TOKYO) == datetime(2021, 7, 19, 7, tzinfo=UTC)


def test_a_time_skipped_by_daylight_saving_is_an_error_at_the_field() -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_field(FORM.field("start"), "2021-03-28 02:30", ZoneInfo("Europe/Berlin"))
    assert "does not exist" in refused.value.errors["start"]


@pytest.mark.parametrize("typed", ["yes", "y", "on", "TRUE"])
def test_typed_agreement(typed: str) -> None:
    assert parse_field(FORM.field("coc"), typed, TOKYO) is True


def test_datetime_fields_show_the_expected_format() -> None:
    assert FORM.field("start").placeholder == "YYYY-MM-DD HH:MM"
