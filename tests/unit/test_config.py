from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import DEFAULT_DATABASE_URL, load_settings, read_dotenv
from bot.errors import ConfigError


def test_nothing_set_means_sqlite_and_the_console(tmp_path: Path) -> None:
    settings = load_settings({}, tmp_path / ".env")
    assert settings.database_url == DEFAULT_DATABASE_URL
    assert settings.platforms == ("console",)
    assert (settings.host, settings.port) == ("0.0.0.0", 3000)


def test_tokens_choose_the_platforms() -> None:
    settings = load_settings(
        {
            "SLACK_BOT_TOKEN": "xoxb-1",
            "SLACK_SIGNING_SECRET": "s",
            "DISCORD_TOKEN": "d",
            "DISCORD_GUILD_ID": "42",
        },
        None,
    )
    assert settings.platforms == ("slack", "discord")
    assert settings.discord_guild_id == 42


@pytest.mark.parametrize(
    ("environ", "named"),
    [
        ({"PORT": "http"}, "PORT"),
        ({"PORT": "70000"}, "PORT"),
        ({"DATABASE_URL": "mysql://x"}, "DATABASE_URL"),
        ({"HALLWAY_EVENT_FILE": "/nonexistent/event.toml"}, "HALLWAY_EVENT_FILE"),
        ({"SLACK_BOT_TOKEN": "xoxb-1"}, "SLACK_SIGNING_SECRET"),
        ({"SLACK_SIGNING_SECRET": "s"}, "SLACK_BOT_TOKEN"),
        ({"DISCORD_TOKEN": "d"}, "DISCORD_GUILD_ID"),
        ({"DISCORD_TOKEN": "d", "DISCORD_GUILD_ID": "my-server"}, "DISCORD_GUILD_ID"),
        ({"SLACK_API_URL": "http://127.0.0.1:9/"}, "SLACK_API_URL"),
        ({"DISCORD_API_URL": "localhost"}, "DISCORD_API_URL"),
        ({"LOG_LEVEL": "loud"}, "LOG_LEVEL"),
    ],
)
def test_a_bad_variable_is_named(environ: dict[str, str], named: str) -> None:
    with pytest.raises(ConfigError, match=named):
        load_settings(environ, None)


def test_dotenv_fills_in_and_the_environment_wins(tmp_path: Path) -> None:
    dotenv = tmp_path / ".env"
    dotenv.write_text("# local\nexport PORT=4000\nHOST='127.0.0.1'\n\nLOG_LEVEL=debug\n")
    settings = load_settings({"PORT": "5000"}, dotenv)
    assert (settings.host, settings.port, settings.log_level) == ("127.0.0.1", 5000, "DEBUG")


def test_a_broken_dotenv_line_is_named(tmp_path: Path) -> None:
    dotenv = tmp_path / ".env"
    dotenv.write_text("PORT=1\nthis is not a setting\n")
    with pytest.raises(ConfigError, match="line 2"):
        read_dotenv(dotenv)


def test_secrets_never_show_in_the_repr() -> None:
    settings = load_settings(
        {"SLACK_BOT_TOKEN": "xoxb-secret-token", "SLACK_SIGNING_SECRET": "signing-secret"}, None
    )
    shown = repr(settings)
    assert "xoxb-secret-token" not in shown and "signing-secret" not in shown
    assert "slack_bot_token" in shown
