"""Slack under load: 10,000 participants, 500 socials (released ones with RSVPs, some in
review), 2,000 mentoring sessions with bookings; a mix of slash commands, button presses and
a form submitted (`bench.load_mix`), signed as Slack signs them, sent OPEN-LOOP at 50 requests
per second for 60 s to `hallway serve-slack` running in its own process (SQLite), which talks
to a fake Slack Web API here. LOAD_SECONDS and LOAD_RPS override the duration and the rate.

Reported: requests sent, acked, acked under 3 s (all must be), ack latency and the time until
the follow-up reached the fake Slack (both from the scheduled send time), errors (a non-200
ack, a missing or wrong answer, a write not stored, an error in the app's log, a call Slack
would refuse), and the app process's peak RSS. Baseline in the same run, same rate, same
requests: a bare slack-bolt app that acks and answers one line.
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import aiohttp
from slack_sdk.signature import SignatureVerifier

from adapters.slack.modals import CALLBACK_ID, Metadata
from bench.load_common import (
    LoadAverage,
    LoadSettings,
    Outcome,
    Tally,
    app_args,
    child,
    free_port,
    measure_apps,
    open_loop,
    settle,
    wait_for_port,
)
from bench.load_data import EVENT_FILE, NOW, ZONE, Size
from bench.load_mix import Planned, wrong_answer
from tests.adapters.slack.fake_slack import Call, FakeSlack

SECRET = "load-signing-secret"
ANSWER_WAIT = 60.0  # seconds after the last send for answers still on their way
TRIGGER_LIFE = 3.0  # seconds: Slack refuses a view opened later than this after the click


def user_id(number: int) -> str:
    return f"U{number:08d}"


class RecordingSlack(FakeSlack):
    """The fake Slack, noting when each request's answer arrived (by the response_url, trigger
    or view the request carried) and keeping only those calls."""

    def __init__(self) -> None:
        super().__init__()
        self.answers: dict[int, tuple[float, Call]] = {}
        self.counts: dict[str, int] = {}

    async def _record(self, call: Call) -> None:
        arrived = time.monotonic()
        self.counts[call.method] = self.counts.get(call.method, 0) + 1
        index = _request_of(call)
        if index is not None and index not in self.answers:
            self.answers[index] = (arrived, call)


def _request_of(call: Call) -> int | None:
    key = {
        "response_url": call.args.get("key"),
        "views.open": call.args.get("trigger_id"),
        "views.push": call.args.get("trigger_id"),
        "views.update": call.args.get("view_id"),
    }.get(call.method)
    text = str(key or "")
    return int(text[1:]) if text[:1] in ("r", "t", "V") and text[1:].isdigit() else None


@dataclass
class SlackLoad:
    url: str
    respond: str  # the fake's /respond/ prefix
    session: aiohttp.ClientSession
    tally: Tally = field(default_factory=Tally)
    due: dict[int, float] = field(default_factory=dict)

    async def fire(self, item: Planned, due: float) -> None:
        self.due[item.index] = due
        body = request_body(item, self.respond)
        stamp = str(int(time.time()))
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "X-Slack-Request-Timestamp": stamp,
            "X-Slack-Signature": SignatureVerifier(SECRET).generate_signature(
                timestamp=stamp, body=body
            ),
        }
        self.tally.sent += 1
        try:
            async with self.session.post(self.url, data=body.encode(), headers=headers) as answer:
                await answer.read()
                status = answer.status
        except (aiohttp.ClientError, TimeoutError) as exc:
            self.tally.error(f"{item.kind.name} #{item.index}: no ack ({exc!r})")
            return
        if status != 200:
            self.tally.error(f"{item.kind.name} #{item.index}: acked {status}")
            return
        self.tally.acks.append(time.monotonic() - due)


# --- what Slack sends for each kind of request ---

COMMANDS = {
    "programme_now": ("/programme", ""),
    "programme_day": ("/programme", "day 2021-07-21"),
    "social_list": ("/social", "list #rl"),
    "mentoring_browse": ("/mentoring", "browse"),
    "whoami": ("/whoami", ""),
    "social_form": ("/social", ""),
    "rsvp_typed": ("/social", "rsvp {target}"),
    "book_typed": ("/mentoring", "book {target} load test"),
    "chairs_queue": ("/social", "chairs new"),
    "approve_typed": ("/social", "chairs approve {target}"),
}
BUTTONS = {
    "rsvp_button": "social.rsvp",
    "book_button": "mentoring.book",
    "approve_button": "social.approve",
}


def request_body(item: Planned, respond: str) -> str:
    user, name = user_id(item.person), item.kind.name
    if name in COMMANDS:
        command, text = COMMANDS[name]
        return urlencode(
            {
                "token": "legacy",
                "team_id": "T00000001",
                "channel_id": "C00000042",
                "channel_name": "general",
                "user_id": user,
                "user_name": user.lower(),
                "command": command,
                "text": text.format(target=item.target),
                "response_url": f"{respond}r{item.index}",
                "trigger_id": f"t{item.index}",
                "api_app_id": "A00000001",
            }
        )
    payload = _press(item, user, respond) if name in BUTTONS else _submission(item, user)
    return urlencode({"payload": json.dumps(payload)})


def _press(item: Planned, user: str, respond: str) -> dict[str, Any]:
    action = BUTTONS[item.kind.name]
    return {
        "type": "block_actions",
        "team": {"id": "T00000001"},
        "user": {"id": user, "team_id": "T00000001"},
        "api_app_id": "A00000001",
        "trigger_id": f"t{item.index}",
        "container": {"type": "message", "channel_id": "C00000042"},
        "channel": {"id": "C00000042"},
        "response_url": f"{respond}r{item.index}",
        "actions": [
            {"type": "button", "action_id": action, "block_id": "b1", "value": str(item.target)}
        ],
    }


def _submission(item: Planned, user: str) -> dict[str, Any]:
    """The booking form (opened by a book button earlier), submitted with a note."""
    metadata = Metadata("mentoring.book", str(item.target), ZONE).encode()
    state = {"note": {"value": {"type": "plain_text_input", "value": "Load test"}}}
    return {
        "type": "view_submission",
        "team": {"id": "T00000001"},
        "user": {"id": user, "team_id": "T00000001"},
        "api_app_id": "A00000001",
        "trigger_id": f"t{item.index}",
        "view": {
            "id": f"V{item.index}",
            "type": "modal",
            "callback_id": CALLBACK_ID,
            "private_metadata": metadata,
            "state": {"values": state},
        },
    }


# --- what a right answer looks like ---


def answer_problem(item: Planned, call: Call, bare: bool) -> str | None:
    shown = call.text
    if call.answer.get("ok") is False:
        return f"Slack refused it: {call.answer.get('error')}"
    return None if bare else wrong_answer(item, shown)


# --- one run ---


async def load_one(
    name: str, items: Sequence[Planned], settings: LoadSettings, db_path: Path, folder: Path
) -> Outcome:
    fake = RecordingSlack()
    await fake.start()
    for number in range(max(item.person for item in items) + 1):
        fake.add_user(user_id(number), f"person{number}@example.org", tz=ZONE)
    for item in items:  # the booking forms being submitted were opened earlier
        if item.kind.name == "book_form":
            fake.views[f"V{item.index}"] = {"id": f"V{item.index}", "type": "modal"}
    port = free_port()
    try:
        async with _app(name, port, fake, db_path, folder) as app:
            await wait_for_port(port, app)
            cpu_before = app.cpu_seconds()
            connector = aiohttp.TCPConnector(limit=0)
            timeout = aiohttp.ClientTimeout(total=30)
            async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
                load = SlackLoad(
                    f"http://127.0.0.1:{port}/slack/events", fake.response_url(""), session
                )
                late = await open_loop(items, settings.rate, load.fire)
                await settle(lambda: len(fake.answers) >= len(items), ANSWER_WAIT)
            peak, cpu = app.peak_kib(), app.cpu_seconds() - cpu_before
            _tally_answers(load, items, fake, bare=name == "bare")
            load.tally.errors += [f"app log: {text}" for text in app.problems()]
    finally:
        await fake.stop()
    load.tally.errors += [f"Slack would refuse {method}: {why}" for method, why in fake.rejected]
    return Outcome(name, load.tally, peak, late, fake.counts, cpu)


def _app(name: str, port: int, fake: FakeSlack, db_path: Path, folder: Path) -> Any:
    log = folder / f"{name}.log"
    if name == "bare":
        args = ["-m", "bench.load_bare", "slack", str(port), fake.api_url, SECRET]
        return child(args, {}, log)
    env = {
        "DATABASE_URL": f"sqlite:///{db_path}",
        "HALLWAY_EVENT_FILE": str(EVENT_FILE),
        "HALLWAY_SIMULATE_START": NOW.isoformat(),
        "SLACK_BOT_TOKEN": "xoxb-load",
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_API_URL": fake.api_url,
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "LOG_LEVEL": "WARNING",
    }
    return child(app_args(["-m", "bot", "serve-slack"], name), env, log)


def _tally_answers(
    load: SlackLoad, items: Sequence[Planned], fake: RecordingSlack, bare: bool
) -> None:
    for item in items:
        found = fake.answers.get(item.index)
        if found is None:
            load.tally.error(f"{item.kind.name} #{item.index}: no answer reached Slack")
            continue
        arrived, call = found
        waited = arrived - load.due[item.index]
        load.tally.answers.append(waited)
        problem = answer_problem(item, call, bare)
        if call.method in ("views.open", "views.push") and waited > TRIGGER_LIFE:
            problem = f"the form opened {waited:.1f} s after the click: its trigger had expired"
        if problem:
            load.tally.error(f"{item.kind.name} #{item.index}: {problem}")


async def measure(
    size: Size, settings: LoadSettings, names: Sequence[str] = ("bare", "hallway")
) -> list[Outcome]:
    return await measure_apps(load_one, size, settings, names)


async def run() -> None:
    settings = LoadSettings.from_env()
    size = Size()
    started = time.monotonic()
    print(
        f"{size.participants:,} participants, {size.socials} socials ({size.in_review} in "
        f"review), {size.sessions:,} mentoring sessions; SQLite; open loop at {settings.rate:g} "
        f"requests/s for {settings.seconds:g} s"
    )
    async with LoadAverage() as load:
        outcomes = await measure(size, settings)
    for outcome in outcomes:
        label = "bare slack-bolt (ack + one line)" if outcome.name == "bare" else "hallway"
        print("\n".join(outcome.report(label)))
    print(str(load))
    hallway = outcomes[-1]
    calls = ", ".join(f"{n:,} {m}" for m, n in sorted(hallway.calls.items()))
    print(f"hallway's calls to Slack: {calls}")
    print(f"RSVPs, bookings, approvals made under load found stored: {hallway.writes_checked}")
    print(f"(whole bench {time.monotonic() - started:.0f} s)")
