"""Calendar files on both databases: parsed back with `icalendar` to the same sessions, times
and UIDs; SEQUENCE up on every change; cancellations served as CANCELLED."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.app import Hallway
from bot.clock import ManualClock
from bot.services.calendars import calendar_as, my_calendar, programme_calendar
from bot.services.mentoring_sessions import SessionDraft, cancel_session, edit_session
from tests.calendar_kit import MONDAY, programme, read_ics, session_uid, slot_uid
from tests.factories import actor


async def test_the_programme_holds_every_released_slot_and_live_session_in_utc(
    hw: Hallway,
) -> None:
    made = await programme(hw)
    read = read_ics((await programme_calendar(hw)).data)
    assert sorted(read) == sorted(
        [slot_uid(made.tea, 0), slot_uid(made.tea, 1), session_uid(made.session)]
    )
    first = read[slot_uid(made.tea, 0)]
    assert (first.summary, first.start, first.end) == (
        "Tea & <b>talk</b>",
        MONDAY,
        MONDAY + timedelta(hours=2),
    )
    assert first.start.tzinfo is not None and first.start.utcoffset() == timedelta(0)
    assert "Led by Ada Lovelace and Grace Hopper." in first.description
    assert {item.sequence for item in read.values()} == {0}
    assert {item.status for item in read.values()} == {"CONFIRMED"}


async def test_the_file_says_utc_with_a_z_on_every_time(hw: Hallway) -> None:
    await programme(hw)
    text = (await programme_calendar(hw)).data.decode()
    assert "DTSTART:20210719T150000Z" in text
    assert "DTEND:20210719T170000Z" in text
    assert "TZID" not in text


async def test_the_public_programme_keeps_video_links_out(hw: Hallway) -> None:
    made = await programme(hw)
    read = read_ics((await programme_calendar(hw)).data)
    session = read[session_uid(made.session)]
    assert "v.example" not in (session.location + session.url)
    assert session.url.endswith("/programme#" + session_uid(made.session).split("@")[0])


async def test_a_personal_calendar_holds_what_i_rsvped_booked_and_with_the_link(
    hw: Hallway,
) -> None:
    made = await programme(hw)
    file, _links = await my_calendar(hw, made.guest)
    read = read_ics(file.data)
    assert sorted(read) == sorted([slot_uid(made.tea, 0), session_uid(made.session)])
    session = read[session_uid(made.session)]
    assert (session.location, session.url) == ("https://v.example/m1", "https://v.example/m1")


async def test_a_lead_gets_both_slots_and_a_mentor_their_session(hw: Hallway) -> None:
    made = await programme(hw)
    lead = read_ics((await calendar_as(hw, "ada@example.org")).data)
    teacher = read_ics((await calendar_as(hw, "turing@example.org")).data)
    assert sorted(lead) == sorted([slot_uid(made.tea, 0), slot_uid(made.tea, 1)])
    assert list(teacher) == [session_uid(made.session)]


async def test_files_for_tokyo_and_los_angeles_hold_the_same_instants(hw: Hallway) -> None:
    made = await programme(hw)
    tokyo = await actor(hw, "guest@example.org", "Asia/Tokyo")
    angeles = await actor(hw, "guest@example.org", "America/Los_Angeles")
    in_tokyo = read_ics((await my_calendar(hw, tokyo))[0].data)
    in_angeles = read_ics((await my_calendar(hw, angeles))[0].data)
    assert {uid: (r.start, r.end) for uid, r in in_tokyo.items()} == {
        uid: (r.start, r.end) for uid, r in in_angeles.items()
    }
    assert in_tokyo[slot_uid(made.tea, 0)].start == datetime(2021, 7, 19, 15, tzinfo=UTC)


async def test_an_edited_social_keeps_its_uid_with_a_higher_sequence(
    hw: Hallway, clock: ManualClock
) -> None:
    made = await programme(hw)
    await programme_calendar(hw)
    clock.advance(timedelta(hours=1))
    async with hw.uow() as uow:
        social = await uow.socials.get(made.tea.id)
        assert social is not None
        social.title = "Tea, moved"
        social.ordered_slots()[0].start = MONDAY + timedelta(hours=1)
        await uow.commit()
    read = read_ics((await programme_calendar(hw)).data)
    moved = read[slot_uid(made.tea, 0)]
    assert (moved.summary, moved.start, moved.sequence) == (
        "Tea, moved",
        MONDAY + timedelta(hours=1),
        1,
    )
    assert read[session_uid(made.session)].sequence == 0


async def test_the_sequence_stays_when_nothing_changed(hw: Hallway) -> None:
    await programme(hw)
    first = await programme_calendar(hw)
    again = await programme_calendar(hw)
    assert first.data == again.data


async def test_an_edited_session_rises_again_with_each_change(hw: Hallway) -> None:
    made = await programme(hw)
    for hours in (4, 5):
        await programme_calendar(hw)
        start = MONDAY + timedelta(hours=hours)
        draft = SessionDraft(start, 2, ["careers"], None, "Bring questions.", None)
        await edit_session(hw, made.mentor, made.session.id, draft)
    read = read_ics((await programme_calendar(hw)).data)
    session = read[session_uid(made.session)]
    assert (session.start, session.sequence) == (MONDAY + timedelta(hours=5), 2)


async def test_a_cancelled_session_is_served_as_cancelled(hw: Hallway) -> None:
    made = await programme(hw)
    await programme_calendar(hw)
    await cancel_session(hw, made.mentor, made.session.id)
    read = read_ics((await programme_calendar(hw)).data)
    cancelled = read[session_uid(made.session)]
    assert (cancelled.status, cancelled.sequence) == ("CANCELLED", 1)
    mine = read_ics((await my_calendar(hw, made.guest))[0].data)
    assert mine[session_uid(made.session)].status == "CANCELLED"


async def test_a_withdrawn_social_stays_as_cancelled_for_its_subscribers(
    hw: Hallway,
) -> None:
    made = await programme(hw)
    await programme_calendar(hw)
    async with hw.uow() as uow:
        social = await uow.socials.get(made.tea.id)
        assert social is not None
        social.withdrawn_at = hw.now()
        await uow.commit()
    read = read_ics((await programme_calendar(hw)).data)
    assert {read[slot_uid(made.tea, i)].status for i in (0, 1)} == {"CANCELLED"}
    assert read[slot_uid(made.tea, 0)].sequence == 1


async def test_a_removed_slot_is_served_as_cancelled_from_what_was_served(hw: Hallway) -> None:
    made = await programme(hw)
    await programme_calendar(hw)
    gone = slot_uid(made.tea, 1)
    async with hw.uow() as uow:
        social = await uow.socials.get(made.tea.id)
        assert social is not None
        social.slots.remove(social.ordered_slots()[1])
        await uow.commit()
    read = read_ics((await programme_calendar(hw)).data)
    assert (read[gone].status, read[gone].summary, read[gone].sequence) == (
        "CANCELLED",
        "Tea & <b>talk</b>",
        1,
    )
    lead = read_ics((await calendar_as(hw, "ada@example.org")).data)
    assert lead[gone].status == "CANCELLED"


async def test_a_session_cancelled_before_anyone_saw_it_is_left_out(hw: Hallway) -> None:
    made = await programme(hw)
    await cancel_session(hw, made.mentor, made.session.id)
    assert session_uid(made.session) not in read_ics((await programme_calendar(hw)).data)


async def test_proposals_under_review_are_never_in_a_calendar(hw: Hallway) -> None:
    made = await programme(hw)
    read = read_ics((await calendar_as(hw, "ada@example.org")).data)
    assert not any(f"social-slot-{made.draft.slots[0].id}@" in uid for uid in read)
