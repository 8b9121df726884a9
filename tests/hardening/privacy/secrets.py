"""Distinctive secrets for the privacy tests: each is unique enough that finding it anywhere in
a log line or a process's output can only mean it leaked."""

from __future__ import annotations

from urllib.parse import quote

SLACK_BOT_TOKEN = "xoxb-2718281828-3141592653-PrivBotTokenQz7"
SLACK_SIGNING_SECRET = "privsigningsecret0a1b2c3d4e5f6789"
SLACK_APP_TOKEN = "xapp-1-A0PRIVAPP-4242424242-PrivAppTokenWx3"
# A bot token's first part is the application id in base64 (discord.py and invite-url read it).
DISCORD_TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4.GprIvT.PrivDiscordTokenSecretPart0000000000"
DATABASE_PASSWORD = "Pg-Pa55w0rd-privZ!"

SECRETS = {
    "slack bot token": SLACK_BOT_TOKEN,
    "slack signing secret": SLACK_SIGNING_SECRET,
    "slack app token": SLACK_APP_TOKEN,
    "discord token": DISCORD_TOKEN,
    "database password": DATABASE_PASSWORD,
    "database password (URL-quoted)": quote(DATABASE_PASSWORD, safe=""),
}


def leaked(text: str, extra: dict[str, str] | None = None) -> list[str]:
    """The names of the secrets (and of `extra` ones, e.g. calendar tokens) found in `text`."""
    everything = {**SECRETS, **(extra or {})}
    return [name for name, value in everything.items() if value and value in text]
