"""Discord under load: the Slack load bench's conference and mix (`bench.load_mix`) as
interactions, dispatched OPEN-LOOP at 50 per second for 60 s by a fake gateway to
`hallway serve-discord` (the real discord.py client) running in its own process (SQLite),
against the fake Discord's REST API here. LOAD_SECONDS and LOAD_RPS override the duration
and the rate.

Reported: interactions sent, acknowledged (the interaction callback: a deferral, or a modal),
acknowledged under 3 s (all must be), ack latency and the time until the answer (the
follow-up) reached the fake, both from the scheduled dispatch time; errors (a missing ack or
answer, a wrong answer, a write not stored, an error in the app's log); the app process's
peak RSS. Baseline in the same run, same rate and interactions: a bare discord.py client that
defers and sends one follow-up.

On Discord a form is a card with an "Open the form" button, then a modal: the booking form
(`book_form`) is that whole chain — the book button, the open button, the modal submitted —
each step sent as soon as the previous was answered; its figures are the submission's.
"""

from __future__ import annotations

import asyncio
import json
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.load_common import (
    Child,
    LoadAverage,
    LoadSettings,
    Outcome,
    Tally,
    app_args,
    child,
    measure_apps,
    open_loop,
    settle,
)
from bench.load_data import EVENT_FILE, NOW, Size, discord_user_id
from bench.load_mix import Planned, wrong_answer
from tests.adapters.discord import payloads as p
from tests.adapters.discord.fake_discord import Call, FakeDiscord
from tests.adapters.discord.interactions import (
    APPLICATION_COMMAND,
    INTEGER,
    MESSAGE_COMPONENT,
    MODAL_SUBMIT,
    DiscordUser,
    command_data,
    interaction,
    modal_data,
    option,
)

TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4.load.token"
ANSWER_WAIT = 60.0  # seconds after the last send for answers still on their way
FILLING_IN = 1.0  # seconds between a modal shown and its submission (not measured)
STEP_WAIT = 60.0  # for each earlier step of a chain
_TOKEN_IN_PATH = re.compile(r"/(load\d+(?:-\d)?)(?:/|$)")
FINAL_CALLBACKS = (4, 7, 9)  # a message, an update, a modal: an answer, not a deferral


class _Noted(list[Call]):
    """The fake's list of calls, noting when each arrived."""

    def __init__(self, noted: Any) -> None:
        super().__init__()
        self._noted = noted

    def append(self, call: Call) -> None:
        super().append(call)
        self._noted(call, time.monotonic())


@dataclass
class Arrivals:
    acks: dict[str, float] = field(default_factory=dict)  # token → when its callback came
    answers: dict[str, tuple[float, Call]] = field(default_factory=dict)
    waiting: dict[str, asyncio.Event] = field(default_factory=dict)

    def note(self, call: Call, arrived: float) -> None:
        found = _TOKEN_IN_PATH.search(call.path)
        if found is None or call.method != "POST":
            return
        token = found[1]
        final = call.path.startswith("/webhooks/")
        if call.path.endswith("/callback"):
            self.acks.setdefault(token, arrived)
            final = isinstance(call.body, dict) and call.body.get("type") in FINAL_CALLBACKS
        if final and token not in self.answers:
            self.answers[token] = (arrived, call)
            self.answered(token).set()

    def answered(self, token: str) -> asyncio.Event:
        return self.waiting.setdefault(token, asyncio.Event())


class RecordingDiscord(FakeDiscord):
    def __init__(self) -> None:
        super().__init__()
        self.arrivals = Arrivals()
        self.calls = _Noted(self.arrivals.note)

    def counts(self) -> dict[str, int]:
        """REST calls by kind (interaction callbacks, follow-ups, the rest by path)."""
        found: dict[str, int] = {}
        for call in self.calls:
            kind = re.sub(r"/[0-9]+|/load[0-9-]+", "/…", call.path)
            found[f"{call.method} {kind}"] = found.get(f"{call.method} {kind}", 0) + 1
        return found


