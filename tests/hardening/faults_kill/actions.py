"""What people do in Slack during a kill run, each as Slack sends it (signed HTTP to Hallway's
real endpoint), and what they were shown afterwards.

An attempt ends CONFIRMED when the answer Hallway shows for success reached the fake Slack
(the modal updated to "Social proposal saved", the ephemeral "Booked"…), REFUSED when Hallway
answered with a reason (the action had already been done, a rule said no), and UNKNOWN when
the process died before answering: the person saw nothing, and will try again.
"""

from __future__ import annotations

import asyncio
import itertools
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import aiohttp

from bot.commands import social_forms
from bot.forms import Form
from tests.adapters.slack.answers import Value, state_for, valid_values
from tests.adapters.slack.fake_slack import Call, FakeSlack
from tests.adapters.slack.signed import SignedSlack
from tests.hardening.faults_kill.process import SECRET, HallwayProcess
from tests.hardening.faults_kill.world import CHAIR, World

APOLOGY = "Sorry, something went wrong on our side"
ANSWER_WITHIN = 60.0  # seconds a live process may take to answer, on a loaded machine

# The header of the answer each kind shows when it worked.
SUCCESS = {
    "submit": ("Social proposal saved",),
    "decide": ("Proposal approved", "Proposal rejected"),
    "book": ("Booked", "On the waitlist"),
    "unbook": ("Booking cancelled",),
    "rsvp": ("You are going", "You are on the waitlist"),
    "unrsvp": ("RSVP cancelled",),
}


class Outcome(StrEnum):
    CONFIRMED = "confirmed"
    REFUSED = "refused"
    UNKNOWN = "unknown"


@dataclass
class Action:
    """One thing one person does; `attempts` records each try (a person tries again after
    seeing nothing) with what they were shown."""

    kind: str
    user: str
    subject: int  # submission number, social id, session id or slot id
    options: dict[str, Any] = field(default_factory=dict)
    attempts: list[tuple[Outcome, str]] = field(default_factory=list)

    @property
    def outcome(self) -> Outcome:
        return self.attempts[-1][0] if self.attempts else Outcome.UNKNOWN

    @property
    def shown(self) -> str:
        return self.attempts[-1][1] if self.attempts else ""

    @property
    def ever_confirmed(self) -> bool:
        return any(outcome == Outcome.CONFIRMED for outcome, _ in self.attempts)

    def __str__(self) -> str:
        tries = ", ".join(outcome.value for outcome, _ in self.attempts)
        return f"{self.kind} {self.subject} by {self.user} {self.options or ''} [{tries}]"


class ProcessDied(Exception):
    """The process serving this attempt is gone: the person was shown nothing more."""


@dataclass
class People:
    """Acts for everyone, against whichever `hallway run` is serving now."""

    fake: FakeSlack
    hallway: HallwayProcess
    world: World
    session: aiohttp.ClientSession
    forms: dict[str, Form]
    _numbers: itertools.count[int] = field(default_factory=itertools.count)

    async def attempt(self, action: Action) -> Outcome:
        process = self.hallway.process
        number = next(self._numbers)
        slack = SignedSlack(
            f"{self.hallway.url}/slack/events",
            SECRET,
            self.session,
            self.fake.response_url(f"k{number}"),
            triggers=f"k{number}",
        )
        turn = Turn(self, slack, process, f"k{number}")
        try:
            shown = await _DOING[action.kind](turn, action)
        except (ProcessDied, aiohttp.ClientError):
            action.attempts.append((Outcome.UNKNOWN, ""))
            return Outcome.UNKNOWN
        assert APOLOGY not in shown, f"{action}: Hallway apologised: {shown}"
        worked = any(shown.startswith(header) for header in SUCCESS[action.kind])
        outcome = Outcome.CONFIRMED if worked else Outcome.REFUSED
        action.attempts.append((outcome, shown))
        return outcome


