"""The Slack app manifest (`hallway slack manifest --url https://HOST`), for one-step app creation.

Commands come from the shared command table, plus the Slack surface of DESIGN §3 for features
still to come, so the app created today keeps working as they land. Scopes are the least the
adapter needs; each is justified where it is listed.
"""

from __future__ import annotations

from typing import Any

from adapters.slack.transport import EVENTS_PATH
from bot.commands.registry import Command, Router
from bot.errors import ConfigError

# The Slack surface of DESIGN §3, described until their modules register them.
PLANNED = {
    "social": ("Submit a virtual social, or browse them", "[list | mine | chairs | help]"),
    "mentor": ("Schedule a mentoring session, or go live now", "[profile | now MINUTES TOPIC]"),
    "mentoring": ("Browse and book mentoring sessions", "[mine | help]"),
    "programme": ("What is on now, next and today", "[now | next | today | ics | help]"),
    "conduct": ("Report a code-of-conduct concern", "[help]"),
}
# Slack tells Hallway each person's zone with every interaction, so /timezone would be
# overwritten at once; it stays for Discord and the console.
NOT_ON_SLACK = frozenset({"timezone"})

BOT_SCOPES = [
    "commands",  # the slash commands
    "chat:write",  # replies, DMs, announcements, review cards and their updates
    "im:write",  # conversations.open: a DM channel with a person
    "users:read",  # users.info: name and time zone of whoever acts
    "users:read.email",  # users.info / users.lookupByEmail: the e-mail that links registrations
    "channels:read",  # conversations.list: public channels named in the event file → ids
    "groups:read",  # conversations.list: private channels (chairs, conduct team) → ids
    "groups:write",  # rooms: create private channels, invite, set the topic, archive
    "files:write",  # calendars, exports and the heatmap: the external upload flow
]
DESCRIPTION_LIMIT = 100
HINT_LIMIT = 100


def build_manifest(
    router: Router, url: str | None, *, name: str = "Hallway", socket_mode: bool = False
) -> dict[str, Any]:
    endpoint = None if socket_mode else request_url(url)
    commands = [slash_command(router, command, endpoint) for command in slack_commands(router)]
    settings: dict[str, Any] = {
        "event_subscriptions": {"bot_events": ["app_home_opened"]},
        "interactivity": {"is_enabled": True},
        "org_deploy_enabled": False,
        "socket_mode_enabled": socket_mode,
        "token_rotation_enabled": False,
    }
    if endpoint:
        settings["event_subscriptions"]["request_url"] = endpoint
        settings["interactivity"]["request_url"] = endpoint
    return {
        "_metadata": {"major_version": 1, "minor_version": 1},
        "display_information": {
            "name": name,
            "description": "The hallway track: virtual socials and mentoring",
        },
        "features": {
            "app_home": {
                "home_tab_enabled": True,
                "messages_tab_enabled": True,
                "messages_tab_read_only_enabled": True,  # Hallway writes DMs; it reads none
            },
            "bot_user": {"display_name": name, "always_online": True},
            "slash_commands": commands,
        },
        "oauth_config": {"scopes": {"bot": BOT_SCOPES}},
        "settings": settings,
    }


def request_url(url: str | None) -> str:
    if not url or not url.startswith("https://"):
        raise ConfigError(f"--url {url!r}: Slack needs the public https:// address of Hallway")
    return url.rstrip("/") + EVENTS_PATH


def slack_commands(router: Router) -> list[str]:
    return sorted((set(router.names()) | set(PLANNED)) - NOT_ON_SLACK)


def slash_command(router: Router, name: str, endpoint: str | None) -> dict[str, Any]:
    verbs = router.verbs(name)
    if verbs:
        description, hint = _summary(verbs), _hint(verbs)
    else:
        description, hint = PLANNED[name]
    entry = {
        "command": f"/{name}",
        "description": description[:DESCRIPTION_LIMIT],
        "usage_hint": hint[:HINT_LIMIT],
        "should_escape": False,
    }
    return entry | ({"url": endpoint} if endpoint else {})


def _summary(verbs: list[Command]) -> str:
    default = [command for command in verbs if command.default or not command.verb]
    return (default or verbs)[0].summary


def _hint(verbs: list[Command]) -> str:
    named = [command.verb for command in verbs if command.verb]
    if named:
        return "[" + " | ".join([*named, "help"]) + "]"
    # A command with no verbs: its usage without the leading /name.
    return verbs[0].usage.partition(" ")[2]
