"""The composition root: the one place that reads settings and wires storage, platforms and the
core together. Everything else receives what it needs."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from adapters.console.io import ConsoleIO, TerminalIO
from adapters.console.messenger import ConsoleMessenger
from adapters.console.render import ButtonBoard
from adapters.console.session import ConsoleSession
from adapters.discord.messenger import DiscordMessenger
from adapters.discord.rest import DiscordRest
from adapters.discord.serve import run_discord
from bot.app import Hallway
from bot.clock import Clock, SimulatedClock, SystemClock
from bot.commands import build_router
from bot.commands.registry import Router
from bot.config import Settings
from bot.delivery.attempts import SendPolicy
from bot.delivery.pacing import Pacer, PacingRules, Rate
from bot.demo import demo_event
from bot.demo.seed import seed_demo
from bot.errors import ConfigError
from bot.event import EventConfig, load_event_file
from bot.ports import Messenger
from bot.scheduling.handlers import build_work_handlers
from bot.scheduling.leader import Leadership
from bot.scheduling.scheduler import Scheduler
from bot.scheduling.sources import build_due_sources
from bot.services.accounts import platform_user_ids
from storage import Database, connect
from storage.leader import scheduler_lock
from storage.migrate import upgrade

if TYPE_CHECKING:
    # Imported where used: the console and the CLI's other verbs should not pay for bolt.
    from adapters.slack.messenger import SlackMessenger
    from adapters.slack.service import SlackService
    from adapters.web import WebServer


@dataclass
class Runtime:
    settings: Settings
    database: Database
    hw: Hallway
    router: Router

    @property
    def is_demo(self) -> bool:
        return self.settings.event_file is None

    async def close(self) -> None:
        await self.database.dispose()


async def start(
    settings: Settings,
    *,
    clock: Clock | None = None,
    migrate: bool = True,
    demo_socials: bool = True,
) -> Runtime:
    """Connect, migrate, load the event (the demo one when no file is set) and wire the core.
    `demo_socials=False`: the demo without its sample proposals (tests that need a quiet one)."""
    database = connect(settings.database_url)
    if migrate:
        await upgrade(database)
    clock = clock or clock_from(settings)
    config = event_config(settings, clock)
    async with database.uow() as uow:
        event = await uow.events.save(config)
        await uow.commit()
    hw = Hallway(database.uow, clock, event, settings.platforms, settings.base_url)
    runtime = Runtime(settings, database, hw, build_router())
    if runtime.is_demo:
        await seed_demo(hw, socials=demo_socials)
    return runtime


def slack_service(runtime: Runtime) -> SlackService:
    """Slack over HTTP or Socket Mode, for `serve_slack` or a process that serves more."""
    from adapters.slack.service import SlackService

    settings = runtime.settings
    if not settings.slack_bot_token:
        raise ConfigError("SLACK_BOT_TOKEN is not set: Slack cannot be served without it")
    return SlackService(
        runtime.hw,
        runtime.router,
        bot_token=settings.slack_bot_token,
        signing_secret=settings.slack_signing_secret or "",
        api_url=settings.slack_api_url,
        app_token=settings.slack_app_token,
    )


def slack_messenger(runtime: Runtime) -> SlackMessenger:
    """Slack over the Web API alone, for the dispatcher of a process without the bolt app.
    Called with the event loop running: its calls share one HTTP session (the SDK's client
    without one opens a connection for every call); `close_messengers` closes it."""
    from adapters.slack.app import pooled_web_client
    from adapters.slack.messenger import SlackMessenger

    settings, hw = runtime.settings, runtime.hw
    if not settings.slack_bot_token:
        raise ConfigError("SLACK_BOT_TOKEN is not set: Slack cannot be reached without it")

    async def mentions(participant_ids: set[int]) -> dict[int, str]:
        return await platform_user_ids(hw, "slack", participant_ids)

    client = pooled_web_client(settings.slack_bot_token, settings.slack_api_url)
    return SlackMessenger(client, mentions)


async def close_messengers(messengers: Mapping[str, Messenger]) -> None:
    """The messengers' connections, once the process stops delivering."""
    for messenger in messengers.values():
        close = getattr(messenger, "close", None)
        if close is not None:
            await close()


