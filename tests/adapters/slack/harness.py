"""Hallway's real Slack endpoint on loopback, a fake Slack behind it, and the core's delivery
and work runners aimed at that fake: what the tests drive, one interaction at a time."""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator, Awaitable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field, replace
from datetime import timedelta
from typing import Any

import aiohttp

from adapters.slack.messenger import SlackMessenger
from adapters.slack.service import SlackService
from bot import bootstrap
from bot.app import Hallway
from bot.clock import ManualClock
from bot.commands.registry import Router
from bot.config import Settings
from bot.delivery.dispatcher import Dispatcher
from bot.domain.participants import Participant, Role
from bot.scheduling.handlers import build_work_handlers
from bot.scheduling.runner import WorkRunner
from storage import Database
from tests.adapters.slack.block_kit import errors_problems, view_problems
from tests.adapters.slack.fake_slack import Call, FakeSlack
from tests.adapters.slack.signed import Answer, SignedSlack
from tests.factories import register

SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
# Where the core's answer to one interaction shows, in the order Hallway may use them.
REPLIES = ("response_url", "views.open", "views.push", "views.update", "chat.postEphemeral")
APOLOGY = "Sorry, something went wrong on our side"
STEP = timedelta(seconds=5)
MODALS = ("views.open", "views.push", "views.update")


@dataclass
class Turn:
    """One interaction: Slack's HTTP answer (the ack) and the Web API calls that followed."""

    answer: Answer
    calls: list[Call]

    @property
    def replies(self) -> list[Call]:
        return [call for call in self.calls if call.method in REPLIES]

    @property
    def reply(self) -> Call:
        """The last place the answer was shown (a modal's final content, or the ephemeral)."""
        assert self.replies, f"no reply among {[call.method for call in self.calls]}"
        return self.replies[-1]

    @property
    def text(self) -> str:
        return self.reply.text

    @property
    def view(self) -> dict[str, Any]:
        """The view the interaction opened or showed, with the id Slack gave it."""
        shown = [c for c in self.calls if c.method in MODALS and c.answer.get("ok")]
        assert shown, f"no view among {[call.method for call in self.calls]}"
        view: dict[str, Any] = shown[-1].answer["view"]
        return view

    def called(self, method: str) -> list[Call]:
        return [call for call in self.calls if call.method == method]


@dataclass
class SlackHarness:
    hw: Hallway
    fake: FakeSlack
    send: SignedSlack
    service: SlackService
    url: str
    messenger: SlackMessenger
    router: Router
    acks: list[Any] = field(default_factory=list)  # what Hallway answered Slack in the ack itself

    async def settled(self) -> None:
        """Wait until the work acknowledged so far has finished."""
        await asyncio.wait_for(self.service.ctx.inflight.wait_idle(), 10)

    async def turn(self, sending: Awaitable[Answer]) -> Turn:
        if isinstance(self.hw.clock, ManualClock):
            # People act one after another, not in the same microsecond: the audit log and the
            # cards' histories read as they would.
            self.hw.clock.advance(STEP)
        start = len(self.fake.calls)
        answer = await sending
        if answer.text:
            self.acks.append(answer.json)
        await asyncio.sleep(0)  # let a listener that bolt scheduled after its ack begin
        await self.settled()
        return Turn(answer, self.fake.calls[start:])

    async def command(self, command: str, text: str = "", user: str = "UADA") -> Turn:
        return await self.turn(self.send.command(command, text, user=user))

    async def press(self, action_id: str, value: str, user: str = "UADA", **where: Any) -> Turn:
        return await self.turn(self.send.press(action_id, value, user, **where))

    async def submit(self, view: dict[str, Any], values: dict[str, Any], user: str) -> Turn:
        """Submit a modal; the ack's own answer (errors, or the next view) is checked like any
        view Slack would receive."""
        turn = await self.turn(self.send.submit(view, values, user))
        answer = turn.answer.json or {}
        if answer.get("response_action") == "errors":
            assert errors_problems(answer["errors"], view) == []
        elif answer.get("response_action") in ("update", "push"):
            assert view_problems(answer["view"]) == []
        return turn

    async def deliver(self) -> int:
        """The core's dispatcher, with the Slack messenger, against the fake."""
        return await Dispatcher(self.hw, {"slack": self.messenger}).deliver_due()

    async def run_work(self) -> int:
        runner = WorkRunner(self.hw, {"slack": self.messenger}, build_work_handlers())
        return await runner.run_due()

    async def person(
        self, user_id: str, email: str, name: str, *roles: Role, tz: str = "Europe/Paris"
    ) -> Participant:
        """Registered for the event and known to Slack by the same e-mail."""
        self.fake.add_user(user_id, email, name, tz=tz)
        return await register(self.hw, email, name, *roles)


def dumped(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


@asynccontextmanager
async def serving(
    hw: Hallway, database: Database, fake: FakeSlack, router: Router
) -> AsyncIterator[SlackHarness]:
    settings = Settings(
        host="127.0.0.1",
        port=0,
        slack_bot_token="xoxb-test",
        slack_signing_secret=SECRET,
        slack_api_url=fake.api_url,
    )
    on_slack = replace(hw, platforms=("slack",))
    runtime = bootstrap.Runtime(settings, database, on_slack, router)
    started: asyncio.Future[tuple[int, SlackService]] = asyncio.get_running_loop().create_future()
    serving_task = asyncio.create_task(
        bootstrap.serve_slack(runtime, listening=lambda *ready: started.set_result(ready))
    )
    await asyncio.wait({started, serving_task}, timeout=10, return_when=asyncio.FIRST_COMPLETED)
    port, service = started.result()
    url = f"http://127.0.0.1:{port}"
    messenger = bootstrap.slack_messenger(runtime)
    try:
        async with aiohttp.ClientSession() as session:
            send = SignedSlack(f"{url}/slack/events", SECRET, session, fake.response_url())
            yield SlackHarness(on_slack, fake, send, service, url, messenger, router)
    finally:
        await messenger.close()
        serving_task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await serving_task
