"""Slack's request signature, checked on the bytes that arrived, before anything reads them.

Slack signs `v0:timestamp:body` with the app's signing secret (HMAC-SHA256). Bolt checks the
same, but on the body as text: aiohttp decodes it with whatever charset the (unsigned)
Content-Type header names, so a legitimate UTF-8 body declared as Latin-1 failed, an unknown
charset or bytes that are not UTF-8 crashed the handler (500), and a timestamp that is not a
number crashed bolt's verifier. Here every such request is a plain 401.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping

MAX_AGE_SECONDS = 5 * 60  # Slack's rule: older (or newer) requests may be replays


def signed_by_slack(raw: bytes, headers: Mapping[str, str], secret: str, now: float) -> bool:
    """True when `raw` carries a current signature made with `secret`."""
    timestamp = headers.get("X-Slack-Request-Timestamp", "")
    signature = headers.get("X-Slack-Signature", "")
    if not (timestamp.isascii() and timestamp.isdigit() and signature):
        return False
    if abs(now - int(timestamp)) > MAX_AGE_SECONDS:
        return False
    signed = b"v0:" + timestamp.encode() + b":" + raw
    expected = "v0=" + hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected.encode(), signature.encode("utf-8", "replace"))
