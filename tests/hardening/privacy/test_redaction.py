"""Secrets in the text Hallway shows about itself: the settings' repr, configuration errors, the
backup's hints, and the log record cleaner (`bot.logs`, `bot.redaction`)."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from bot.config import Settings, load_settings
from bot.errors import ConfigError
from bot.logs import RecordCleaner
from bot.redaction import Redactor, hide_url_password, url_password
from storage import backup as backups
from storage.engine import async_url
from tests.hardening.privacy import secrets as s
from tests.hardening.privacy.secrets import leaked

PG_URL = f"postgresql://hallway:{s.DATABASE_PASSWORD.replace('!', '%21')}@db.internal:5432/hw"
ALL_SECRETS = {
    "SLACK_BOT_TOKEN": s.SLACK_BOT_TOKEN,
    "SLACK_SIGNING_SECRET": s.SLACK_SIGNING_SECRET,
    "SLACK_APP_TOKEN": s.SLACK_APP_TOKEN,
    "DISCORD_TOKEN": s.DISCORD_TOKEN,
    "DISCORD_GUILD_ID": "42",
    "DATABASE_URL": PG_URL,
}


def test_the_settings_repr_and_str_show_no_secret_not_even_the_database_password() -> None:
    settings = load_settings(ALL_SECRETS, dotenv=None)
    for shown in (repr(settings), str(settings), f"{settings}", f"{settings!r}"):
        assert leaked(shown) == []
        assert "postgresql://hallway:***@db.internal:5432/hw" in shown


def test_the_settings_name_every_secret_for_the_redactor() -> None:
    settings = load_settings(ALL_SECRETS, dotenv=None)
    assert set(settings.secrets) == {
        s.SLACK_BOT_TOKEN,
        s.SLACK_SIGNING_SECRET,
        s.SLACK_APP_TOKEN,
        s.DISCORD_TOKEN,
        s.DATABASE_PASSWORD,
    }
    assert leaked(Redactor(settings.secrets)(f"{PG_URL} {' '.join(settings.secrets)}")) == []


@pytest.mark.parametrize(
    "url",
    [
        f"mysql://hallway:{s.DATABASE_PASSWORD}@db.internal/hw",
        f"oracle://hallway:{s.DATABASE_PASSWORD}@db.internal/hw",
    ],
)
def test_a_refused_database_url_is_named_without_its_password(url: str) -> None:
    with pytest.raises(ConfigError) as refused:
        load_settings({"DATABASE_URL": url}, dotenv=None)
    assert "DATABASE_URL 'mysql://hallway:***@" in str(refused.value) or "oracle" in str(
        refused.value
    )
    assert leaked(str(refused.value)) == []
    with pytest.raises(ConfigError) as again:
        async_url(url)
    assert leaked(str(again.value)) == []


def test_hiding_a_url_password_keeps_the_rest_of_the_url() -> None:
    assert hide_url_password(PG_URL) == "postgresql://hallway:***@db.internal:5432/hw"
    assert hide_url_password("sqlite:///hallway.db") == "sqlite:///hallway.db"
    assert hide_url_password("postgresql://postgres@127.0.0.1/test") == (
        "postgresql://postgres@127.0.0.1/test"
    )
    assert url_password(PG_URL) == s.DATABASE_PASSWORD


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        (f"token={s.SLACK_BOT_TOKEN}", "token=***"),
        (f"app {s.SLACK_APP_TOKEN}.", "app ***."),
        (f"Bot {s.DISCORD_TOKEN}", "Bot ***"),
        ("{'Authorization': 'Bearer abcdefgh1234'}", "{'Authorization': 'Bearer ***'}"),
        ('"authorization": "Bot abc.def.ghi"', '"authorization": "Bot ***"'),
        ("GET /calendar/AbCdEfGhIjKlMnOpQrStUvWx12345678.ics", "GET /calendar/***.ics"),
        ("GET /calendar/programme.ics", "GET /calendar/programme.ics"),
        ("POST /interactions/1234/aW50ZXJhY3Rpb246MTIzNDU2Nzg5/callback", "/interactions/1234/***"),
        ("/webhooks/99/aW50ZXJhY3Rpb246MTIzNDU2Nzg5?wait=1", "/webhooks/99/***?wait=1"),
        ("https://hooks.slack.com/actions/T1/42/abcdef", "https://hooks.slack.com/actions/***"),
        ("http://127.0.0.1:4000/x@y", "http://127.0.0.1:4000/x@y"),
    ],
)
def test_credential_shaped_text_is_hidden_whoever_owns_it(text: str, shown: str) -> None:
    assert shown in Redactor()(text)


def test_a_cleaned_record_carries_no_secret_in_message_arguments_or_traceback() -> None:
    cleaner = RecordCleaner(Redactor([s.SLACK_SIGNING_SECRET, s.DATABASE_PASSWORD]))
    try:
        raise RuntimeError(f"connect failed for {PG_URL} with {s.SLACK_SIGNING_SECRET}")
    except RuntimeError as exc:
        record = logging.LogRecord(
            "hallway",
            logging.ERROR,
            __file__,
            1,
            "failed: %s %r",
            (exc, PG_URL),
            (
                type(exc),
                exc,
                exc.__traceback__,
            ),
        )
    cleaner.clean(record)
    text = logging.Formatter().format(record)
    assert "failed: connect failed" in text and "Traceback" in text
    assert leaked(text) == []
    assert record.args is None and record.exc_info is None
    assert leaked(record.exc_text or "") == []


def test_the_pg_restore_hint_and_the_missing_pg_dump_message_keep_the_password_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(ConfigError) as hint:
        backups.restore(PG_URL, tmp_path / "hw.dump")
    assert "pg_restore --clean --if-exists --no-owner" in str(hint.value)
    assert "--dbname=postgresql://hallway@db.internal:5432/hw" in str(hint.value)
    assert "PGPASSWORD" in str(hint.value)
    assert leaked(str(hint.value)) == []
    monkeypatch.setattr(backups.shutil, "which", lambda name: None)
    with pytest.raises(ConfigError) as missing:
        backups.backup(PG_URL, tmp_path / "hw.dump")
    assert "pg_dump is not installed here; back up PostgreSQL with: pg_dump" in str(missing.value)
    assert leaked(str(missing.value)) == []


def test_the_settings_repr_of_a_default_deployment_is_unchanged_in_shape() -> None:
    shown = repr(Settings())
    assert shown.startswith("Settings({") and "'database_url': 'sqlite:///hallway.db'" in shown