@dataclass
class Turn:
    """One attempt: its own response_url and trigger ids, and the process it was sent to."""

    people: People
    slack: SignedSlack
    process: asyncio.subprocess.Process | None
    key: str

    async def until(self, found: Callable[[], Call | None]) -> Call:
        """The call `found` looks for, once the fake has it; ProcessDied if the process that
        was asked dies first."""
        deadline = time.monotonic() + ANSWER_WITHIN
        while time.monotonic() < deadline:
            call = found()
            if call is not None:
                return call
            if self.process is None or self.process.returncode is not None:
                call = found()  # it may have answered just before dying
                if call is None:
                    raise ProcessDied
                return call
            await asyncio.sleep(0.02)
        raise AssertionError(f"no answer in {ANSWER_WITHIN} s from a live process")

    def reply(self) -> Call | None:
        calls = self.people.fake.calls
        return next((c for c in reversed(calls) if c.args.get("key") == self.key), None)

    def opened(self) -> Call | None:
        """The modal a trigger of this turn opened."""
        for call in reversed(self.people.fake.calls):
            trigger = str(call.args.get("trigger_id", ""))
            if call.method == "views.open" and trigger.startswith(f"{self.key}-"):
                return call
        return None

    def updated(self, view_id: str, after: int) -> Call | None:
        """The view's content after "Saving…": the answer, or the form with its problems."""
        calls = self.people.fake.calls
        for call in calls[after:]:
            if call.method == "views.update" and call.args.get("view_id") == view_id:
                return call
        return None

    async def form(self, opening: Call, form_id: str, user: str, **given: Value) -> str:
        """Fill in the modal `opening` opened and submit it; what the modal shows then."""
        if not opening.answer.get("ok"):
            return f"modal refused: {opening.answer}"
        view = opening.answer["view"]
        form = self.people.forms[form_id]
        after = len(self.people.fake.calls)
        answer = await self.slack.submit(view, state_for(view, valid_values(form, **given)), user)
        acked = answer.json or {}
        if acked.get("response_action") == "errors":
            return f"errors: {acked['errors']}"
        update = await self.until(lambda: self.updated(view["id"], after))
        return shown_in(update.args.get("view", {}).get("blocks") or [])

    async def replied(self) -> str:
        call = await self.until(self.reply)
        return shown_in(call.args.get("blocks") or []) or str(call.args.get("text", ""))


def shown_in(blocks: list[dict[str, Any]]) -> str:
    """The words of a message or view, its header first."""
    words = []
    for block in blocks:
        text = block.get("text")
        if isinstance(text, dict):
            words.append(str(text.get("text", "")))
        for element in block.get("elements") or []:
            if isinstance(element, dict) and isinstance(element.get("text"), str):
                words.append(element["text"])
    return " | ".join(words)


# --- each kind of action ---


async def _submit(turn: Turn, action: Action) -> str:
    world = turn.people.world
    _, colead = world.submitter(action.subject)
    await turn.slack.command("/social", "", user=action.user)
    opening = await turn.until(turn.opened)
    return await turn.form(
        opening,
        social_forms.SUBMIT_FORM.id,
        action.user,
        title=title_of(action.subject),
        coleads=[colead],
        slot1=world.slot_start(action.subject),
        slot2=None,
        slot3=None,
        duration="120",
        capacity=None,
    )


async def _decide(turn: Turn, action: Action) -> str:
    verb = action.options["verb"]
    chairs = turn.people.fake.channel_named("socials-chairs")
    await turn.slack.press(f"social.{verb}", str(action.subject), CHAIR, channel=chairs)
    opening = await turn.until(turn.opened)
    return await turn.form(
        opening,
        f"social.{verb}",
        CHAIR,
        message=f"Decided with care ({verb})",
        release_now=action.options["release_now"],
    )


async def _book(turn: Turn, action: Action) -> str:
    await turn.slack.command("/mentoring", f"book {action.subject}", user=action.user)
    return await turn.replied()


async def _press(turn: Turn, action: Action, action_id: str) -> str:
    await turn.slack.press(action_id, str(action.subject), action.user)
    return await turn.replied()


async def _unbook(turn: Turn, action: Action) -> str:
    return await _press(turn, action, "mentoring.cancel_booking")


async def _rsvp(turn: Turn, action: Action) -> str:
    return await _press(turn, action, "social.rsvp")


async def _unrsvp(turn: Turn, action: Action) -> str:
    return await _press(turn, action, "social.cancel_rsvp")


_DOING = {
    "submit": _submit,
    "decide": _decide,
    "book": _book,
    "unbook": _unbook,
    "rsvp": _rsvp,
    "unrsvp": _unrsvp,
}


def title_of(number: int) -> str:
    return f"Kill social {number}"
