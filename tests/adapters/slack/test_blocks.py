"""Hallway messages as Block Kit: structure, escaping, mentions, times, buttons."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from adapters.slack.blocks import core_action, people_in, render_message
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
    line,
    message,
    text,
)

START = datetime(2021, 7, 19, 6, 0, tzinfo=UTC)
CARD = message(
    "Queer in AI & friends",
    text(
        line("{title} starts {start}.", title=Strong("<b>Meet</b>"), start=When(START, "short")),
        line("Leads: {a} and {b}.", a=Person(1, "Ada"), b=Person(2, "Bob <!here>")),
        line("Join at {link}", link=Link("https://meet.example/x", "the call")),
    ),
    Item((line("Slot 1"),), (Button("RSVP", "social.rsvp", "7", "primary"),)),
    Item(
        (line("Slot 2"),), (Button("RSVP", "social.rsvp", "8"), Button("Drop", "social.drop", "8"))
    ),
    Divider(),
    Note((line("Submitted by {who}", who=Person(1, "Ada")),)),
    Actions(
        (
            Button("Approve", "social.approve", "42", "primary"),
            Button("Reject", "social.reject", "42", "danger"),
        )
    ),
)


def test_a_message_becomes_header_sections_actions_divider_and_context() -> None:
    rendered = render_message(CARD, {1: "U0ADA"}, ZoneInfo("Asia/Tokyo"))
    assert [block["type"] for block in rendered.blocks] == [
        "header",
        "section",
        "section",
        "section",
        "actions",
        "divider",
        "context",
        "actions",
    ]
    assert rendered.blocks[0]["text"]["text"] == "Queer in AI &amp; friends"


def test_inline_parts_become_bold_dates_mentions_and_links() -> None:
    rendered = render_message(CARD, {1: "U0ADA"}, ZoneInfo("Asia/Tokyo"))
    assert rendered.blocks[1]["text"]["text"] == (
        "*&lt;b&gt;Meet&lt;/b&gt;* starts "
        "<!date^1626674400^{date_short_pretty} at {time}|Mon 19 Jul, 15:00 JST>.\n"
        "Leads: <@U0ADA> and Bob &lt;!here&gt;.\n"
        "Join at <https://meet.example/x|the call>"
    )
    assert rendered.blocks[-2]["elements"] == [{"type": "mrkdwn", "text": "Submitted by <@U0ADA>"}]


def test_an_item_with_one_button_carries_it_as_the_accessory() -> None:
    item = render_message(CARD).blocks[2]
    assert item == {
        "type": "section",
        "text": {"type": "mrkdwn", "text": "Slot 1"},
        "accessory": {
            "type": "button",
            "text": {"type": "plain_text", "text": "RSVP", "emoji": True},
            "action_id": "social.rsvp",
            "value": "7",
            "style": "primary",
        },
    }


def test_a_repeated_action_gets_a_suffix_that_maps_back_to_the_core_action() -> None:
    blocks = render_message(CARD).blocks
    second_rsvp = blocks[4]["elements"][0]
    assert second_rsvp["action_id"] == "social.rsvp#2"
    assert "style" not in second_rsvp
    assert core_action(second_rsvp["action_id"]) == "social.rsvp"
    assert [b["style"] for b in blocks[-1]["elements"]] == ["primary", "danger"]


def test_the_fallback_text_is_plain_escaped_and_in_the_readers_zone() -> None:
    rendered = render_message(CARD, {}, ZoneInfo("Asia/Tokyo"))
    assert rendered.text.startswith(
        "Queer in AI &amp; friends\n&lt;b&gt;Meet&lt;/b&gt; starts Mon 19 Jul, 15:00 JST."
    )
    assert "Bob &lt;!here&gt;" in rendered.text


def test_people_named_in_a_message_are_found_for_mention_lookup() -> None:
    assert people_in(CARD) == {1, 2}


def test_a_long_paragraph_is_split_into_sections_within_slacks_limit() -> None:
    long_lines = [line("{t}", t="x" * 1000) for _ in range(5)]
    rendered = render_message(message(None, *long_lines))
    assert [len(block["text"]["text"]) for block in rendered.blocks] == [
        1000,
        1000,
        1000,
        1000,
        1000,
    ]


def test_a_long_title_is_cut_to_the_header_limit() -> None:
    header = render_message(message("&" * 200)).blocks[0]["text"]["text"]
    assert len(header) <= 150 and header.endswith("…")
