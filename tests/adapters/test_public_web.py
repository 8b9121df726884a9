"""The public routes on Hallway's real HTTP listener (both databases): calendar subscriptions
that serve valid ICS, refuse a wrong or revoked token, and show an edit on the next fetch; the
programme page's filters and escaping."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import timedelta

import aiohttp
import pytest
from multidict import CIMultiDict

from bot.app import Hallway
from bot.bootstrap import Runtime, public_web
from bot.commands import build_router
from bot.config import Settings
from bot.services.calendars import my_calendar, renew_calendar_link
from storage import Database
from tests.calendar_kit import MONDAY, Programme, programme, read_ics, session_uid, slot_uid


class Site:
    def __init__(self, hw: Hallway, base: str, session: aiohttp.ClientSession) -> None:
        self.hw, self.base, self.session = hw, base, session

    async def get(self, path: str, **headers: str) -> tuple[int, CIMultiDict[str], bytes]:
        async with self.session.get(self.base + path, headers=headers) as response:
            return response.status, CIMultiDict(response.headers), await response.read()


@pytest.fixture
async def site(hw: Hallway, database: Database) -> AsyncIterator[Site]:
    settings = Settings(host="127.0.0.1", port=0)
    web = public_web(Runtime(settings, database, hw, build_router()))
    port = await web.start("127.0.0.1", 0)
    base = f"http://127.0.0.1:{port}"
    async with aiohttp.ClientSession() as session:
        yield Site(replace(hw, public_url=base), base, session)
    await web.stop()


async def personal_path(site: Site, made: Programme) -> str:
    _file, links = await my_calendar(site.hw, made.guest)
    return links.personal.removeprefix(site.base)


async def test_the_programme_feed_is_valid_ics_with_the_right_content_type(site: Site) -> None:
    made = await programme(site.hw)
    status, headers, body = await site.get("/calendar/programme.ics")
    assert status == 200
    assert headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert "ETag" in headers and "Last-Modified" in headers
    assert slot_uid(made.tea, 1) in read_ics(body)


async def test_a_personal_feed_serves_my_calendar_with_links(site: Site) -> None:
    made = await programme(site.hw)
    path = await personal_path(site, made)
    status, headers, body = await site.get(path)
    assert (status, headers["Content-Type"]) == (200, "text/calendar; charset=utf-8")
    read = read_ics(body)
    assert sorted(read) == sorted([slot_uid(made.tea, 0), session_uid(made.session)])
    assert read[session_uid(made.session)].location == "https://v.example/m1"


async def test_a_wrong_token_gets_the_same_404_as_any_unknown_address(site: Site) -> None:
    await programme(site.hw)
    wrong = await site.get("/calendar/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics")
    unknown = await site.get("/nothing-here")
    assert (wrong[0], wrong[2]) == (404, b"Not found.")
    assert unknown[0] == 404
    assert b"BEGIN:VCALENDAR" not in wrong[2]


async def test_a_revoked_token_stops_and_the_new_one_works(site: Site) -> None:
    made = await programme(site.hw)
    old = await personal_path(site, made)
    links = await renew_calendar_link(site.hw, made.guest)
    new = links.personal.removeprefix(site.base)
    assert new != old
    assert (await site.get(old))[0] == 404
    assert (await site.get(new))[0] == 200


async def test_asking_again_gives_the_same_link(site: Site) -> None:
    made = await programme(site.hw)
    assert await personal_path(site, made) == await personal_path(site, made)


async def test_an_edit_shows_on_the_next_fetch_with_a_higher_sequence(site: Site) -> None:
    made = await programme(site.hw)
    path = await personal_path(site, made)
    _, first_headers, first = await site.get(path)
    async with site.hw.uow() as uow:
        social = await uow.socials.get(made.tea.id)
        assert social is not None
        social.ordered_slots()[0].start = MONDAY + timedelta(hours=2)
        await uow.commit()
    _, headers, body = await site.get(path)
    before, after = read_ics(first)[slot_uid(made.tea, 0)], read_ics(body)[slot_uid(made.tea, 0)]
    assert (after.start, after.sequence) == (MONDAY + timedelta(hours=2), before.sequence + 1)
    assert headers["ETag"] != first_headers["ETag"]


async def test_an_unchanged_feed_answers_304_to_its_etag(site: Site) -> None:
    await programme(site.hw)
    _, headers, _ = await site.get("/calendar/programme.ics")
    status, _, body = await site.get(
        "/calendar/programme.ics", **{"If-None-Match": headers["ETag"]}
    )
    assert (status, body) == (304, b"")


async def test_one_entry_alone_for_add_to_calendar(site: Site) -> None:
    made = await programme(site.hw)
    anchor = slot_uid(made.tea, 1).split("@")[0]
    status, _, body = await site.get(f"/calendar/programme/{anchor}.ics")
    assert (status, list(read_ics(body))) == (200, [slot_uid(made.tea, 1)])
    assert (await site.get("/calendar/programme/social-slot-999999.ics"))[0] == 404


async def test_the_page_escapes_user_text(site: Site) -> None:
    await programme(site.hw)
    async with site.hw.uow() as uow:
        [social] = [s for s in await uow.socials.for_event(site.hw.event.id) if s.is_public]
        social.title = "<script>alert(1)</script>"
        await uow.commit()
    status, headers, body = await site.get("/programme")
    page = body.decode()
    assert status == 200
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)" not in page
    assert "script-src 'sha256-" in headers["Content-Security-Policy"]


async def test_the_page_filters_by_category_and_day(site: Site) -> None:
    made = await programme(site.hw)
    anchor = session_uid(made.session).split("@")[0]
    _, _, mentoring = await site.get("/programme?category=mentoring")
    assert anchor in mentoring.decode() and "Tea &amp;" not in mentoring.decode()
    _, _, tokyo = await site.get("/programme?day=2021-07-20&tz=Asia/Tokyo")
    _, _, utc = await site.get("/programme?day=2021-07-20")
    assert slot_uid(made.tea, 0).split("@")[0] in tokyo.decode()  # 00:00 on the 20th in Tokyo
    assert slot_uid(made.tea, 0).split("@")[0] not in utc.decode()  # 15:00 on the 19th in UTC


async def test_a_malformed_filter_is_refused_plainly(site: Site) -> None:
    assert (await site.get("/programme?day=July"))[0] == 400
    assert (await site.get("/programme?category=nonsense"))[0] == 400