@dataclass
class DiscordLoad:
    fake: RecordingDiscord
    tally: Tally = field(default_factory=Tally)
    sent_at: dict[str, float] = field(default_factory=dict)  # token → when it was due or sent

    async def fire(self, item: Planned, due: float) -> None:
        self.tally.sent += 1
        user = DiscordUser(discord_user_id(item.person), f"person{item.person}")
        token = f"load{item.index}"
        try:
            if item.kind.name == "book_form":
                token, modal_id = await self._open_booking_form(item, user, due)
                self.sent_at[token] = time.monotonic()
                answers = modal_data(modal_id, {"note": "Load test"})
                await self._send(user, token, MODAL_SUBMIT, answers, {})
                return
            self.sent_at[token] = due
            await self._send(user, token, *interaction_for(item))
        except (TimeoutError, ConnectionError, RuntimeError) as exc:
            self.tally.error(f"{item.kind.name} #{item.index}: {exc!r}")

    async def _open_booking_form(
        self, item: Planned, user: DiscordUser, due: float
    ) -> tuple[str, str]:
        """The book button, then the card's "Open the form": the submission's token, and the
        custom id of the modal that opened."""
        steps = (
            (MESSAGE_COMPONENT, _press(f"mentoring.book:{item.target}")),
            (MESSAGE_COMPONENT, _press("~form:open:mentoring.book")),
        )
        for number, (kind, (data, extra)) in enumerate(steps, start=1):
            token = f"load{item.index}-{number}"
            self.sent_at[token] = due if number == 1 else time.monotonic()
            await self._send(user, token, kind, data, extra)
            await asyncio.wait_for(self.fake.arrivals.answered(token).wait(), STEP_WAIT)
        _arrived, modal = self.fake.arrivals.answers[token]
        if modal.body.get("type") not in (9, None):  # None: a follow-up (the bare client's)
            raise RuntimeError(f"the form did not open: {modal.body}")
        # A person takes a moment to fill the form in. Without it the submission could reach
        # the client before discord.py, which files an open modal only once Discord has
        # answered the request that showed it, knew the modal: it went unanswered (1 in 1,000).
        await asyncio.sleep(FILLING_IN)
        return f"load{item.index}-3", str(modal.body.get("data", {}).get("custom_id"))

    async def _send(
        self, user: DiscordUser, token: str, kind: int, data: dict[str, Any], extra: dict[str, Any]
    ) -> None:
        fake = self.fake
        channel_id = fake.channel_named("general")["id"]
        if kind == APPLICATION_COMMAND:
            data = {"guild_id": fake.guild_id, **data}
        payload = interaction(fake.app_id, fake.guild_id, channel_id, user, kind, data, **extra)
        payload["token"] = token
        await fake.gateway.dispatch("INTERACTION_CREATE", payload)


# --- what Discord sends for each kind of request ---


def interaction_for(item: Planned) -> tuple[int, dict[str, Any], dict[str, Any]]:
    name, target = item.kind.name, item.target
    buttons = {
        "rsvp_button": f"social.rsvp:{target}",
        "book_button": f"mentoring.book:{target}",
        "approve_button": f"social.approve:{target}",
    }
    if name in buttons:
        data, extra = _press(buttons[name])
        return MESSAGE_COMPONENT, data, extra
    return APPLICATION_COMMAND, _command(name, target), {}


def _command(name: str, target: int) -> dict[str, Any]:
    commands: dict[str, tuple[str, str | None, list[dict[str, Any]]]] = {
        "programme_now": ("programme", "now", []),
        "programme_day": ("programme", "day", [option("day", "2021-07-21")]),
        "social_list": ("social", "list", [option("filters", "#rl")]),
        "mentoring_browse": ("mentoring", "browse", []),
        "whoami": ("whoami", None, []),
        "social_form": ("social", "submit", []),
        "rsvp_typed": ("social", "rsvp", [option("slot", target, INTEGER)]),
        "book_typed": (
            "mentoring",
            "book",
            [option("id", target, INTEGER), option("note", "load test")],
        ),
        "chairs_queue": ("social", "chairs", [option("what", "new")]),
        "approve_typed": (
            "social",
            "chairs",
            [option("what", "approve"), option("details", str(target))],
        ),
    }
    command, verb, options = commands[name]
    return command_data(command, options, verb=verb)


