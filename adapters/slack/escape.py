"""Text for Slack: its three control characters escaped, links and mentions built safely.

Slack parses `&`, `<` and `>` in every text object (plain_text too) and in the top-level `text`,
so `<!channel>` typed by someone would ping a whole channel. Every str Hallway sends goes
through `escape`; markup is only ever produced here, from typed parts.
"""

from __future__ import annotations

import re
from urllib.parse import urlparse

_USER_ID = re.compile(r"^[UW][A-Z0-9]{2,}$")
_SAFE_SCHEMES = ("http", "https", "mailto")


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def unescape(text: str) -> str:
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def fit(text: str, limit: int) -> str:
    """`text` escaped and shortened (with …) so that the escaped form fits Slack's limit."""
    escaped = escape(text)
    if len(escaped) <= limit:
        return escaped
    cut = text
    while cut and len(escape(cut)) > limit - 1:
        cut = cut[: len(cut) - max(1, len(escape(cut)) - (limit - 1))]
    return escape(cut) + "…"


def cut_markup(markup: str, limit: int) -> str:
    """Shorten already-built mrkdwn without leaving half an entity, mention or date token."""
    if len(markup) <= limit:
        return markup
    cut = markup[: limit - 1]
    if cut.rfind("<") > cut.rfind(">"):
        cut = cut[: cut.rfind("<")]
    if cut.rfind("&") > cut.rfind(";"):
        cut = cut[: cut.rfind("&")]
    return cut + "…"


def link(url: str, label: str = "") -> str:
    """`<url|label>` for web and mail links; anything else is shown as text, not a link."""
    address = url.strip()
    if urlparse(address).scheme.lower() not in _SAFE_SCHEMES or not address:
        return escape(f"{label} ({url})" if label else url)
    # `|` would end the address early and `>` the whole link; both are legal once percent-encoded.
    target = escape(address.replace("|", "%7C").replace(">", "%3E").replace("<", "%3C"))
    return f"<{target}|{escape(label)}>" if label else f"<{target}>"


def mention(user_id: str) -> str | None:
    """`<@U…>` for a genuine Slack user id, None for anything else."""
    return f"<@{user_id}>" if _USER_ID.match(user_id) else None


def is_user_id(value: str) -> bool:
    return bool(_USER_ID.match(value))
