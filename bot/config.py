"""Deployment settings, read from the environment (and an optional `.env`) in `main()` only.

Anything missing or malformed fails at start with a message naming the variable.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from bot.errors import ConfigError
from bot.redaction import hide_url_password, url_password

DEFAULT_DATABASE_URL = "sqlite:///hallway.db"
SLACK_API_URL = "https://slack.com/api/"
DISCORD_API_URL = "https://discord.com/api/v10"
DISCORD_GATEWAY_URL = "wss://gateway.discord.gg/"


@dataclass(frozen=True)
class Settings:
    database_url: str = DEFAULT_DATABASE_URL
    event_file: Path | None = None
    host: str = "0.0.0.0"
    port: int = 3000
    slack_bot_token: str | None = None
    slack_signing_secret: str | None = None
    slack_app_token: str | None = None
    slack_api_url: str = SLACK_API_URL
    discord_token: str | None = None
    discord_guild_id: int | None = None
    discord_api_url: str = DISCORD_API_URL
    discord_gateway_url: str = DISCORD_GATEWAY_URL
    log_level: str = "INFO"
    # A rehearsal: the conference clock starts at `simulate_start` and runs `simulate_speed`
    # times faster than real time.
    simulate_start: datetime | None = None
    simulate_speed: float = 1.0
    # Outbound pacing (messages or requests per second), see `bot.delivery.pacing`.
    slack_messages_per_second: float = 10.0
    slack_channel_messages_per_second: float = 1.0
    discord_requests_per_second: float = 40.0
    discord_direct_messages_per_second: float = 1.0
    public_url: str = ""  # PUBLIC_URL; empty: http://localhost:PORT

    @property
    def base_url(self) -> str:
        """Where people reach Hallway's HTTP listener (calendar links, the programme page)."""
        return (self.public_url or f"http://localhost:{self.port}").rstrip("/")

    @property
    def slack_enabled(self) -> bool:
        return self.slack_bot_token is not None

    @property
    def discord_enabled(self) -> bool:
        return self.discord_token is not None

    @property
    def platforms(self) -> tuple[str, ...]:
        """Where notices go; with no platform configured, the console."""
        chosen = tuple(
            name
            for name, enabled in (("slack", self.slack_enabled), ("discord", self.discord_enabled))
            if enabled
        )
        return chosen or ("console",)

    @property
    def secrets(self) -> tuple[str, ...]:
        """What must never be shown: the tokens, the signing secret, the database password."""
        found = [value for key, value in self.__dict__.items() if _is_secret(key) and value]
        password = url_password(self.database_url)
        return tuple(found + ([password] if password else []))

    def __repr__(self) -> str:
        # Secrets never reach a log line through a repr.
        shown = {
            key: ("***" if value and _is_secret(key) else value)
            for key, value in self.__dict__.items()
        }
        shown["database_url"] = hide_url_password(self.database_url)
        return f"Settings({shown})"


def _is_secret(key: str) -> bool:
    return key.endswith(("_token", "_secret"))


def load_settings(environ: Mapping[str, str], dotenv: Path | None = Path(".env")) -> Settings:
    """Settings from `environ`, falling back to `dotenv` for variables it does not set."""
    values = {**(read_dotenv(dotenv) if dotenv is not None else {}), **environ}

    def get(name: str) -> str | None:
        value = values.get(name, "").strip()
        return value or None

    settings = Settings(
        database_url=_database_url(get("DATABASE_URL")),
        event_file=_event_file(get("HALLWAY_EVENT_FILE")),
        host=get("HOST") or "0.0.0.0",
        port=_port(get("PORT")),
        slack_bot_token=get("SLACK_BOT_TOKEN"),
        slack_signing_secret=get("SLACK_SIGNING_SECRET"),
        slack_app_token=get("SLACK_APP_TOKEN"),
        slack_api_url=_api_url("SLACK_API_URL", get("SLACK_API_URL") or SLACK_API_URL, "/api/"),
        discord_token=get("DISCORD_TOKEN"),
        discord_guild_id=_guild_id(get("DISCORD_GUILD_ID")),
        discord_api_url=_api_url(
            "DISCORD_API_URL", get("DISCORD_API_URL") or DISCORD_API_URL, "/api/v10"
        ),
        discord_gateway_url=get("DISCORD_GATEWAY_URL") or DISCORD_GATEWAY_URL,
        log_level=_log_level(get("LOG_LEVEL")),
        simulate_start=_instant("HALLWAY_SIMULATE_START", get("HALLWAY_SIMULATE_START")),
        simulate_speed=_rate("HALLWAY_SIMULATE_SPEED", get("HALLWAY_SIMULATE_SPEED"), 1.0),
        slack_messages_per_second=_rate(
            "SLACK_MESSAGES_PER_SECOND", get("SLACK_MESSAGES_PER_SECOND"), 10.0
        ),
        slack_channel_messages_per_second=_rate(
            "SLACK_CHANNEL_MESSAGES_PER_SECOND", get("SLACK_CHANNEL_MESSAGES_PER_SECOND"), 1.0
        ),
        discord_requests_per_second=_rate(
            "DISCORD_REQUESTS_PER_SECOND", get("DISCORD_REQUESTS_PER_SECOND"), 40.0
        ),
        discord_direct_messages_per_second=_rate(
            "DISCORD_DIRECT_MESSAGES_PER_SECOND", get("DISCORD_DIRECT_MESSAGES_PER_SECOND"), 1.0
        ),
        public_url=_public_url(get("PUBLIC_URL")),
    )
    _check_pairs(settings)
    return settings


