"""User text made inert for Discord: markdown escaped, and nothing that pings or links.

`discord.utils.escape_mentions` covers @everyone, @here and user/role ids; channel links,
slash-command mentions and timestamps (`<#…>`, `</…>`, `<t:…>`) are broken the same way, with
a zero-width space after the `<`, so they show as typed.
"""

from __future__ import annotations

import re

from discord.utils import escape_markdown, escape_mentions

# What Discord reads after a "<": mentions, channels, slash commands, emoji, timestamps, guide.
_ANGLE_TOKEN = re.compile(r"<(?=[@#/:]|a:|t:|id:)")
_LINK_LABEL_BREAKERS = re.compile(r"[\[\]()<>\n\r]")
ZERO_WIDTH = "\u200b"


# Every character the escapes below act on or need to find what they act on (markdown, a
# quote, a heading, a list, a masked link, a mention, an angle token). Text without any of them
# is left as it is, and most text shown (names, titles, dates) has none: the regular
# expressions, the costliest part of rendering a message, are then not run at all.
_ACTED_ON = frozenset("_\\~|*`>[#-@<")


def escape_text(text: str) -> str:
    """Show `text` exactly as typed: no formatting, no mentions, no channel or time tokens."""
    if _ACTED_ON.isdisjoint(text):
        return text
    return escaped_fully(text)


def escaped_fully(text: str) -> str:
    """`escape_text` without its shortcut."""
    escaped = escape_markdown(text)
    escaped = escape_mentions(escaped)
    # @everyone etc. survive escape_markdown untouched; mentions of ids are already broken.
    return _ANGLE_TOKEN.sub("<" + ZERO_WIDTH, escaped)


def link_label(label: str) -> str:
    """A masked link's label: no brackets that could end it early, then escaped."""
    return escape_text(_LINK_LABEL_BREAKERS.sub(" ", label).strip())


def link_target(url: str) -> str | None:
    """The URL as it may stand in `[label](<url>)`, or None when it is no http(s) link."""
    cleaned = url.strip()
    if not cleaned.lower().startswith(("http://", "https://")) or any(c.isspace() for c in cleaned):
        return None
    return cleaned.replace(">", "%3E").replace("<", "%3C").replace(")", "%29")
