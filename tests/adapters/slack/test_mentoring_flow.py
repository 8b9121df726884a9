"""Mentoring through Slack: browsing and booking with a note for the mentor; an ad-hoc session
whose room the core's work runner opens in Slack (a private channel, the mentor and whoever
joins invited, the video link posted) and archives after the end, on a manual clock."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from bot.clock import ManualClock
from bot.domain.mentoring import MentoringSession
from bot.scheduling.rooms import GRACE
from tests.adapters.slack.button_sources import a_session, adhoc_now
from tests.adapters.slack.harness import SlackHarness
from tests.adapters.slack.scenes import (
    ADA,
    BOB,
    TURING,
    cast,
    fill_in,
    in_channel,
    press,
    replied,
)


@pytest.fixture(autouse=True)
async def people(hallway: SlackHarness) -> None:
    await cast(hallway)


async def test_booking_from_the_listing_asks_for_a_note_and_the_mentor_sees_it(
    hallway: SlackHarness,
) -> None:
    await a_session(hallway)
    listing = replied(await hallway.command("/mentoring", "careers", ADA), ADA)
    opened = await press(hallway, listing, "mentoring.book")
    assert opened.view["title"]["text"] == "Book a mentoring session"
    booked = await fill_in(hallway, opened, ADA, "mentoring.book", note="Moving to industry?")
    assert "You have a seat with *Alan Turing*." in booked.reply.text
    mine = await hallway.command("/mentoring", "mine", TURING)
    assert "Ada Lovelace: “Moving to industry?”" in mine.text


async def test_a_full_session_offers_the_waitlist(hallway: SlackHarness) -> None:
    session_id = await a_session(hallway)  # two seats
    await hallway.command("/mentoring", f"book {session_id}", BOB)
    await hallway.command("/mentoring", f"book {session_id}", "UMALLORY")
    listing = replied(await hallway.command("/mentoring", "", ADA), ADA)
    book = [
        b for b in listing.blocks if b.get("accessory", {}).get("action_id") == "mentoring.book"
    ]
    assert book[0]["accessory"]["text"]["text"] == "Join the waitlist"


async def test_an_ad_hoc_session_opens_a_private_room_with_the_mentor_and_the_video_link(
    hallway: SlackHarness,
) -> None:
    await adhoc_now(hallway)
    assert await hallway.run_work() >= 1
    [created] = hallway.fake.called("conversations.create")
    room = hallway.fake.channels[created.answer["channel"]["id"]]
    assert room["is_private"] and room["name"].startswith("mentoring-1-alan-turing-")
    assert room["members"] == [TURING]
    [posted] = hallway.fake.in_channel(room["id"])
    assert "video call at <https://meet.jit.si/" in posted["text"]
    assert room["topic"] == "Mentoring with Alan Turing: careers"


async def test_someone_who_joins_after_the_room_opened_is_invited_into_it(
    hallway: SlackHarness,
) -> None:
    await adhoc_now(hallway)
    await hallway.run_work()
    announcement = in_channel(hallway, "mentoring", "Mentoring now", ADA)
    joined = await press(hallway, announcement, "mentoring.join")
    assert "You have a seat with *Alan Turing*." in joined.text
    await hallway.run_work()
    invited = hallway.fake.called("conversations.invite")[-1]
    room = hallway.fake.called("conversations.create")[0].answer["channel"]["id"]
    assert (invited.args["channel"], invited.args["users"]) == (room, ADA)
    assert hallway.fake.channels[room]["members"] == [TURING, ADA]


async def session(hallway: SlackHarness, session_id: int) -> MentoringSession:
    async with hallway.hw.uow() as uow:
        found = await uow.mentoring.get(session_id)
    assert found is not None
    return found


async def test_the_room_is_archived_after_the_end_and_not_before(
    hallway: SlackHarness, clock: ManualClock
) -> None:
    await adhoc_now(hallway)
    await hallway.run_work()
    room = hallway.fake.called("conversations.create")[0].answer["channel"]["id"]
    closes = (await session(hallway, 1)).finishes_at + GRACE
    clock.set(closes - timedelta(seconds=1))
    await hallway.run_work()
    assert not hallway.fake.channels[room]["is_archived"]
    clock.set(closes)
    await hallway.run_work()
    assert hallway.fake.channels[room]["is_archived"]
    assert [c.method for c in hallway.fake.calls].count("conversations.archive") == 1


async def test_ending_early_archives_the_room_after_the_grace(
    hallway: SlackHarness, clock: ManualClock
) -> None:
    await adhoc_now(hallway)
    await hallway.run_work()
    room = hallway.fake.called("conversations.create")[0].answer["channel"]["id"]
    ended = await hallway.command("/mentor", "end 1", TURING)
    assert "Session ended" in ended.text
    clock.advance(GRACE)
    await hallway.run_work()
    assert hallway.fake.channels[room]["is_archived"]


async def test_a_first_time_mentor_fills_in_the_profile_then_the_session_in_one_modal(
    hallway: SlackHarness,
) -> None:
    opened = await hallway.command("/mentor", "", TURING)
    assert opened.view["title"]["text"] == "Your mentor profile"
    profile = await fill_in(hallway, opened, TURING, "mentor.profile", topics="careers, rl")
    step = profile.reply
    assert (step.method, step.args["view_id"]) == ("views.update", opened.view["id"])
    session_form = step.args["view"]
    assert json.loads(session_form["private_metadata"])["form"] == "mentor.session"
    topics = next(b for b in session_form["blocks"] if b.get("block_id") == "topics")
    assert topics["element"]["initial_value"] == "careers, rl"
    offered = await fill_in(hallway, profile, TURING, "mentor.session", capacity="3")
    assert "Session offered" in offered.reply.text
