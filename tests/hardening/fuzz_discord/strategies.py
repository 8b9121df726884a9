"""Hostile text for fuzzing: mentions, markdown, code fences, right-to-left and zero-width
marks, emoji, NUL and other control characters, and very long runs of all of them."""

from __future__ import annotations

from hypothesis import strategies as st

# What a person could paste that a chat platform reads as more than text.
TRICKY = (
    "@everyone",
    "@here",
    "<@880000000000000999>",
    "<@!880000000000000999>",
    "<@&880000000000000998>",
    "<#880000000000000997>",
    "</social submit:1>",
    "<t:0:R>",
    "<a:party:1>",
    "**bold**",
    "__under__",
    "~~gone~~",
    "||spoiler||",
    "`code`",
    "```py\nprint('x')\n```",
    "> quote",
    "# Heading",
    "-# small",
    "[link](https://evil.example)",
    "https://example.org/a_b*c",
    "\\",
    "\u202e",  # right-to-left override
    "\u200f",  # right-to-left mark
    "\u200b",  # zero-width space
    "\u200d",  # zero-width joiner
    "\ufeff",  # byte order mark
    "\u0000",  # NUL
    "\r\n",
    "\t",
    "👩\u200d👩\u200d👧",
    "🏳️\u200d🌈",
    "e\u0301\u0301\u0301",  # stacked combining accents
    "שלום",
    "مرحبا",
    "2021-07-19 18:00",
    "0001-01-01 00:00+01:00",
    "9999-12-31 23:59-12:00",
    "-1",
    "99999999999999999999",
    ",",
    ";",
    '"',
)

PLAIN = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)
PIECE = st.one_of(st.sampled_from(TRICKY), PLAIN)


@st.composite
def nasty_text(draw: st.DrawFn, max_size: int = 4000) -> str:
    """Usually short and mixed; sometimes exactly one tricky piece, sometimes one piece
    repeated to a huge length."""
    roll = draw(st.integers(0, 9))
    if roll == 1:
        return draw(st.sampled_from(TRICKY))[:max_size]
    if roll == 0:
        piece = draw(st.sampled_from(TRICKY)) or "x"
        return (piece * (max_size // max(1, len(piece)) + 1))[:max_size]
    return "".join(draw(st.lists(PIECE, max_size=8)))[:max_size]
