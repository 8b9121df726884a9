"""SIGKILL at the narrowest points, chosen rather than random: the fake Slack holds one call
unanswered and the process is killed while it waits.

- after the core committed an action, before the person saw the answer: they try again, and
  the second try must neither store it twice nor tell anyone twice;
- after Slack took a message, before Hallway recorded it as sent: the restarted process must
  find it in Slack rather than post it again.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from sqlalchemy import select

from storage import Database
from storage.tables import rooms
from tests.adapters.slack.signed import SignedSlack
from tests.hardening.faults_kill.actions import Action, Outcome, People
from tests.hardening.faults_kill.holding_slack import RESPONSE_URL, Hold, HoldingSlack
from tests.hardening.faults_kill.invariants import problems, rows, settled
from tests.hardening.faults_kill.process import SECRET
from tests.hardening.faults_kill.rig import Rig, kill_rig
from tests.hardening.faults_kill.rounds import Model
from tests.hardening.faults_kill.world import CHAIR, MENTORS, Sizes

SMALL = Sizes(people=8, proposals=2, public=1, sessions=2)
MENTORS_ONLY = Sizes(people=2, proposals=0, public=0, sessions=0)


@pytest.fixture
async def rig(database_url: str, database: Database, tmp_path: Path) -> AsyncIterator[Rig]:
    async with kill_rig(database_url, tmp_path, SMALL, HoldingSlack()) as ready:
        await settled(ready.database)  # the seeded cards and asks are out
        yield ready


@pytest.fixture
async def live_rig(database_url: str, database: Database, tmp_path: Path) -> AsyncIterator[Rig]:
    """During the conference: mentors may start ad-hoc sessions, whose rooms open at once."""
    async with kill_rig(database_url, tmp_path, MENTORS_ONLY, HoldingSlack(), live=True) as ready:
        yield ready


@pytest.fixture
def fake(rig: Rig) -> HoldingSlack:
    assert isinstance(rig.fake, HoldingSlack)
    return rig.fake


async def killed_while_held(rig: Rig, fake: HoldingSlack, hold: Hold, action: Action) -> None:
    """`action` until the fake holds its call; SIGKILL; start again; the person tries again."""
    attempt = asyncio.create_task(rig.people.attempt(action))
    await asyncio.wait_for(hold.reached.wait(), 60)
    await rig.hallway.kill()
    fake.let_go()
    await attempt
    await rig.hallway.start()
    if action.outcome == Outcome.UNKNOWN:
        await rig.people.attempt(action)


async def nothing_lost_or_repeated(rig: Rig, *actions: Action) -> None:
    model = Model(rig.world)
    for action in actions:
        model.actions.append(action)
        model.settle(action)
    await settled(rig.database)
    found = await problems(rig.database, rig.fake, model)
    assert not found, "\n".join(found)


async def test_a_decision_made_but_unseen_is_sent_to_the_leads_once_when_the_chair_retries(
    rig: Rig, fake: HoldingSlack
) -> None:
    hold = fake.hold("views.update", done=False)
    options = {"verb": "approve", "release_now": True}
    decide = Action("decide", CHAIR, rig.world.proposals[0], options)
    await killed_while_held(rig, fake, hold, decide)
    assert [outcome for outcome, _ in decide.attempts] == [Outcome.UNKNOWN, Outcome.CONFIRMED]
    await nothing_lost_or_repeated(rig, decide)


async def test_a_submission_saved_but_unseen_is_stored_once_when_submitted_again(
    rig: Rig, fake: HoldingSlack
) -> None:
    hold = fake.hold("views.update", done=False)
    submit = Action("submit", rig.world.people[0], 0)
    await killed_while_held(rig, fake, hold, submit)
    assert [outcome for outcome, _ in submit.attempts] == [Outcome.UNKNOWN, Outcome.REFUSED]
    await nothing_lost_or_repeated(rig, submit)


@pytest.mark.parametrize(("kind", "subjects"), [("book", "sessions"), ("rsvp", "public_slots")])
async def test_a_place_taken_but_unseen_is_held_once_when_asked_again(
    rig: Rig, fake: HoldingSlack, kind: str, subjects: str
) -> None:
    hold = fake.hold(RESPONSE_URL, done=False)
    take = Action(kind, rig.world.people[1], getattr(rig.world, subjects)[0])
    await killed_while_held(rig, fake, hold, take)
    assert [outcome for outcome, _ in take.attempts] == [Outcome.UNKNOWN, Outcome.REFUSED]
    await nothing_lost_or_repeated(rig, take)


async def test_a_message_slack_took_before_hallway_heard_back_is_not_posted_again(
    rig: Rig, fake: HoldingSlack
) -> None:
    hold = fake.hold("chat.postMessage", done=True)  # the new proposal's card, or its ask
    submit = Action("submit", rig.world.people[2], 1)
    assert await rig.people.attempt(submit) == Outcome.CONFIRMED
    await asyncio.wait_for(hold.reached.wait(), 60)
    await rig.hallway.kill()
    fake.let_go()
    await rig.hallway.start()
    await nothing_lost_or_repeated(rig, submit)


async def test_an_ad_hoc_room_half_opened_when_killed_gets_its_video_link_once(
    live_rig: Rig,
) -> None:
    """Killed after the room's channel was made and its video link posted, before the room
    was recorded: the restarted process opens the same channel and posts the link no more."""
    fake = live_rig.fake
    assert isinstance(fake, HoldingSlack)
    hold = fake.hold("conversations.setTopic", done=True)  # after the link was posted
    people = live_rig.people
    slack_reply = asyncio.create_task(_command(people, MENTORS[0], "/mentor", "now 30 recovery"))
    await asyncio.wait_for(hold.reached.wait(), 60)
    await live_rig.hallway.kill()
    fake.let_go()
    await slack_reply
    await live_rig.hallway.start()
    await settled(live_rig.database)
    await _until_room_recorded(live_rig)
    [room] = [c for c in fake.channels.values() if c["name"].startswith("mentoring-")]
    links = [m for m in fake.in_channel(room["id"]) if "video call at" in str(m.get("text"))]
    assert len(links) == 1, links
    assert not await problems(live_rig.database, fake, Model(live_rig.world))


async def _command(people: People, user: str, command: str, text: str) -> None:
    """Sent as Slack sends it; the answer does not matter here (the process is killed)."""
    slack = SignedSlack(
        f"{people.hallway.url}/slack/events", SECRET, people.session, people.fake.response_url()
    )
    with contextlib.suppress(aiohttp.ClientError):
        await slack.command(command, text, user=user)


async def _until_room_recorded(rig: Rig) -> None:
    """The restarted process has run the room's opening again and recorded the room."""
    deadline = time.monotonic() + 60
    while not await rows(rig.database, select(rooms.c.ref)):
        assert time.monotonic() < deadline, rig.hallway.log_tail()
        await asyncio.sleep(0.1)
