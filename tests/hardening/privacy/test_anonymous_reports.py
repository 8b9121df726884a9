"""An anonymous conduct report keeps no trace of who filed it: not in any row of any table
(outbox, work, audit and delivery payloads included), not in what Hallway sends, not in the
logs at DEBUG, through the core, Slack and Discord alike. The reporter gets their receipt in the
interaction itself (the modal, the ephemeral answer), never as a stored direct message.

A named report does record its reporter: the same search finds them, so it can find."""

from __future__ import annotations

from sqlalchemy import select

from bot.app import Hallway
from bot.clock import ManualClock
from bot.delivery.dispatcher import Dispatcher
from bot.domain.participants import Participant, Role
from storage import Database
from storage.tables import conduct_reports
from tests.adapters.discord.fake_discord import FakeDiscord
from tests.adapters.discord.world import Member, text_of
from tests.adapters.slack.harness import SlackHarness
from tests.adapters.slack.scenes import ADA, TEAM, cast, fill_in
from tests.factories import actor, register
from tests.fakes import RecordingMessenger
from tests.hardening.privacy.conftest import secret_world
from tests.hardening.privacy.dbdump import Snapshot, Someone, every_row, mentions, snapshot
from tests.hardening.privacy.logcapture import Captured, debug_logs
from tests.service.conduct_helpers import file

WHAT_HAPPENED = "At the quiz the host mocked a newcomer (marker 7731-anon)."
# Her registration and her chat account exist before she reports: those rows name her by
# necessity, and must be exactly as they were.
HERS = ("participants", "accounts")


def traces(someone: Someone, before: Snapshot, after: Snapshot) -> list[str]:
    """Where storage names `someone` after the report: any row outside their registration and
    account, and any change to those."""
    hits = [
        hit for row in every_row(after) if row.table not in HERS for hit in someone.found_in(row)
    ]
    hits += [f"{name} changed" for name in HERS if before[name] != after[name]]
    return hits


def in_logs(someone: Someone, logs: Captured) -> list[str]:
    # The fakes' own access logs (aiohttp.access) are the test servers', not Hallway's.
    hallway = [r for r in logs.records if r.name != "aiohttp.access"]
    text = "\n".join(piece for record in hallway for piece in logs.pieces(record))
    text += logs.stream.getvalue()
    return [word for word in (*someone.words, WHAT_HAPPENED) if mentions(text, word)]


async def the_report(database: Database) -> dict[str, object]:
    async with database.engine.connect() as connection:
        [row] = (await connection.execute(select(conduct_reports))).mappings().all()
    return dict(row)


# --- the core ---


async def reporting_at_the_core(
    hw: Hallway, database: Database, messenger: RecordingMessenger, *, anonymous: bool
) -> tuple[Someone, Snapshot, Snapshot, Captured]:
    ada = await register(hw, "ada@example.org", "Ada Lovelace")
    await register(hw, "team@example.org", "Mary Seacole", Role.CONDUCT)
    who = await actor(hw, "ada@example.org")  # her account, linked on first sight
    before = await snapshot(database)
    with debug_logs() as logs:
        await file(hw, who, WHAT_HAPPENED, anonymous=anonymous)
        await Dispatcher(hw, {"fake": messenger}).deliver_due()
    after = await snapshot(database)
    return Someone(ada.id, (ada.email, ada.name, who.user_id)), before, after, logs


async def test_an_anonymous_report_at_the_core_leaves_no_trace_of_its_reporter(
    hw: Hallway, database: Database, messenger: RecordingMessenger
) -> None:
    ada, before, after, logs = await reporting_at_the_core(hw, database, messenger, anonymous=True)
    report = await the_report(database)
    assert report["anonymous"] is True and report["reporter_id"] is None
    assert traces(ada, before, after) == []
    assert [(sent.kind, sent.address) for sent in messenger.sent] == [
        ("post", hw.event.slack.conduct)
    ]
    assert WHAT_HAPPENED in messenger.sent[0].text
    assert not [word for word in ada.words if mentions(messenger.sent[0].text, word)]
    assert in_logs(ada, logs) == []
    assert len(logs.records) > 50  # the storage libraries really logged at DEBUG