def _press(custom_id: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """A button's press, on the message that carried it (as Discord sends it)."""
    button = {"type": 2, "custom_id": custom_id, "label": "…", "style": 1}
    body = {"components": [{"type": 1, "components": [button]}], "flags": 64}
    message = p.message(p.snowflake(), "0", p.user(p.snowflake(), "Hallway", bot=True), body)
    return {"custom_id": custom_id, "component_type": 2}, {"message": message}


# --- one run ---


async def load_one(
    name: str, items: Sequence[Planned], settings: LoadSettings, db_path: Path, folder: Path
) -> Outcome:
    fake = RecordingDiscord()
    await fake.start()
    try:
        async with _app(name, fake, db_path, folder) as app:
            await _connected(fake, app, commands=name == "hallway")
            cpu_before = app.cpu_seconds()
            load = DiscordLoad(fake)
            late = await open_loop(items, settings.rate, load.fire)
            wanted = {_final_token(item) for item in items}
            await settle(lambda: wanted <= fake.arrivals.answers.keys(), ANSWER_WAIT)
            peak, cpu = app.peak_kib(), app.cpu_seconds() - cpu_before
            _tally(load, items, bare=name == "bare")
            load.tally.errors += [f"app log: {text}" for text in app.problems()]
    finally:
        await fake.close()
    return Outcome(name, load.tally, peak, late, fake.counts(), cpu)


def _final_token(item: Planned) -> str:
    return f"load{item.index}-3" if item.kind.name == "book_form" else f"load{item.index}"


def _app(name: str, fake: FakeDiscord, db_path: Path, folder: Path) -> Any:
    log = folder / f"{name}.log"
    if name == "bare":
        args = ["-m", "bench.load_bare", "discord", TOKEN, fake.api_url, fake.gateway_url]
        return child(args, {}, log)
    env = {
        "DATABASE_URL": f"sqlite:///{db_path}",
        "HALLWAY_EVENT_FILE": str(EVENT_FILE),
        "HALLWAY_SIMULATE_START": NOW.isoformat(),
        "DISCORD_TOKEN": TOKEN,
        "DISCORD_GUILD_ID": fake.guild_id,
        "DISCORD_API_URL": fake.api_url,
        "DISCORD_GATEWAY_URL": fake.gateway_url,
        "LOG_LEVEL": "WARNING",
    }
    return child(app_args(["-m", "bot", "serve-discord"], name), env, log)


async def _connected(fake: FakeDiscord, app: Child, *, commands: bool, seconds: float = 60) -> None:
    """Until the client has identified (and synced its commands), and had a moment to take in
    the guild."""
    deadline = time.monotonic() + seconds
    while not (fake.gateway.identified and (fake.synced_commands or not commands)):
        if app.process.returncode is not None or time.monotonic() > deadline:
            raise RuntimeError(f"the client did not connect:\n{app.log.read_text()}")
        await asyncio.sleep(0.05)
    await asyncio.sleep(0.5)


def _tally(load: DiscordLoad, items: Sequence[Planned], bare: bool) -> None:
    arrivals = load.fake.arrivals
    for item in items:
        token, label = _final_token(item), f"{item.kind.name} #{item.index}"
        sent = load.sent_at.get(token)
        if sent is None:
            continue  # an earlier step of its chain failed, and was counted
        if token not in arrivals.acks:
            load.tally.error(f"{label}: never acknowledged")
            continue
        load.tally.acks.append(arrivals.acks[token] - sent)
        if token not in arrivals.answers:
            load.tally.error(f"{label}: no answer reached Discord")
            continue
        arrived, call = arrivals.answers[token]
        load.tally.answers.append(arrived - sent)
        problem = None if bare else wrong_answer(item, json.dumps(call.body, ensure_ascii=False))
        if problem:
            load.tally.error(f"{label}: {problem}")


async def measure(
    size: Size, settings: LoadSettings, names: Sequence[str] = ("bare", "hallway")
) -> list[Outcome]:
    return await measure_apps(load_one, size, settings, names, discord_accounts=True)


async def run() -> None:
    settings = LoadSettings.from_env()
    size = Size()
    started = time.monotonic()
    print(
        f"{size.participants:,} participants (Discord accounts linked), {size.socials} socials "
        f"({size.in_review} in review), {size.sessions:,} mentoring sessions; SQLite; open loop "
        f"at {settings.rate:g} interactions/s for {settings.seconds:g} s"
    )
    async with LoadAverage() as load:
        outcomes = await measure(size, settings)
    for outcome in outcomes:
        label = "bare discord.py (defer + follow-up)" if outcome.name == "bare" else "hallway"
        print("\n".join(outcome.report(label)))
    print(str(load))
    hallway = outcomes[-1]
    calls = ", ".join(f"{n:,} {m}" for m, n in sorted(hallway.calls.items()))
    print(f"hallway's calls to Discord: {calls}")
    print(f"RSVPs, bookings, approvals made under load found stored: {hallway.writes_checked}")
    print(f"(whole bench {time.monotonic() - started:.0f} s)")
