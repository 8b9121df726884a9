"""Every command verb, button and form of Hallway, sent to the real bolt app as signed HTTP by
each role of the policy (unlinked account, unregistered, participant, lead, co-lead, mentor,
chair, conduct team), in one world restored before each person acts. What the policy allows
is not refused; what it does not is refused by the core, the person is told so privately, no
row of any table changes and nothing is posted to a channel."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.app import Hallway
from bot.clock import ManualClock
from bot.commands import build_router
from bot.errors import NotRegistered
from storage import Database
from tests.adapters.slack.fake_slack import FakeSlack
from tests.adapters.slack.harness import APOLOGY, SlackHarness, Turn
from tests.hardening.authz_platforms.matrix_world import AFTER_START, Targets, build_world
from tests.hardening.authz_platforms.policy import ACTS, ROLES, Act, allowed
from tests.hardening.authz_platforms.recording import RecordingRouter
from tests.hardening.authz_platforms.slack_matrix import USERS, people, send, slack_for
from tests.hardening.authz_platforms.snapshot import Rows, changed, contents, restore

# Who may do what is decided in the core, whose matrix (tests/hardening/authz/
# test_core_matrix.py) runs on both databases; this surface only translates, the same way on
# either, so SQLite is enough here.
BACKENDS = ("sqlite",)

ON_SLACK = [act for act in ACTS if act.id != "command timezone"]  # not in Slack's manifest
CHANNEL_POSTS = {"chat.postMessage", "chat.update", "chat.scheduleMessage", "files.upload"}


def test_the_policy_names_every_command_button_and_form() -> None:
    router = build_router()
    commands = {" ".join(filter(None, key)) for key in router.commands}
    named = {
        act.name.removesuffix(f" {act.name.split()[-1]}")
        if act.name.startswith("social chairs ")
        else act.name
        for act in ACTS
        if act.kind == "command"
    }
    assert named == commands
    assert {act.name for act in ACTS if act.kind == "button"} == set(router.actions)
    assert {act.name for act in ACTS if act.kind == "form"} == set(router.forms)


# The world is built once per backend and copied into each test's database (building it through
# the services for each of the 80-odd acts cost more than all their requests).
BUILT: dict[bool, tuple[Rows, Targets]] = {}


@pytest.fixture
async def matrix(
    hw: Hallway, database: Database, fake_slack: FakeSlack, clock: ManualClock
) -> AsyncIterator[tuple[SlackHarness, RecordingRouter, Targets]]:
    router = RecordingRouter()
    async with slack_for(hw, database, fake_slack, router) as harness:
        if database.is_sqlite in BUILT:
            rows, targets = BUILT[database.is_sqlite]
            await restore(database, rows)
            await people(harness, link=False)
        else:
            targets = await build_world(harness.hw, clock)
            await people(harness)
            BUILT[database.is_sqlite] = (await contents(database), targets)
        yield harness, router, targets


def private(turn: Turn) -> bool:
    return all(
        call.method != "response_url" or call.args.get("response_type") == "ephemeral"
        for call in turn.replies
    )


def posted(turn: Turn) -> list[str]:
    return [
        f"{call.method} {call.args.get('channel')}"
        for call in turn.calls
        if call.method in CHANNEL_POSTS
    ]


@pytest.mark.parametrize("act", ON_SLACK, ids=lambda act: act.id)
async def test_each_role_is_allowed_or_refused_as_the_policy_says(
    matrix: tuple[SlackHarness, RecordingRouter, Targets],
    database: Database,
    clock: ManualClock,
    act: Act,
) -> None:
    h, router, targets = matrix
    world, start = await contents(database), clock.now()
    wrong: list[str] = []
    now = world
    for role in ROLES:
        if now != world:
            await restore(database, world)
        clock.set(AFTER_START if act.during else start)
        router.clear()
        turn = await send(h, act, USERS[role], targets)
        refusal = router.refusal()
        shown = turn.text if turn.replies else ""
        if APOLOGY in shown:
            wrong.append(f"{role}: apology")
        elif allowed(role, act) and refusal is not None:
            wrong.append(f"{role}: refused although allowed: {refusal.message}")
        elif not allowed(role, act) and refusal is None:
            wrong.append(f"{role}: not refused: {shown[:160]}")
        elif not allowed(role, act) and refusal is not None:
            if refusal.message[:40] not in shown.replace("&amp;", "&") or not private(turn):
                wrong.append(f"{role}: refusal not shown privately: {shown[:160]}")
            if role in ("unlinked", "unregistered") and not isinstance(refusal, NotRegistered):
                wrong.append(f"{role}: refused, but not told to register: {refusal.message}")
        now = await contents(database)
        if not allowed(role, act):
            diff = changed(world, now)
            if diff or posted(turn):
                wrong.append(f"{role}: refused but changed {diff} posted {posted(turn)}")
    assert wrong == [], "\n".join(wrong)
