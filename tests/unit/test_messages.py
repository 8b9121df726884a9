from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.messages import (
    Actions,
    Button,
    Divider,
    Item,
    Link,
    Note,
    Person,
    Strong,
    When,
    from_json,
    line,
    message,
    plain,
    to_json,
)

START = datetime(2021, 7, 19, 15, 0, tzinfo=UTC)


def test_a_line_keeps_user_text_as_parts_not_markup() -> None:
    parts = line(
        "Social {title} starts {start}.", title=Strong("<!channel> *x*"), start=When(START)
    )
    assert parts == ("Social ", Strong("<!channel> *x*"), " starts ", When(START), ".")


def test_a_line_template_needs_every_value() -> None:
    with pytest.raises(KeyError, match="title"):
        line("Social {title}")


def test_messages_survive_the_outbox() -> None:
    original = message(
        "Decision",
        line("Hello {who}, see {link}", who=Person(3, "Ada"), link=Link("https://x.test", "x")),
        Item((line("Slot {at}", at=When(START, "short")),), (Button("RSVP", "social.rsvp", "7"),)),
        Actions((Button("Confirm", "social.confirm", "7", "primary"),)),
        Note((("small print",),)),
        Divider(),
    )
    assert from_json(to_json(original)) == original
    assert [button.action for button in original.buttons] == ["social.rsvp", "social.confirm"]


def test_plain_text_shows_times_in_the_readers_zone() -> None:
    from zoneinfo import ZoneInfo

    shown = plain(message("T", line("Starts {at}", at=When(START, "time"))), ZoneInfo("Asia/Tokyo"))
    assert shown == "T\nStarts 00:00 JST"