async def serve_slack(
    runtime: Runtime, *, listening: Callable[[int, SlackService], None] | None = None
) -> None:
    """Slack on Hallway's HTTP listener (or Socket Mode), until cancelled. Never the scheduler:
    `hallway run` adds `serve_slack(runtime)` beside its other roles. The same listener
    serves the programme page and the calendar feeds."""
    slack = slack_service(runtime)
    web = public_web(runtime)
    await slack.start(web)
    try:
        port = await web.start(runtime.settings.host, runtime.settings.port)
        settle_heap()
        if listening is not None:
            listening(port, slack)
        await asyncio.Event().wait()
    finally:
        await web.stop()
        await slack.stop()


def public_web(runtime: Runtime) -> WebServer:
    """Hallway's HTTP listener with its public routes: the programme page and calendar feeds."""
    from adapters.public.routes import mount_public
    from adapters.web import WebServer

    web = WebServer()
    mount_public(web, runtime.hw)
    return web


async def serve_web(runtime: Runtime, *, listening: Callable[[int], None] | None = None) -> None:
    """The programme page and calendar feeds alone (a deployment without Slack over HTTP)."""
    web = public_web(runtime)
    try:
        port = await web.start(runtime.settings.host, runtime.settings.port)
        if listening is not None:
            listening(port)
        await asyncio.Event().wait()
    finally:
        await web.stop()


def settle_heap() -> None:
    """Once a server has started: what exists now (modules, mappers, the command table) lives
    as long as the process, so it is frozen out of the garbage collector's full passes, which
    otherwise scan all of it and stall every request for 100 ms or more under load."""
    import gc

    gc.collect()
    gc.freeze()


def event_config(settings: Settings, clock: Clock) -> EventConfig:
    if settings.event_file is not None:
        return load_event_file(settings.event_file)
    return demo_event(clock.now().date())


def clock_from(settings: Settings) -> Clock:
    """Real time, or a rehearsal (HALLWAY_SIMULATE_START, HALLWAY_SIMULATE_SPEED)."""
    if settings.simulate_start is None:
        return SystemClock()
    return SimulatedClock(settings.simulate_start, settings.simulate_speed)


def pacing_rules(settings: Settings) -> dict[str, PacingRules]:
    """Per platform. Slack: about 1 message per second per channel, under a workspace-wide
    cap. Discord: 50 requests per second per bot (some kept for the gateway process), about 5
    messages per 5 s per channel, and new direct messages sparingly (bursts look like spam)."""
    slack_rate = settings.slack_messages_per_second
    return {
        "slack": PacingRules(
            overall=Rate(slack_rate, max(1.0, slack_rate)),
            per_conversation=Rate(settings.slack_channel_messages_per_second, 3),
        ),
        "discord": PacingRules(
            overall=Rate(settings.discord_requests_per_second, 10),
            per_conversation=Rate(1, 5),
            direct=Rate(settings.discord_direct_messages_per_second, 2),
        ),
    }


def build_scheduler(
    runtime: Runtime,
    messengers: Mapping[str, Messenger],
    *,
    hw: Hallway | None = None,
    policy: SendPolicy | None = None,
    pacers: Mapping[str, Pacer] | None = None,
    interval: float | None = None,
) -> Scheduler:
    settings = runtime.settings
    rules = pacing_rules(settings)
    chosen = (
        pacers if pacers is not None else {p: Pacer(rules[p]) for p in messengers if p in rules}
    )
    every = interval or tick_interval(settings)
    return Scheduler(
        hw or runtime.hw,
        messengers,
        handlers=build_work_handlers(),
        sources=build_due_sources(),
        pacers=chosen,
        policy=policy,
        interval=every,
        lookahead=timedelta(seconds=every * settings.simulate_speed),
    )


def tick_interval(settings: Settings) -> float:
    """One second; shorter in a fast rehearsal, so reminders keep to the simulated minute."""
    return max(0.2, min(1.0, 1.0 / settings.simulate_speed))


def scheduler_leadership(runtime: Runtime, scheduler: Scheduler) -> Leadership:
    return Leadership(scheduler_lock(runtime.settings.database_url), scheduler)


