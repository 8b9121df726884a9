"""Chairs' data goes only to the chairs: over a whole lifecycle on Slack (submissions with notes
to the chairs, review cards, comments, decisions, combine, release, balance and heatmap, stats,
exports, delivery status, a conduct report), every message that carries chairs' data lands in
the chairs' channel or before a chair alone (an ephemeral answer, their modal, their DM), and
conduct reports in the conduct team's channel or before the team (and their own reporter).

Table-driven: each chair-only kind, how to recognise it in what Slack received, and who may see
it; the test lists every audience each kind reached, and each kind must have been seen."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from tests.adapters.slack.fake_slack import Call
from tests.adapters.slack.harness import SlackHarness, Turn
from tests.adapters.slack.scenes import (
    ADA,
    BOB,
    CHAIR,
    MALLORY,
    TEAM,
    card,
    cast,
    confirmed,
    decide,
    fill_in,
    press,
)
from tests.adapters.slack.signed import Answer
from tests.hardening.gaps.chairs_data import CHAIR_BUTTONS, COMMENT, NOTE, REPORT, has


@dataclass(frozen=True)
class Kind:
    name: str
    found_in: Callable[[str], bool]
    allowed: frozenset[str]  # audiences: a channel name, or a user id


CHAIRS = frozenset({"#socials-chairs", CHAIR})
TEAM_ONLY = frozenset({"#conduct-team", TEAM})


KINDS = (
    Kind("notes to the chairs", has(NOTE), CHAIRS),
    Kind("chairs' comments", has(COMMENT), CHAIRS),
    Kind("review card", has("Social proposal #"), CHAIRS),
    Kind("review buttons", has(*(f'"action_id": "{b}' for b in CHAIR_BUTTONS)), CHAIRS),
    Kind("review queue", has("Review queue", "in the running"), CHAIRS),
    Kind("balance", has("Programme balance:"), CHAIRS),
    Kind("heatmap", has("heatmap.png"), CHAIRS),
    Kind("statistics", has("Statistics for the chairs"), CHAIRS),
    Kind("exports", has("Chairs' exports", "submissions.csv"), CHAIRS),
    Kind("delivery status", has('"text": "Deliveries"'), CHAIRS),
    Kind("conduct report", has(REPORT), TEAM_ONLY | {BOB}),  # Bob filed it under his name
    Kind("conduct card", has("Code-of-conduct report #"), TEAM_ONLY),
)


class Seen:
    """Who saw what: each Web API call that shows something, with its audience. It watches the
    harness itself, so the flows of `scenes` (which deliver as they go) are seen whole."""

    def __init__(self, h: SlackHarness) -> None:
        self.h = h
        self.shown: list[tuple[str, str]] = []  # (audience, what was shown)
        self.acting: str | None = None
        self._watch()

    def _watch(self) -> None:
        h, send = self.h, self.h.send
        turn, deliver, run_work = h.turn, h.deliver, h.run_work
        command, press, submit = send.command, send.press, send.submit

        async def watched_turn(sending: Awaitable[Answer]) -> Turn:
            done = await turn(sending)
            for call in done.calls:
                self._record(call, self.acting)
            return done

        async def watched_deliver() -> int:
            start = len(h.fake.calls)
            count = await deliver()
            for call in h.fake.calls[start:]:
                self._record(call, None)
            return count

        async def watched_run_work() -> int:
            start = len(h.fake.calls)
            count = await run_work()
            for call in h.fake.calls[start:]:
                self._record(call, None)
            return count

        def acting(method: Callable[..., Awaitable[Answer]], at: int) -> Callable[..., Any]:
            def as_user(*args: Any, **kwargs: Any) -> Awaitable[Answer]:
                self.acting = kwargs.get("user") or (args[at] if len(args) > at else ADA)
                return method(*args, **kwargs)

            return as_user

        h.turn = watched_turn  # type: ignore[method-assign]
        h.deliver = watched_deliver  # type: ignore[method-assign]
        h.run_work = watched_run_work  # type: ignore[method-assign]
        send.command = acting(command, 2)  # type: ignore[method-assign]
        send.press = acting(press, 2)  # type: ignore[method-assign]
        send.submit = acting(submit, 2)  # type: ignore[method-assign]

    def _record(self, call: Call, user: str | None) -> None:
        audience = self._audience(call, user)
        if audience is not None:
            self.shown.append((audience, json.dumps(call.args, ensure_ascii=False)))

    def _audience(self, call: Call, user: str | None) -> str | None:
        if call.method in ("chat.postMessage", "chat.update", "files.completeUploadExternal"):
            channel = str(call.args.get("channel") or call.args.get("channel_id"))
            return self._channel(channel)
        if call.method == "chat.postEphemeral":
            return str(call.args["user"])
        if call.method in ("response_url", "views.open", "views.push", "views.update"):
            assert user is not None, f"{call.method} outside an interaction"
            return user
        if call.method == "views.publish":
            return str(call.args["user_id"])
        return None

    def _channel(self, channel: str) -> str:
        if channel.startswith("D"):
            return channel[1:]  # the fake names a DM after its user
        named = {self.h.fake.channel_named(name): name for name, _ in CHANNELS}
        return f"#{named.get(channel, channel)}"

    async def settle(self) -> None:
        await self.h.run_work()
        await self.h.deliver()

    def audiences(self, kind: Kind) -> set[str]:
        return {audience for audience, shown in self.shown if kind.found_in(shown)}


CHANNELS = (
    ("socials-chairs", True),
    ("socials", False),
    ("mentoring", False),
    ("conduct-team", True),
)


async def lifecycle(h: SlackHarness) -> Seen:
    seen = Seen(h)
    await cast(h)
    first = await confirmed(h, "Reading group", notes=NOTE)
    second = await confirmed(h, "Paper club")
    opened = await press(h, card(h, first.id), "social.comment")
    await fill_in(h, opened, CHAIR, "social.comment", comment=COMMENT)
    await decide(h, first.id, "approve")
    await h.command("/social", f"chairs combine {second.id} {first.id}", CHAIR)
    await seen.settle()
    for text in ("chairs", "chairs rejected", "balance", "stats", "export", "chairs release"):
        await h.command("/social", text, CHAIR)
    await h.command("/hallway", "deliveries", CHAIR)
    await seen.settle()
    for text in ("chairs", "balance", "stats", "export"):  # refused to a participant
        await h.command("/social", text, MALLORY)
    await h.command("/hallway", "deliveries", MALLORY)
    opened = await h.command("/conduct", "", BOB)
    await fill_in(h, opened, BOB, "conduct.report", anonymous="no", description=REPORT)
    await seen.settle()
    for user in (ADA, BOB, MALLORY):
        await h.command("/social", "mine", user)
        await h.command("/programme", "today", user)
    return seen


async def test_chairs_data_reaches_only_the_chairs_and_conduct_reports_only_the_team(
    slack: SlackHarness,
) -> None:
    seen = await lifecycle(slack)
    reached = {kind.name: seen.audiences(kind) for kind in KINDS}
    assert {name: sorted(where) for name, where in reached.items() if not where} == {}
    outside = {
        kind.name: sorted(reached[kind.name] - kind.allowed)
        for kind in KINDS
        if reached[kind.name] - kind.allowed
    }
    assert outside == {}
    assert len(seen.shown) > 40
