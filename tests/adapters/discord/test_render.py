"""Messages → embeds and buttons (pure)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from adapters.discord.custom_ids import action_id
from adapters.discord.escape import escape_text, escaped_fully, link_label
from adapters.discord.render import render
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
)

AT = datetime(2021, 7, 19, 16, tzinfo=UTC)


def description(*blocks: object) -> str:
    return str(render(message(None, *blocks)).embeds[0]["description"])  # type: ignore[arg-type]


def test_strong_is_bold_and_its_text_escaped() -> None:
    assert description(line("{t}", t=Strong("a*b"))) == r"**a\*b**"


def test_times_are_discord_timestamps_in_their_style() -> None:
    shown = description(line("{a} ({b})", a=When(AT), b=When(AT, "relative")))
    assert shown == "<t:1626710400:F> (<t:1626710400:R>)"


def test_a_link_is_masked_with_a_label_that_cannot_break_out() -> None:
    shown = description(line("{l}", l=Link("https://x.org/a)b", "[click](evil)")))
    assert shown == "[click  evil](<https://x.org/a%29b>)"


def test_a_link_that_is_not_http_is_shown_as_text() -> None:
    assert description(line("{l}", l=Link("javascript:alert(1)", "go"))) == "go"


def test_a_person_is_named_unless_their_account_is_known() -> None:
    named = message(None, line("{p}", p=Person(3, "Ada_L")))
    assert render(named).embeds[0]["description"] == r"Ada\_L"
    mentioned = render(named, {3: "880000000000000042"})
    assert mentioned.embeds[0]["description"] == "<@880000000000000042>"
    assert mentioned.payload()["allowed_mentions"]["users"] == ["880000000000000042"]


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("@everyone", "@\u200beveryone"),
        ("@here", "@\u200bhere"),
        ("<@880000000000000001>", "<\u200b@\u200b880000000000000001>"),
        ("<@&880000000000000001>", "<\u200b@\u200b&880000000000000001>"),
        ("<#880000000000000001>", "<\u200b#880000000000000001>"),
        ("</social submit:1>", "<\u200b/social submit:1>"),
        ("<t:0:F>", "<\u200bt:0:F>"),
        ("a <b> c", "a <b> c"),
        ("__init__", r"\_\_init\_\_"),
    ],
)
def test_user_text_can_neither_ping_nor_format(typed: str, shown: str) -> None:
    assert escape_text(typed) == shown


def test_a_link_label_loses_its_brackets() -> None:
    assert link_label("a](x) [b") == "a  x   b"


def test_items_notes_and_dividers_have_their_own_shapes() -> None:
    shown = description(Item((("Board games",), ("Monday",))), Divider(), Note((("small",),)))
    assert shown == "• Board games\n\u2003Monday\n\n───\n\n-# small"


def test_buttons_come_in_rows_of_five_with_stable_custom_ids() -> None:
    buttons = tuple(Button(f"B{n}", "social.approve", str(n), "primary") for n in range(7))
    rows = render(message("Cards", Actions(buttons))).components
    assert [len(row["components"]) for row in rows] == [5, 2]
    assert rows[0]["components"][0] == {
        "type": 2,
        "style": 1,
        "label": "B0",
        "custom_id": "social.approve:0",
    }


def test_a_custom_id_past_discords_limit_is_refused() -> None:
    with pytest.raises(ValueError, match="custom id"):
        action_id("social.approve", "9" * 100)


def test_a_button_that_cannot_be_a_custom_id_is_left_out_not_the_message(
    caplog: pytest.LogCaptureFixture,
) -> None:
    shown = render(
        message(
            "Card", Actions((Button("x", "social.approve", "9" * 100), Button("ok", "a.b", "1")))
        )
    )
    assert [item["custom_id"] for item in shown.components[0]["components"]] == ["a.b:1"]
    assert shown.embeds[0]["title"] == "Card"
    assert "left out" in caplog.text


def test_a_long_message_is_split_over_several_embeds() -> None:
    paragraphs = ["word " * 500 for _ in range(2)]
    embeds = render(message("Long", *paragraphs)).embeds
    assert len(embeds) == 2 and embeds[0]["title"] == "Long"
    assert all(len(embed["description"]) <= 4096 for embed in embeds)


def test_a_message_longer_than_discord_allows_across_its_embeds_is_cut_short() -> None:
    """Found by fuzzing: three 3,500-character paragraphs made 10,500 characters of embeds,
    which Discord refuses (6,000 at most across a message's embeds)."""
    paragraphs = ["word " * 700 for _ in range(3)]
    embeds = render(message("Long", *paragraphs)).embeds
    total = sum(len(embed.get("title", "")) + len(embed["description"]) for embed in embeds)
    assert total == 6000
    assert embeds[-1]["description"].endswith("…")


def test_a_recorded_message_renders_as_recorded() -> None:
    card = message(
        "New social: Board games",
        line("Led by {a}, starts {s}.", a=Person(1, "Ada"), s=When(AT, "short")),
        Actions(
            (
                Button("Approve", "social.approve", "42", "primary"),
                Button("Reject", "social.reject", "42", "danger"),
            )
        ),
    )
    assert render(card).payload() == {
        "embeds": [
            {
                "title": "New social: Board games",
                "description": "Led by Ada, starts <t:1626710400:f>.",
                "color": 0x5865F2,
            }
        ],
        "components": [
            {
                "type": 1,
                "components": [
                    {"type": 2, "style": 1, "label": "Approve", "custom_id": "social.approve:42"},
                    {"type": 2, "style": 4, "label": "Reject", "custom_id": "social.reject:42"},
                ],
            }
        ],
        "allowed_mentions": {"parse": [], "users": [], "replied_user": False},
    }


@settings(max_examples=400, derandomize=True)
@given(st.text(alphabet=st.sampled_from("ab 1\n_\\~|*`>[]()#-@<:/.!&t"), max_size=40) | st.text())
def test_text_left_as_it_is_by_the_shortcut_is_exactly_what_full_escaping_gives(
    typed: str,
) -> None:
    assert escape_text(typed) == escaped_fully(typed)