def read_dotenv(path: Path) -> dict[str, str]:
    """`NAME=value` lines; `#` comments, `export` prefixes and quotes are understood."""
    if not path.is_file():
        return {}
    found: dict[str, str] = {}
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        text = raw.strip()
        if not text or text.startswith("#"):
            continue
        text = text.removeprefix("export ").strip()
        name, sep, value = text.partition("=")
        if not sep or not name.strip().isidentifier():
            raise ConfigError(f"{path} line {number}: expected NAME=value")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        found[name.strip()] = value
    return found


def _database_url(value: str | None) -> str:
    if value is None:
        return DEFAULT_DATABASE_URL
    if not value.startswith(("sqlite:///", "postgresql://", "postgres://", "postgresql+")):
        raise ConfigError(
            f"DATABASE_URL {hide_url_password(value)!r}: use sqlite:///path/to/file.db or "
            "postgresql://user@host/db"
        )
    return value


def _event_file(value: str | None) -> Path | None:
    if value is None:
        return None
    path = Path(value).expanduser()
    if not path.is_file():
        raise ConfigError(f"HALLWAY_EVENT_FILE {value!r}: no such file")
    return path


def _port(value: str | None) -> int:
    if value is None:
        return 3000
    if not value.isdigit() or not 0 < int(value) < 65536:
        raise ConfigError(f"PORT {value!r}: expected a port number from 1 to 65535")
    return int(value)


def _guild_id(value: str | None) -> int | None:
    if value is None:
        return None
    if not value.isdigit():
        raise ConfigError(f"DISCORD_GUILD_ID {value!r}: expected the server's numeric id")
    return int(value)


def _api_url(name: str, value: str, suffix: str) -> str:
    if not value.startswith(("http://", "https://")):
        raise ConfigError(f"{name} {value!r}: expected an http(s) URL")
    if not value.rstrip("/").endswith(suffix.rstrip("/")):
        raise ConfigError(f"{name} {value!r}: expected a URL ending in {suffix}")
    return value


def _public_url(value: str | None) -> str:
    if value is None:
        return ""
    if not value.startswith(("http://", "https://")):
        raise ConfigError(f"PUBLIC_URL {value!r}: expected Hallway's address, http(s)://…")
    return value.rstrip("/")


def _log_level(value: str | None) -> str:
    level = (value or "INFO").upper()
    if level not in ("DEBUG", "INFO", "WARNING", "ERROR"):
        raise ConfigError(f"LOG_LEVEL {value!r}: expected DEBUG, INFO, WARNING or ERROR")
    return level


def _instant(name: str, value: str | None) -> datetime | None:
    if value is None:
        return None
    try:
        instant = datetime.fromisoformat(value)
    except ValueError:
        raise ConfigError(
            f"{name} {value!r}: expected an ISO instant such as 2021-07-19T14:00:00+00:00"
        ) from None
    if instant.tzinfo is None:
        raise ConfigError(f"{name} {value!r}: say which zone, e.g. 2021-07-19T14:00:00Z")
    return instant


def _rate(name: str, value: str | None, default: float) -> float:
    if value is None:
        return default
    try:
        rate = float(value)
    except ValueError:
        rate = 0.0
    if not 0 < rate <= 10_000:
        raise ConfigError(f"{name} {value!r}: expected a positive number, e.g. {default:g}")
    return rate


def _check_pairs(settings: Settings) -> None:
    if settings.slack_enabled and not (settings.slack_signing_secret or settings.slack_app_token):
        raise ConfigError(
            "SLACK_SIGNING_SECRET is missing: Slack over HTTP needs it with SLACK_BOT_TOKEN "
            "(or set SLACK_APP_TOKEN for Socket Mode)"
        )
    if (settings.slack_signing_secret or settings.slack_app_token) and not settings.slack_enabled:
        raise ConfigError("SLACK_BOT_TOKEN is missing: the other Slack settings need it")
    if settings.discord_enabled and settings.discord_guild_id is None:
        raise ConfigError("DISCORD_GUILD_ID is missing: Hallway serves one Discord server")
