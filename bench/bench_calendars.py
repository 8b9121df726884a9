"""Calendar feeds and the programme page on SQLite, with the programme benchmark's data set:
1,000 accepted socials (about 2,000 slots) and 5,000 RSVPs.

Measured: the programme feed the first time (every version written), then unchanged (read
only), then right after one social moved (one version raised); a personal feed; the programme
page's HTML. Baseline in the same run: the same slots read by one raw SQL query through
Python's sqlite3 and written as VEVENTs straight with `icalendar` (no versions, no leads).
"""

from __future__ import annotations

import random
import sqlite3
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from icalendar import Calendar, Event

from adapters.public.page import render_page
from bench.bench_programme import seed
from bench.common import describe, fresh_sqlite, icml_hallway, timed
from bot.app import Hallway
from bot.services.calendars import calendar_of, programme_calendar
from bot.services.programme_page import PageFilter, public_programme

REPEAT = 10


async def run() -> None:
    async with fresh_sqlite() as (database, path):
        hw = await icml_hallway(database)
        ids = await seed(hw, random.Random(7))
        first = await timed(lambda: programme_calendar(hw))
        steady = await timed(lambda: programme_calendar(hw), REPEAT)
        moved = await timed(lambda: _move_one_and_fetch(hw), REPEAT)
        mine = await timed(lambda: calendar_of(hw, ids[1], "Reader"), REPEAT)
        page = await timed(lambda: _page(hw), REPEAT)
        size = len((await programme_calendar(hw)).data)
        baseline = [_raw_feed(path) for _ in range(REPEAT)]
    print(f"programme feed, first (writes every version): {describe(first)}; {size:,} bytes")
    print(f"programme feed, unchanged:                    {describe(steady)}")
    print(f"programme feed, one social moved:             {describe(moved)}")
    print(f"personal feed (a busy RSVPer):                {describe(mine)}")
    print(f"programme page HTML, whole week:              {describe(page)}")
    print(f"baseline: raw sqlite3 read + bare icalendar:  {describe(baseline)}")


async def _move_one_and_fetch(hw: Hallway) -> None:
    async with hw.uow() as uow:
        social = await uow.socials.get(1)
        assert social is not None
        social.slots[0].start += timedelta(minutes=30)
        await uow.commit()
    await programme_calendar(hw)


async def _page(hw: Hallway) -> str:
    page = await public_programme(hw, PageFilter())
    return render_page(page, page_url="http://x/programme", feed_url="http://x/calendar")


def _raw_feed(path: Path) -> float:
    started = time.perf_counter()
    connection = sqlite3.connect(path)
    try:
        rows = connection.execute(
            "SELECT s.id, s.title, s.description, sl.id, sl.start, s.duration_minutes "
            "FROM social_slots sl JOIN socials s ON s.id = sl.social_id "
            "WHERE s.decision = 'accepted' AND s.released_at IS NOT NULL ORDER BY sl.start"
        ).fetchall()
    finally:
        connection.close()
    calendar = Calendar()
    calendar.add("prodid", "-//bench//EN")
    calendar.add("version", "2.0")
    stamp = datetime(2021, 6, 11, tzinfo=UTC)
    for _social, title, description, slot_id, start, minutes in rows:
        begins = datetime.fromisoformat(start).replace(tzinfo=UTC)
        event = Event()
        event.add("uid", f"social-slot-{slot_id}@bench")
        event.add("dtstamp", stamp)
        event.add("dtstart", begins)
        event.add("dtend", begins + timedelta(minutes=minutes))
        event.add("summary", title)
        event.add("description", description)
        calendar.add_component(event)
    calendar.to_ical()
    return time.perf_counter() - started
