"""`hallway slack manifest` and `hallway serve-slack`, run as real processes."""

from __future__ import annotations

import json
from pathlib import Path

from tests.e2e.test_cli import hallway


def test_slack_manifest_prints_json_for_the_given_url(tmp_path: Path) -> None:
    result = hallway(tmp_path, "slack", "manifest", "--url", "https://hallway.example.org")
    assert result.returncode == 0, result.stderr
    manifest = json.loads(result.stdout)
    commands = {entry["command"] for entry in manifest["features"]["slash_commands"]}
    assert {"/social", "/mentor", "/mentoring", "/programme", "/conduct"} <= commands
    assert manifest["settings"]["interactivity"]["request_url"] == (
        "https://hallway.example.org/slack/events"
    )
    assert not (tmp_path / "hallway.db").exists()  # setup needs no database


def test_slack_manifest_refuses_a_plain_http_url(tmp_path: Path) -> None:
    result = hallway(tmp_path, "slack", "manifest", "--url", "http://localhost:3000")
    assert result.returncode == 2
    assert "Slack needs the public https:// address of Hallway" in result.stderr


def test_serve_slack_without_a_token_says_what_is_missing(tmp_path: Path) -> None:
    result = hallway(tmp_path, "serve-slack")
    assert result.returncode == 2
    assert "SLACK_BOT_TOKEN is not set: serve-slack needs it" in result.stderr
