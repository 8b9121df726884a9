"""Mention injection, looked for in everything Hallway sent Slack: every Web API call and
response_url post the fake recorded, and every answer given in an ack.

Slack parses `&`, `<` and `>` in text. The only markup allowed through is what Hallway builds
from typed parts: date tokens, links, and mentions of real members. Two kinds of string are
not parsed by Slack and are left out: an input's `initial_value` (a form shown again for
editing carries the words as typed, or editing would mangle them) and message `metadata`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

INJECTION = "<!channel> <!here> <@U123> <#C1> & co"
FORGED = ("<!channel>", "<!here>", "<@U123>", "<@u123>", "<#C1>", "<#c1>", "<!everyone>")
NOT_PARSED = frozenset({"initial_value", "metadata"})
_BUILT = re.compile(
    r"<!date\^\d+\^[^|<>]*\|[^<>]*>"  # <!date^UNIX^{format}|fallback>
    r"|<(?:https?|mailto):[^|<>\s]+(?:\|[^<>]*)?>"  # <url|label>
    r"|<@(?P<user>[UW][A-Z0-9]+)>"  # a mention, allowed for real members only
)
_RAW_AMPERSAND = re.compile(r"&(?!amp;|lt;|gt;)")


def unescaped(payloads: Iterable[Any], members: set[str]) -> list[str]:
    """Every string that would reach Slack's parser with a raw control character or a forged
    token, as `where: text`; empty when everything is escaped."""
    found: list[str] = []
    for number, payload in enumerate(payloads):
        for where, text in _strings(payload, f"#{number}"):
            left = _BUILT.sub(lambda m: "" if _genuine(m, members) else m.group(0), text)
            if "<" in left or ">" in left or _RAW_AMPERSAND.search(left):
                found.append(f"{where}: {text[:200]}")
            found += [f"{where}: forged {token}" for token in FORGED if token in text]
    return found


def _genuine(match: re.Match[str], members: set[str]) -> bool:
    user = match.group("user")
    return user is None or user in members


def _strings(value: Any, where: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in NOT_PARSED:
                yield from _strings(item, f"{where}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, f"{where}[{index}]")