async def run_scheduler(
    runtime: Runtime,
    messengers: Mapping[str, Messenger],
    *,
    hw: Hallway | None = None,
    policy: SendPolicy | None = None,
    pacers: Mapping[str, Pacer] | None = None,
    check_seconds: float = 2.0,
) -> None:
    """The scheduler role (`hallway scheduler`, and part of `hallway run`): active while this
    process holds the database's scheduler lock, a hot standby otherwise. Runs until cancelled."""
    scheduler = build_scheduler(runtime, messengers, hw=hw, policy=policy, pacers=pacers)
    leadership = scheduler_leadership(runtime, scheduler)
    leadership.check_seconds = leadership.retry_seconds = check_seconds
    await leadership.run()


def rest_messengers(runtime: Runtime) -> dict[str, Messenger]:
    """The platforms' REST messengers, for the scheduler process (no gateway, no HTTP listener)."""
    found: dict[str, Messenger] = {}
    if runtime.settings.slack_enabled:
        found["slack"] = slack_messenger(runtime)
    if runtime.settings.discord_enabled:
        found["discord"] = discord_messenger(runtime)
    return found


async def run_everything(runtime: Runtime) -> None:
    """`hallway run` with platforms: each configured platform and the scheduler, until
    cancelled. Refuses a platform whose messenger cannot yet send exactly once."""
    messengers = rest_messengers(runtime)
    missing = [name for name in runtime.hw.platforms if name not in messengers]
    if missing:
        raise ConfigError(
            f"hallway run cannot deliver to {', '.join(missing)} yet: its messenger does not "
            "take the scheduler's delivery keys; run that platform with serve-* and "
            "`hallway scheduler` once it does"
        )
    roles = [run_scheduler(runtime, messengers)]
    if runtime.settings.slack_enabled:
        roles.append(serve_slack(runtime))
    if runtime.settings.discord_enabled:
        roles.append(serve_discord(runtime))
    try:
        await asyncio.gather(*roles)
    finally:
        await close_messengers(messengers)


async def run_console(
    runtime: Runtime, email: str, io: ConsoleIO | None = None, *, downloads: Path | None = None
) -> None:
    """The console adapter as `email`, running due work and deliveries while it runs; files
    that replies carry are written under `downloads` (a temporary folder unless given)."""
    terminal = io or TerminalIO()
    hw = runtime.hw
    if "console" not in hw.platforms:
        hw = replace(hw, platforms=(*hw.platforms, "console"))
    board = ButtonBoard()
    messenger = ConsoleMessenger(terminal.write, board)
    scheduler = build_scheduler(runtime, {"console": messenger}, hw=hw)
    leadership = scheduler_leadership(runtime, scheduler)
    if not await leadership.try_lead():
        terminal.write(
            "(Another Hallway process runs the scheduler for this database: reminders and "
            "notices are sent from there.)"
        )

    async def flush() -> None:
        if scheduler.running:
            await scheduler.run_now()

    session = ConsoleSession(
        hw,
        runtime.router,
        terminal,
        messenger=messenger,
        board=board,
        flush=flush,
        downloads=downloads,
    )
    leading = asyncio.create_task(leadership.run())
    try:
        await session.run(email)
    finally:
        leading.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await leading


async def serve_discord(runtime: Runtime) -> None:
    """The Discord client until stopped; never the scheduler (DESIGN §3)."""
    await run_discord(runtime.hw, runtime.router, runtime.settings)


def discord_messenger(runtime: Runtime) -> DiscordMessenger:
    """Discord over REST alone, for the dispatcher of a process without the gateway."""
    settings, hw = runtime.settings, runtime.hw
    if settings.discord_token is None or settings.discord_guild_id is None:
        raise ConfigError("DISCORD_TOKEN and DISCORD_GUILD_ID are needed to reach Discord")
    rest = DiscordRest(settings.discord_token, settings.discord_api_url)

    async def mentions(ids: Sequence[int]) -> dict[int, str]:
        return await platform_user_ids(hw, "discord", ids)

    return DiscordMessenger(rest, str(settings.discord_guild_id), mentions=mentions)
