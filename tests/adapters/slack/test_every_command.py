"""Every command of Hallway's command table over signed HTTP: reachable with each of its verbs,
explained by `help`, answered to a stranger without storing anything; then each command doing
its work on real data, the way participants, mentors, chairs and the conduct team use it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from adapters.slack.manifest import NOT_ON_SLACK, build_manifest
from bot.commands import build_router
from bot.commands.registry import Command
from bot.domain.participants import Role
from storage import Database
from storage.tables import accounts, participants
from tests.adapters.slack.answers import START
from tests.adapters.slack.button_sources import (
    DURING,
    a_report,
    a_session,
    adhoc_now,
    listing_after_rsvp,
    public_social,
)
from tests.adapters.slack.form_cases import mentor_ready
from tests.adapters.slack.harness import SlackHarness
from tests.adapters.slack.scenes import (
    ADA,
    BOB,
    CHAIR,
    MALLORY,
    STRANGER,
    TEAM,
    TURING,
    answered,
    cast,
    confirmed,
    decide,
    no_apology,
    slack_actor,
)

ROUTER = build_router()
COMMANDS = sorted(ROUTER.commands.values(), key=lambda command: (command.name, command.verb))
ROOT = "UROOT"
SAMPLE = {"integer": "1", "rest": "some words", "text": "word", "person": "UBOB"}


def typed(command: Command) -> str:
    """The command as someone would type it, required options given."""
    words = [command.verb] if command.verb else []
    for option in command.options:
        if option.required:
            words.append(option.choices[0] if option.choices else SAMPLE[option.kind])
    return " ".join(words)


@pytest.fixture(autouse=True)
async def people(hallway: SlackHarness) -> None:
    await cast(hallway)
    await hallway.person(ROOT, "root@example.org", "Root", *tuple(Role))


def test_every_command_but_timezone_is_in_the_slack_manifest() -> None:
    manifest = build_manifest(ROUTER, "https://hallway.example.org")
    listed = {entry["command"] for entry in manifest["features"]["slash_commands"]}
    assert listed == {f"/{name}" for name in ROUTER.names()} - {f"/{n}" for n in NOT_ON_SLACK}


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: f"{c.name} {c.verb}".strip())
async def test_every_verb_is_reached_and_answered(hallway: SlackHarness, command: Command) -> None:
    turn = await hallway.command(f"/{command.name}", typed(command), ROOT)
    answered(turn)
    assert "is not available yet" not in turn.text
    assert "needs a verb" not in turn.text and "Too many words" not in turn.text


@pytest.mark.parametrize("name", ROUTER.names())
async def test_help_after_a_command_lists_its_verbs(hallway: SlackHarness, name: str) -> None:
    turn = await hallway.command(f"/{name}", "help", ADA)
    assert f"/{name} — what you can do" in turn.text
    for command in ROUTER.verbs(name):
        assert command.summary.replace("<", "&lt;").replace(">", "&gt;")[:40] in turn.text


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: f"{c.name} {c.verb}".strip())
async def test_a_stranger_is_answered_and_nothing_is_stored(
    hallway: SlackHarness, database: Database, command: Command
) -> None:
    turn = await hallway.command(f"/{command.name}", typed(command), STRANGER)
    answered(turn)
    async with database.engine.connect() as connection:
        assert await connection.scalar(select(func.count()).select_from(accounts)) == 0
        assert (
            await connection.scalar(select(func.count()).select_from(participants))
            == len(hallway.fake.users) - 1
        )


Setup = Callable[[SlackHarness], Awaitable[object]]


async def nothing(h: SlackHarness) -> None:
    return None


async def a_proposal(h: SlackHarness) -> None:
    await confirmed(h)


async def a_decided_proposal(h: SlackHarness) -> None:
    proposed = await confirmed(h)
    await decide(h, proposed.id, "approve", release_now=False)


async def a_booked_session(h: SlackHarness) -> None:
    session_id = await a_session(h)
    await h.command("/mentoring", f"book {session_id} careers advice please", ADA)


async def on_the_programme(h: SlackHarness) -> None:
    """A released social running now."""
    await public_social(h)
    h.hw.clock.set(START + timedelta(minutes=30))  # type: ignore[attr-defined]


async def coming_up(h: SlackHarness) -> None:
    """A released social starting within the hour."""
    await public_social(h)
    h.hw.clock.set(START - timedelta(hours=1))  # type: ignore[attr-defined]


async def a_mentor_mid_conference(h: SlackHarness) -> None:
    await mentor_ready(h)
    h.hw.clock.set(DURING)  # type: ignore[attr-defined]


async def rsvped(h: SlackHarness) -> None:
    await listing_after_rsvp(h)


async def linked_ada(h: SlackHarness) -> None:
    await slack_actor(h, ADA)


USES: list[tuple[str, Setup, str, str, str, str]] = [
    # (name, setup, user, command, text, what the answer says)
    ("social submit", nothing, ADA, "/social", "", "Propose a virtual social"),
    ("social edit", a_proposal, ADA, "/social", "edit 1", "Edit your social"),
    ("social withdraw", a_proposal, ADA, "/social", "withdraw 1", "Social withdrawn"),
    ("social mine", a_proposal, ADA, "/social", "mine", "#1 *Reading group*"),
    ("social list", on_the_programme, MALLORY, "/social", "list", "Public social"),
    ("social rsvp", on_the_programme, MALLORY, "/social", "rsvp 1", "You are going"),
    ("social unrsvp", rsvped, MALLORY, "/social", "unrsvp 1", "RSVP cancelled"),
    ("social balance", a_proposal, CHAIR, "/social", "balance", "Programme balance: 1"),
    ("chairs queue", a_proposal, CHAIR, "/social", "chairs", "*Reading group* — new"),
    ("chairs new", a_proposal, CHAIR, "/social", "chairs new", "Social proposals — new"),
    ("chairs approve", a_proposal, CHAIR, "/social", "chairs approve 1 Lovely", "approved"),
    ("chairs reject", a_proposal, CHAIR, "/social", "chairs reject 1 Sorry", "rejected"),
    ("chairs suggest", a_proposal, CHAIR, "/social", "chairs suggest 1", "Suggest a change"),
    ("chairs combine", a_proposal, CHAIR, "/social", "chairs combine 1", "Combine two"),
    ("chairs comment", a_proposal, CHAIR, "/social", "chairs comment 1 Hm", "Comment added"),
    ("chairs release", a_decided_proposal, CHAIR, "/social", "chairs release", "1 decision"),
    ("non-chair queue", a_proposal, MALLORY, "/social", "chairs", "Only the chairs"),
    ("mentor schedule", linked_ada, TURING, "/mentor", "", "Your mentor profile"),
    ("mentor profile", nothing, TURING, "/mentor", "profile", "Your mentor profile"),
    ("mentor edit", a_session, TURING, "/mentor", "edit 1", "A mentoring session"),
    ("mentor cancel", a_booked_session, TURING, "/mentor", "cancel 1", "Session cancelled"),
    (
        "mentor now",
        a_mentor_mid_conference,
        TURING,
        "/mentor",
        "now 30 job talks",
        "You are mentoring now",
    ),
    ("mentor end", adhoc_now, TURING, "/mentor", "end 1", "Session ended"),
    ("mentor suspend", a_session, CHAIR, "/mentor", "suspend turing@example.org", "suspended"),
    ("mentoring browse", a_session, ADA, "/mentoring", "careers", "Alan Turing"),
    ("mentoring book", a_session, ADA, "/mentoring", "book 1 Hello", "Booked"),
    ("mentoring mine", a_booked_session, ADA, "/mentoring", "mine", "Your bookings"),
    ("mentoring join", adhoc_now, ADA, "/mentoring", "join 1", "You have a seat"),
    ("mentoring cancel", a_booked_session, ADA, "/mentoring", "cancel 1", "Booking cancelled"),
    ("programme now", on_the_programme, ADA, "/programme", "now", "Public social"),
    ("programme next", coming_up, ADA, "/programme", "next 3", "Public social"),
    ("programme today", on_the_programme, ADA, "/programme", "today", "Public social"),
    ("programme day", on_the_programme, ADA, "/programme", "day 2021-07-19", "Public social"),
    ("programme mine", on_the_programme, ADA, "/programme", "mine", "You lead this social"),
    ("conduct report", nothing, ADA, "/conduct", "", "Report to the code-of-c"),
    ("conduct policy", nothing, ADA, "/conduct", "policy", "Code of conduct"),
    ("conduct list", a_report, TEAM, "/conduct", "list", "Conduct reports — open (1)"),
    ("conduct show", a_report, TEAM, "/conduct", "show 1", "Code-of-conduct report #1"),
    ("conduct handle", a_report, TEAM, "/conduct", "handle 1 Talked to them", "marked handled"),
    ("conduct list refused", a_report, ADA, "/conduct", "list", "Only the code-of-conduct team"),
    ("help", nothing, ADA, "/help", "", "Hallway — what you can do"),
    ("whoami", nothing, BOB, "/whoami", "", "You are Bob Babbage"),
    ("verify", nothing, STRANGER, "/verify", "stranger@x.example NOPE", "No registration"),
]


@pytest.mark.parametrize(
    ("setup", "user", "command", "text", "says"), [u[1:] for u in USES], ids=[u[0] for u in USES]
)
async def test_a_command_does_its_work_on_real_data(
    hallway: SlackHarness, setup: Setup, user: str, command: str, text: str, says: str
) -> None:
    await setup(hallway)
    turn = await hallway.command(command, text, user)
    no_apology(turn)
    assert says in turn.text, turn.text
