"""Hiding secrets in text that leaves the process: log lines, error messages, printed settings.

Two nets: the deployment's own secrets by value (tokens, the signing secret, the database
password), and anything shaped like a credential by pattern, so that a token Hallway never
saw in its settings (a personal calendar link, an interaction's webhook token, another
workspace's token in an error) is hidden too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import quote, unquote, urlsplit

HIDDEN = "***"

# (pattern, replacement): what a credential looks like wherever it turns up.
_SHAPES: tuple[tuple[re.Pattern[str], str], ...] = (
    # Slack tokens: bot, user, app-level, configuration and refresh tokens.
    (re.compile(r"\bx(?:ox[abposre]|app)-[A-Za-z0-9-]+"), HIDDEN),
    # Discord bot tokens: base64 application id, timestamp, HMAC.
    (re.compile(r"\b[A-Za-z0-9_-]{18,}\.[A-Za-z0-9_-]{5,8}\.[A-Za-z0-9_-]{20,}"), HIDDEN),
    # Authorization headers, whatever the scheme.
    (re.compile(r"(?i)(authorization['\"]?\s*[:=]\s*['\"]?\w+ )[^'\"\s,}]+"), rf"\1{HIDDEN}"),
    # A password inside a URL: scheme://user:password@host.
    (re.compile(r"(\b[a-zA-Z][a-zA-Z0-9+.-]*://[^/\s:@'\"]*:)[^@\s'\"/]*@"), rf"\1{HIDDEN}@"),
    # Personal calendar feeds: /calendar/<token>.ics (the programme's own feed is public).
    (re.compile(r"(/calendar/)(?!programme\b)[A-Za-z0-9_-]{16,}(\.ics)"), rf"\1{HIDDEN}\2"),
    # Discord interaction and webhook tokens, Slack response URLs: each lets its holder post.
    (re.compile(r"(/(?:interactions|webhooks)/\d+/)[A-Za-z0-9_.-]{20,}"), rf"\1{HIDDEN}"),
    (re.compile(r"(hooks\.slack\.com/(?:actions|commands|services)/)\S+"), rf"\1{HIDDEN}"),
)


class Redactor:
    """Hides `secrets` (exact values, also URL-quoted) and every credential-shaped string."""

    def __init__(self, secrets: Iterable[str | None] = ()) -> None:
        values = {value for value in secrets if value}
        values |= {quote(value, safe="") for value in values}
        # Longest first, so a secret that contains another is hidden whole.
        self.secrets = tuple(sorted(values, key=len, reverse=True))

    def __call__(self, text: str) -> str:
        for secret in self.secrets:
            if secret in text:
                text = text.replace(secret, HIDDEN)
        for pattern, replacement in _SHAPES:
            text = pattern.sub(replacement, text)
        return text


def url_password(url: str) -> str | None:
    """The password a database URL carries, if any (for the redactor's list of secrets)."""
    try:
        password = urlsplit(url).password
    except ValueError:
        return None
    return unquote(password) if password else None


def hide_url_password(url: str) -> str:
    """`url` as it may be shown: its password, if any, replaced by ***."""
    return Redactor([url_password(url)])(url)


DEFAULT = Redactor()
