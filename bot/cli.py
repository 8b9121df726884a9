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

log = logging.getLogger("hallway")


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        settings = load_settings(os.environ)
        logging.basicConfig(
            level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
        )
        logging.getLogger("alembic").setLevel(max(logging.WARNING, logging.root.level))
        code: int = asyncio.run(args.handler(settings, args))
        return code
    except (ConfigError, HallwayError) as exc:
        print(f"hallway: {exc}", file=sys.stderr)
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

    console = verbs.add_parser("console", help="the console adapter: a REPL that acts as a person")
    console.add_argument("--as", dest="email", help="the e-mail of the person to act as")
    console.set_defaults(handler=_console)

    db = verbs.add_parser("db", help="the database").add_subparsers(dest="db", required=True)
    db.add_parser("upgrade", help="apply migrations up to the newest").set_defaults(
        handler=_db_upgrade
    )

    people = verbs.add_parser("participants", help="the registration list")
    people_verbs = people.add_subparsers(dest="participants", required=True)
    importing = people_verbs.add_parser("import", help="upsert registrations from a CSV file")
    importing.add_argument("file", type=Path)
    importing.set_defaults(handler=_participants_import)
    return parser


async def _run(settings: Settings, args: argparse.Namespace) -> int:
    if settings.platforms == ("console",):
        return await _console(settings, args)
    raise ConfigError("Slack and Discord are not wired into this build yet; unset their tokens")


async def _console(settings: Settings, args: argparse.Namespace) -> int:
    from bot import bootstrap
    from bot.demo import DEMO_PERSON

    runtime = await bootstrap.start(settings)
    try:
        email = args.email or (DEMO_PERSON if runtime.is_demo else None)
        if email is None:
            raise ConfigError("say who you are: hallway console --as EMAIL")
        print(f"Hallway — {runtime.hw.event.name} — console ({settings.database_url})")
        await bootstrap.run_console(runtime, email)
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
        await bootstrap.run_scheduler(runtime, messengers)
    finally:
        await runtime.close()
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
