"""`hallway` (also `python -m bot`): the command line, and `main()`, where settings are read."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from bot.config import Settings, load_settings
from bot.errors import ConfigError, HallwayError
from bot.logs import configure_logging
from bot.redaction import Redactor, hide_url_password

log = logging.getLogger("hallway")


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    redact = Redactor()
    try:
        settings = load_settings(os.environ)
        redact = Redactor(settings.secrets)
        configure_logging(settings.log_level, settings.secrets)
        code: int = asyncio.run(args.handler(settings, args))
        return code
    except (ConfigError, HallwayError) as exc:
        print(f"hallway: {redact(str(exc))}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="hallway", description=__doc__)
    verbs = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = verbs.add_parser("run", help="every configured platform and the scheduler in one process")
    run.add_argument("--as", dest="email", help="console persona when no platform is configured")
    run.set_defaults(handler=_run)

    scheduler = verbs.add_parser(
        "scheduler", help="the scheduler alone: reminders, rooms, releases (hot standby if taken)"
    )
    scheduler.set_defaults(handler=_scheduler)

    serve_slack = verbs.add_parser(
        "serve-slack", help="Slack alone (HTTP or Socket Mode), no scheduler"
    )
    serve_slack.set_defaults(handler=_serve_slack)

    slack = verbs.add_parser("slack", help="Slack setup").add_subparsers(
        dest="slack", required=True
    )
    manifest = slack.add_parser("manifest", help="print the Slack app manifest (JSON)")
    manifest.add_argument("--url", help="Hallway's public https:// address")
    manifest.add_argument("--socket-mode", action="store_true", help="for Socket Mode: no URLs")
    manifest.add_argument("--name", default="Hallway", help="the app's name in Slack")
    manifest.set_defaults(handler=_slack_manifest)

    console = verbs.add_parser("console", help="the console adapter: a REPL that acts as a person")
    console.add_argument("--as", dest="email", help="the e-mail of the person to act as")
    console.set_defaults(handler=_console)

    serve_discord = verbs.add_parser(
        "serve-discord", help="the Discord client alone (no scheduler)"
    )
    serve_discord.set_defaults(handler=_serve_discord)
    discord = verbs.add_parser("discord", help="Discord set-up")
    discord_verbs = discord.add_subparsers(dest="discord", required=True)
    invite = discord_verbs.add_parser("invite-url", help="the link that adds the bot to a server")
    invite.add_argument("--client-id", help="the application id, when the token does not tell it")
    invite.set_defaults(handler=_discord_invite_url)

    db = verbs.add_parser("db", help="the database").add_subparsers(dest="db", required=True)
    db.add_parser("upgrade", help="apply migrations up to the newest").set_defaults(
        handler=_db_upgrade
    )
    backup = db.add_parser("backup", help="write a consistent copy of the database")
    backup.add_argument("file", type=Path)
    backup.set_defaults(handler=_db_backup)
    restore = db.add_parser("restore", help="replace the (SQLite) database with a backup")
    restore.add_argument("file", type=Path)
    restore.set_defaults(handler=_db_restore)

    _export_parsers(verbs)
    stats = verbs.add_parser("stats", help="the chairs' statistics")
    stats.set_defaults(handler=_stats)
    web = verbs.add_parser("serve-web", help="the programme page and calendar feeds alone")
    web.set_defaults(handler=_serve_web)

    people = verbs.add_parser("participants", help="the registration list")
    people_verbs = people.add_subparsers(dest="participants", required=True)
    importing = people_verbs.add_parser("import", help="upsert registrations from a CSV file")
    importing.add_argument("file", type=Path)
    importing.set_defaults(handler=_participants_import)
    return parser


def _export_parsers(verbs: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    export = verbs.add_parser("export", help="the programme, calendars and the chairs' files")
    kinds = export.add_subparsers(dest="export", required=True)
    programme = kinds.add_parser("programme", help="the programme, to stdout or --out FILE")
    programme.add_argument("--format", choices=("ics", "csv", "json"), default="ics")
    calendar = kinds.add_parser("calendar", help="one person's calendar (.ics)")
    calendar.add_argument("--as", dest="email", required=True, help="the person's e-mail")
    heatmap = kinds.add_parser("heatmap", help="sessions per hour across the week (PNG)")
    heatmap.add_argument("--out", type=Path, required=True)
    to_stdout = [programme, calendar]
    for name, what in (("submissions", "every proposal"), ("mentoring", "mentors and sessions")):
        chairs = kinds.add_parser(name, help=f"the chairs' export of {what}")
        chairs.add_argument("--format", choices=("csv", "json"), default="csv")
        to_stdout.append(chairs)
    for parser in to_stdout:
        parser.add_argument("--out", type=Path, help="write here instead of stdout")
    export.set_defaults(handler=_export)


async def _export(settings: Settings, args: argparse.Namespace) -> int:
    from bot import bootstrap
    from bot.exports.render import export_bytes

    runtime = await bootstrap.start(settings)
    try:
        data = await export_bytes(runtime.hw, args.export, vars(args))
    finally:
        await runtime.close()
    if args.out is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        args.out.write_bytes(data)
        print(f"{args.out}: {len(data):,} bytes", file=sys.stderr)
    return 0


async def _stats(settings: Settings, args: argparse.Namespace) -> int:
    from bot import bootstrap
    from bot.commands.stats_view import stats_message
    from bot.messages import plain
    from bot.services.stats import event_statistics

    runtime = await bootstrap.start(settings)
    try:
        view = await event_statistics(runtime.hw)
    finally:
        await runtime.close()
    print(plain(stats_message(view)))
    return 0


async def _serve_web(settings: Settings, args: argparse.Namespace) -> int:
    from bot import bootstrap

    runtime = await bootstrap.start(settings)
    try:
        await bootstrap.serve_web(runtime)
    finally:
        await runtime.close()
    return 0


async def _run(settings: Settings, args: argparse.Namespace) -> int:
    if settings.platforms == ("console",):
        return await _console(settings, args)
    from bot import bootstrap

    runtime = await bootstrap.start(settings)
    try:
        await bootstrap.run_everything(runtime)
    finally:
        await runtime.close()
    return 0


async def _serve_slack(settings: Settings, args: argparse.Namespace) -> int:
    from bot import bootstrap

    if not settings.slack_enabled:
        raise ConfigError(
            "SLACK_BOT_TOKEN is not set: serve-slack needs it, with SLACK_SIGNING_SECRET "
            "(HTTP) or SLACK_APP_TOKEN (Socket Mode)"
        )
    runtime = await bootstrap.start(settings)
    try:
        await bootstrap.serve_slack(runtime)
    finally:
        await runtime.close()
    return 0


async def _slack_manifest(settings: Settings, args: argparse.Namespace) -> int:
    import json

    from adapters.slack.manifest import build_manifest
    from bot.commands import build_router

    manifest = build_manifest(
        build_router(), args.url, name=args.name, socket_mode=args.socket_mode
    )
    print(json.dumps(manifest, indent=2, ensure_ascii=False))
    return 0


async def _console(settings: Settings, args: argparse.Namespace) -> int:
    from bot import bootstrap
    from bot.demo import DEMO_PERSON

    runtime = await bootstrap.start(settings)
    try:
        email = args.email or (DEMO_PERSON if runtime.is_demo else None)
        if email is None:
            raise ConfigError("say who you are: hallway console --as EMAIL")
        where = hide_url_password(settings.database_url)
        print(f"Hallway — {runtime.hw.event.name} — console ({where})")
        await bootstrap.run_console(runtime, email, downloads=Path("hallway-files"))
    finally:
        await runtime.close()
    return 0


async def _scheduler(settings: Settings, args: argparse.Namespace) -> int:
    from bot import bootstrap

    runtime = await bootstrap.start(settings)
    try:
        messengers = bootstrap.rest_messengers(runtime)
        if not messengers:
            raise ConfigError(
                "hallway scheduler delivers to Slack and Discord over their REST APIs: set "
                "SLACK_BOT_TOKEN or DISCORD_TOKEN (the console runs its own scheduler: hallway run)"
            )
        try:
            await bootstrap.run_scheduler(runtime, messengers)
        finally:
            await bootstrap.close_messengers(messengers)
    finally:
        await runtime.close()
    return 0


async def _serve_discord(settings: Settings, args: argparse.Namespace) -> int:
    from bot import bootstrap

    if not settings.discord_enabled:
        raise ConfigError("DISCORD_TOKEN is missing: serve-discord needs the bot's token")
    runtime = await bootstrap.start(settings)
    try:
        await bootstrap.serve_discord(runtime)
    finally:
        await runtime.close()
    return 0


async def _discord_invite_url(settings: Settings, args: argparse.Namespace) -> int:
    from adapters.discord.invite import client_id_from_token, invite_url

    client_id = args.client_id
    if client_id is None:
        if settings.discord_token is None:
            raise ConfigError("set DISCORD_TOKEN (or pass --client-id) to build the invite link")
        client_id = client_id_from_token(settings.discord_token)
    print(invite_url(client_id, settings.discord_guild_id))
    return 0


async def _db_upgrade(settings: Settings, args: argparse.Namespace) -> int:
    from storage import connect
    from storage.migrate import current, upgrade

    database = connect(settings.database_url)
    try:
        await upgrade(database)
        print(f"database at revision {await current(database)}")
    finally:
        await database.dispose()
    return 0


async def _db_backup(settings: Settings, args: argparse.Namespace) -> int:
    from storage.backup import backup

    print(backup(settings.database_url, args.file))
    return 0


async def _db_restore(settings: Settings, args: argparse.Namespace) -> int:
    from storage.backup import restore

    print(restore(settings.database_url, args.file))
    return 0


async def _participants_import(settings: Settings, args: argparse.Namespace) -> int:
    from bot import bootstrap
    from bot.services.participants import import_participants

    try:
        text = args.file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{args.file}: cannot be read ({exc})") from None
    runtime = await bootstrap.start(settings)
    try:
        report = await import_participants(runtime.hw, text)
    finally:
        await runtime.close()
    print(f"{runtime.hw.event.name}: {report.summary()}")
    return 1 if report.refused else 0
