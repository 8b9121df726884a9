"""Files in Slack through the external upload flow, against the fake Web API: the personal
calendar in the person's DM, the chairs' exports, the heatmap in the chairs' channel, and the
chairs' statistics on the App Home."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import replace

import aiohttp
import pytest

from adapters.slack.service import SlackService
from bot import bootstrap
from bot.app import Hallway
from bot.commands import build_router
from bot.config import Settings
from storage import Database
from tests.adapters.slack.conftest import SECRET, SlackHarness
from tests.adapters.slack.fake_slack import FakeSlack
from tests.adapters.slack.signed import SignedSlack
from tests.calendar_kit import programme, read_ics, session_uid, slot_uid

HOME_OPENED = {"type": "app_home_opened", "user": "UCHAIR", "channel": "DUCHAIR", "tab": "home"}


@pytest.fixture
async def hallway(
    hw: Hallway, database: Database, fake_slack: FakeSlack
) -> AsyncIterator[SlackHarness]:
    """Slack on the HTTP listener with every command of the product."""
    settings = Settings(
        host="127.0.0.1",
        port=0,
        slack_bot_token="xoxb-test",
        slack_signing_secret=SECRET,
        slack_api_url=fake_slack.api_url,
    )
    on_slack = replace(hw, platforms=("slack",))
    runtime = bootstrap.Runtime(settings, database, on_slack, build_router())
    started: asyncio.Future[tuple[int, SlackService]] = asyncio.get_running_loop().create_future()
    serving = asyncio.create_task(
        bootstrap.serve_slack(runtime, listening=lambda *ready: started.set_result(ready))
    )
    await asyncio.wait({started, serving}, timeout=10, return_when=asyncio.FIRST_COMPLETED)
    port, service = started.result()
    url = f"http://127.0.0.1:{port}"
    async with aiohttp.ClientSession() as session:
        send = SignedSlack(f"{url}/slack/events", SECRET, session, fake_slack.response_url())
        yield SlackHarness(on_slack, fake_slack, send, service, url)
    serving.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await serving


async def test_programme_ics_uploads_my_calendar_into_my_dm_with_the_links(
    hallway: SlackHarness,
) -> None:
    made = await programme(hallway.hw)
    hallway.fake.add_user("UGUEST", "guest@example.org")
    await hallway.send.command("/programme", "ics", user="UGUEST")
    [done] = await hallway.fake.wait_for("files.completeUploadExternal")
    [reply] = await hallway.fake.wait_for("response_url")
    order = [m for m in hallway.fake.methods() if m.startswith("files.") or m == "upload"]
    assert order == ["files.getUploadURLExternal", "upload", "files.completeUploadExternal"]
    [shared] = hallway.fake.shared
    assert (shared["channel_id"], shared["title"]) == ("DUGUEST", "icml2021-mine.ics")
    assert sorted(read_ics(shared["data"])) == sorted(
        [slot_uid(made.tea, 0), session_uid(made.session)]
    )
    assert done.args["channel_id"] == "DUGUEST"
    assert "/calendar/programme.ics" in reply.text
    assert "/calendar/" in reply.text and "your calendar" in reply.text


async def test_a_chair_gets_both_exports_as_files(hallway: SlackHarness) -> None:
    await programme(hallway.hw)
    hallway.fake.add_user("UCHAIR", "chair@example.org")
    await hallway.send.command("/social", "chairs export json", user="UCHAIR")
    await hallway.fake.wait_for("files.completeUploadExternal", 2)
    titles = sorted(item["title"] for item in hallway.fake.shared)
    assert titles == ["icml2021-mentoring.json", "icml2021-submissions.json"]
    assert {item["channel_id"] for item in hallway.fake.shared} == {"DUCHAIR"}


async def test_someone_not_a_chair_gets_no_export(hallway: SlackHarness) -> None:
    await programme(hallway.hw)
    hallway.fake.add_user("UGUEST", "guest@example.org")
    await hallway.send.command("/social", "export csv", user="UGUEST")
    [reply] = await hallway.fake.wait_for("response_url")
    assert "Only the chairs of ICML 2021 can export" in reply.text
    assert hallway.fake.called("files.getUploadURLExternal") == []


async def test_the_balance_posts_the_heatmap_in_the_chairs_channel(hallway: SlackHarness) -> None:
    await programme(hallway.hw)
    chairs = hallway.fake.add_channel("socials-chairs", private=True)
    hallway.fake.add_user("UCHAIR", "chair@example.org")
    await hallway.send.command("/social", "chairs balance", user="UCHAIR")
    await hallway.fake.wait_for("files.completeUploadExternal")
    [shared] = hallway.fake.shared
    assert (shared["channel_id"], shared["title"]) == (chairs, "icml2021-heatmap.png")
    assert shared["data"].startswith(b"\x89PNG\r\n\x1a\n")
    [reply] = await hallway.fake.wait_for("response_url")
    assert "Programme balance" in reply.text


async def test_a_chair_sees_the_statistics_on_the_app_home(hallway: SlackHarness) -> None:
    await programme(hallway.hw)
    hallway.fake.add_user("UCHAIR", "chair@example.org")
    await hallway.send.event(HOME_OPENED, "EvStats1")
    [published] = await hallway.fake.wait_for("views.publish")
    assert "Statistics for the chairs" in published.text
    assert "1 of 2 seats booked (50%)" in published.text


async def test_a_participant_sees_no_statistics_on_the_app_home(hallway: SlackHarness) -> None:
    await programme(hallway.hw)
    hallway.fake.add_user("UGUEST", "guest@example.org")
    await hallway.send.event({**HOME_OPENED, "user": "UGUEST"}, "EvStats2")
    [published] = await hallway.fake.wait_for("views.publish")
    assert "Statistics" not in published.text
