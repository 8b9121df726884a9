"""The app manifest: commands from the table, least-privilege scopes, request URLs."""

from __future__ import annotations

import pytest

from adapters.slack.manifest import BOT_SCOPES, build_manifest
from bot.commands import build_router
from bot.errors import ConfigError
from tests.adapters.slack.sample import sample_router

URL = "https://hallway.example.org"


def commands(manifest: dict) -> dict[str, dict]:  # type: ignore[type-arg]
    return {entry["command"]: entry for entry in manifest["features"]["slash_commands"]}


def test_the_design_commands_and_the_tables_commands_are_listed() -> None:
    listed = commands(build_manifest(build_router(), URL))
    design = {"/social", "/mentor", "/mentoring", "/programme", "/conduct"}
    assert design | {"/help", "/whoami", "/verify"} <= set(listed)
    assert "/timezone" not in listed  # Slack tells each person's zone itself


def test_a_command_registered_later_is_described_from_the_table() -> None:
    listed = commands(build_manifest(sample_router(), URL))
    assert listed["/meetup"]["description"] == "Plan a meetup."
    assert listed["/verify"]["usage_hint"] == "<email> <registration_id>"
    assert listed["/help"]["usage_hint"] == "[command]"
    assert listed["/social"]["usage_hint"] == "[list | mine | chairs | help]"


def test_every_command_interactivity_and_events_use_the_one_request_url() -> None:
    manifest = build_manifest(build_router(), URL + "/")
    endpoint = "https://hallway.example.org/slack/events"
    assert {entry["url"] for entry in commands(manifest).values()} == {endpoint}
    assert manifest["settings"]["interactivity"] == {"is_enabled": True, "request_url": endpoint}
    assert manifest["settings"]["event_subscriptions"] == {
        "request_url": endpoint,
        "bot_events": ["app_home_opened"],
    }


def test_the_app_home_tab_is_enabled_and_the_scopes_are_the_least_needed() -> None:
    manifest = build_manifest(build_router(), URL)
    assert manifest["features"]["app_home"]["home_tab_enabled"] is True
    assert manifest["oauth_config"]["scopes"]["bot"] == BOT_SCOPES
    assert "channels:manage" not in BOT_SCOPES and "chat:write.public" not in BOT_SCOPES
    assert "users:read.email" in BOT_SCOPES


def test_socket_mode_needs_no_url() -> None:
    manifest = build_manifest(build_router(), None, socket_mode=True)
    assert manifest["settings"]["socket_mode_enabled"] is True
    assert "request_url" not in manifest["settings"]["interactivity"]
    assert all("url" not in entry for entry in commands(manifest).values())


@pytest.mark.parametrize("url", [None, "http://hallway.example.org", "hallway.example.org"])
def test_a_missing_or_insecure_url_is_refused(url: str | None) -> None:
    with pytest.raises(ConfigError, match="https://"):
        build_manifest(build_router(), url)