async def test_a_named_report_at_the_core_does_record_its_reporter(
    hw: Hallway, database: Database, messenger: RecordingMessenger
) -> None:
    ada, before, after, _logs = await reporting_at_the_core(
        hw, database, messenger, anonymous=False
    )
    found = traces(ada, before, after)
    assert "conduct_reports.reporter_id" in found
    assert any(hit.startswith("outbox:") for hit in found)  # her copy, and the team's card
    assert ("direct", "U-ada@example.org") in [(s.kind, s.address) for s in messenger.sent]


# --- Slack ---


async def test_an_anonymous_report_on_slack_leaves_no_trace_of_its_reporter(
    slack: SlackHarness, database: Database
) -> None:
    h = slack
    await cast(h)
    await h.command("/conduct", "policy", ADA)  # she has used Hallway before: linked
    ada = await _person(h.hw, "ada@example.org")
    someone = Someone(ada.id, (ada.email, ada.name, ADA, f"D{ADA}"))
    before = await snapshot(database)
    start = len(h.fake.calls)
    with debug_logs() as logs:
        opened = await h.command("/conduct", "", ADA)
        answer = await fill_in(
            h, opened, ADA, "conduct.report", anonymous="yes", description=WHAT_HAPPENED
        )
        await h.deliver()
        await h.run_work()
        await h.deliver()
    after = await snapshot(database)
    assert "Report received" in answer.text  # the receipt, in her own modal
    assert traces(someone, before, after) == []
    assert in_logs(someone, logs) == []
    sent = h.fake.calls[start:]
    posted = [c for c in sent if c.method == "chat.postMessage"]
    assert [c.args["channel"] for c in posted] == [h.fake.channel_named("conduct-team")]
    assert WHAT_HAPPENED in posted[0].text
    assert not [word for word in someone.words if mentions(posted[0].text, word)]
    # Nothing was sent to her outside the interaction she is in: no DM opened, none posted.
    assert not [c for c in sent if c.method == "conversations.open"]
    assert {c.method for c in sent} <= {
        "views.open",
        "views.update",
        "conversations.list",
        "chat.postMessage",
    }
    assert (await the_report(database))["reporter_id"] is None
    assert TEAM  # the team is in the cast: its channel is where the card went


# --- Discord ---


async def test_an_anonymous_report_on_discord_leaves_no_trace_of_its_reporter(
    fake_discord: FakeDiscord, hw: Hallway, clock: ManualClock, database: Database
) -> None:
    async with secret_world(fake_discord, hw, clock) as world:
        eve = await world.member("Evangeline")
        await world.member("Tess", Role.CONDUCT)
        await world.slash(eve, "conduct", "policy")
        someone = _discord_someone(eve)
        before = await snapshot(database)
        start = len(fake_discord.calls)
        with debug_logs() as logs:
            card = await world.slash(eve, "conduct", "report")
            answers = {
                "about_kind": ["general"],
                "description": WHAT_HAPPENED,
                "anonymous": ["yes"],
            }
            receipt = await world.fill(eve, card, [answers])
            await world.deliver()
            await world.deliver()
        after = await snapshot(database)
        assert "received" in text_of(receipt).lower()
        shown = receipt.body.get("data", receipt.body)  # a callback, or a follow-up
        assert shown.get("flags", 0) & 64  # ephemeral: only she sees it
        assert traces(someone, before, after) == []
        assert in_logs(someone, logs) == []
        [posted] = world.posts("conduct-team")
        assert WHAT_HAPPENED in str(posted)
        assert not [word for word in someone.words if mentions(str(posted), word)]
        sent = fake_discord.calls[start:]
        assert not [c for c in sent if c.path.endswith("/users/@me/channels")]  # no DM opened
        assert world.dms(eve) == []
        assert (await the_report(database))["reporter_id"] is None


def _discord_someone(member: Member) -> Someone:
    person = member.person
    return Someone(person.id, (person.email, person.name, member.id, member.user.name))


async def _person(hw: Hallway, email: str) -> Participant:
    async with hw.uow() as uow:
        found = await uow.participants.by_email(hw.event.id, email)
    assert found is not None
    return found
