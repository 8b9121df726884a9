"""What people (and forgers) can put in a Slack request: text with everything Slack parses and
everything Unicode allows, ids that exist and ids that do not, JSON of any shape.

Lone surrogates are left out: Slack sends UTF-8, which cannot carry them.
"""

from __future__ import annotations

import os
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

# `HYPOTHESIS_PROFILE=long` runs the long target (slash commands) ten times as long.
LONG = os.environ.get("HYPOTHESIS_PROFILE") == "long"


def fuzz_settings(examples: int, long_examples: int | None = None) -> settings:
    """Modest example counts, the same examples every run (derandomized), no deadline: every
    example is real HTTP and database work."""
    return settings(
        max_examples=long_examples if LONG and long_examples else examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,  # one Slack harness serves all examples
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
        ],
    )


# Slack's control syntax, mentions of members who are not involved, and escapes half-typed.
SLACK_MARKUP = (
    "<!channel>",
    "<!here>",
    "<!everyone>",
    "<@U123>",
    "<@UMALLORY>",
    "<#C1>",
    "<#C00000042|general>",
    "<!subteam^S1>",
    "<!date^1626700000^{date}|x>",
    "<https://evil.example|click>",
    "<javascript:alert(1)|x>",
    "&",
    "&amp;",
    "&lt;!channel&gt;",
    "<",
    ">",
    "*bold*",
    "_it_",
    "~del~",
    "`code`",
    "```block```",
    "> quote",
    ":warning:",
    "|",
    "@channel",
    "@here",
)
# Characters that change how text reads or is stored: RTL overrides, zero widths, joiners,
# NUL and other controls, emoji sequences, combining marks.
ODD_CHARACTERS = (
    "\u202e",
    "\u202d",
    "\u200f",
    "\u200e",
    "\u2066",
    "\u2069",
    "\u200b",
    "\u200c",
    "\u200d",
    "\ufeff",
    "\x00",
    "\x07",
    "\x1b",
    "\r",
    "\n",
    "\t",
    "\u2028",
    "\u2029",
    "\u0301",
    "👩‍👩‍👧‍👦",
    "🏳️‍🌈",
    "🇫🇷",
    "שלום",
    "مرحبا",
    "𝕳𝖆𝖑𝖑",
    "\uffff",
    "\U0010ffff",
)

words = st.text(st.characters(exclude_categories=("Cs",)), max_size=30)
pieces = st.one_of(
    words,
    st.sampled_from(SLACK_MARKUP),
    st.sampled_from(ODD_CHARACTERS),
    st.integers(-(10**20), 10**20).map(str),
)
# Long text as Slack carries it (a paragraph input holds up to 3,000 characters; forgers more,
# up to what fits aiohttp's 1 MB request limit, which answers 413 beyond).
huge = st.one_of(
    st.builds(
        lambda piece, times: piece * times,
        st.sampled_from(["x", "é", "&", "<!here>", "👩‍👩‍👧‍👦", "\u200b", "word "]),
        st.sampled_from([101, 151, 201, 501, 2001, 3001]),
    ),
    st.sampled_from(["x" * 12_000, "&" * 12_000, "é" * 12_000]),
)
short_nasty_text = st.one_of(
    st.lists(pieces, max_size=12).map("".join), st.lists(pieces, max_size=8).map(" ".join)
)
nasty_text = st.one_of(short_nasty_text, huge)

# Ids that are Hallway's, near them, and nothing like them.
ids = st.one_of(
    st.integers(-2, 12).map(str),
    st.sampled_from(["999999", "1e3", "0x1", "1.5", " 1", "1 ", "١", "①", "-0", "+1", "99" * 20]),
    nasty_text,
)

json_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-(10**30), 10**30), st.floats(), words, short_nasty_text
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(words, inner, max_size=4),
    max_leaves=12,
)


def shuffled_keys(value: dict[str, Any], keep: set[str]) -> dict[str, Any]:
    """`value` limited to `keep` (a payload with fields left out)."""
    return {key: item for key, item in value.items() if key in keep}
