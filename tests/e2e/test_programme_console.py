"""The programme through the console: browsing in one's own time, RSVP by button, a full slot's
waitlist, a cancellation promoting the next person with a direct message, the chairs' balance."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from adapters.console.io import ScriptedIO
from bot import bootstrap
from bot.clock import ManualClock
from bot.config import Settings
from bot.demo import DEMO_PERSON
from bot.domain.socials import Social
from tests.factories import stored_social

NOW = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)  # the demo conference starts tomorrow
SAT_20_UTC = datetime(2026, 11, 28, 20, 0, tzinfo=UTC)  # Sunday 05:00 in Tokyo
AMARA = "amara@demo.hallway.test"
CHAIR = "chair@demo.hallway.test"


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(NOW)


@pytest.fixture
async def runtime(tmp_path: Path, clock: ManualClock) -> AsyncIterator[bootstrap.Runtime]:
    started = await bootstrap.start(
        Settings(database_url=f"sqlite:///{tmp_path / 'hallway.db'}"),
        clock=clock,
        demo_socials=False,
    )
    yield started
    await started.close()


async def demo_social(runtime: bootstrap.Runtime, capacity: int | None = None) -> Social:
    hw = runtime.hw
    async with hw.uow() as uow:
        leads = [
            await uow.participants.by_email(hw.event.id, f"{name}@demo.hallway.test")
            for name in ("emmy", "kenji")
        ]
    ids = [lead.id for lead in leads if lead is not None]
    return await stored_social(
        hw, "Tea and theorems", ids, [SAT_20_UTC], released=True, capacity=capacity, tags=["tea"]
    )


async def session(runtime: bootstrap.Runtime, *lines: str, who: str = DEMO_PERSON) -> str:
    io = ScriptedIO(lines)
    await bootstrap.run_console(runtime, who, io)
    return io.text


async def test_a_tokyo_reader_sees_the_programme_on_their_own_day(
    runtime: bootstrap.Runtime,
) -> None:
    await demo_social(runtime)
    shown = await session(runtime, "/timezone Asia/Tokyo", "/programme day 2026-11-29")
    assert "== Programme for Sunday 29 November ==" in shown
    assert "• Tea and theorems · Research topics · #tea" in shown
    assert "  Sun 29 Nov, 05:00 JST – 07:00 JST" in shown
    assert "  Led by Emmy Noether and Kenji Tanaka" in shown
    in_utc = await session(runtime, "/programme day 2026-11-29", who=AMARA)
    assert "Nothing on the programme on Sunday 29 November in your time zone." in in_utc


async def test_the_list_and_now_show_the_readers_time(
    runtime: bootstrap.Runtime, clock: ManualClock
) -> None:
    await demo_social(runtime)
    clock.set(datetime(2026, 11, 28, 21, 0, tzinfo=UTC))
    shown = await session(runtime, "/social list tea", "/programme", who=AMARA)
    assert "== Socials (#tea) ==" in shown
    assert "== Running now ==" in shown
    assert shown.count("  Sat 28 Nov, 20:00 UTC – 22:00 UTC") == 2


async def test_rsvp_waitlist_and_a_cancellation_that_promotes_with_a_direct_message(
    runtime: bootstrap.Runtime,
) -> None:
    made = await demo_social(runtime, capacity=1)
    slot = made.slots[0].id
    shown = await session(
        runtime,
        "/social list #tea",  # [1] RSVP
        "/press 1",  # going; [2] Cancel RSVP
        f"/as {AMARA}",
        "/timezone America/New_York",
        "/social list #tea",  # [3] Join the waitlist
        "/press 3",  # waitlisted; [4] Cancel RSVP
        f"/as {DEMO_PERSON}",
        f"/social unrsvp {slot}",
        f"/as {AMARA}",
        "/programme mine",
    )
    assert "  [1] RSVP   (type /press N)" in shown
    assert "== You are going ==" in shown
    assert f"  Slot {slot} · 1 going of 1 · full" in shown
    assert "  [3] Join the waitlist   (type /press N)" in shown
    assert "It is full (1 place). You are number 1 on the waitlist;" in shown
    assert "The first person on the waitlist has your place and has been told." in shown
    dm = shown[shown.index("[direct message, while you were away]") :]
    assert "== A place opened up ==" in dm
    assert "you are now going to Tea and theorems, Saturday 28 November 2026, 15:00 EST" in dm
    assert "  You are going." in shown[shown.index("== My programme ==") :]


async def test_a_second_rsvp_and_a_lead_rsvp_are_answered(runtime: bootstrap.Runtime) -> None:
    made = await demo_social(runtime)
    slot = made.slots[0].id
    shown = await session(runtime, f"/social rsvp {slot}", f"/social rsvp {slot}")
    assert "! You already RSVPed to “Tea and theorems” at that time: you are going." in shown
    lead = await session(runtime, f"/social rsvp {slot}", who="emmy@demo.hallway.test")
    assert "== No RSVP needed ==" in lead


async def test_the_chairs_see_the_balance_and_others_are_refused(
    runtime: bootstrap.Runtime,
) -> None:
    await demo_social(runtime)
    shown = await session(runtime, "/social balance", f"/as {CHAIR}", "/social balance")
    assert "! Only the chairs of Hallway Demo Conference can see the programme's balance." in shown
    balance = shown[shown.index("== Programme balance") :]
    assert "== Programme balance: 1 standing proposal, 1 accepted ==" in balance
    assert "Sat 28 Nov  " + "·" * 20 + "██··" in balance
    assert "Americas 100% (1) · Europe/Africa 0% (0) · Asia/Pacific 0% (0)" in balance
    assert "Tea and theorems (accepted) reaches Americas; misses Europe/Africa, Asia/Pacific" in (
        balance
    )
    assert "Another slot at Sun 29 Nov, 08:00 UTC: adds Europe/Africa, Asia/Pacific" in balance
