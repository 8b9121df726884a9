"""The programme page in a real headless Chromium (Debian's `chromium`): it loads, shows the
sessions, and visitors in Tokyo and Los Angeles see the same instants in their own times.

`make test` installs chromium when it is missing and runs as root; elsewhere a missing browser
fails here with the command to install it (never a skip).
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.app import Hallway
from bot.bootstrap import Runtime, public_web
from bot.commands import build_router
from bot.config import Settings
from storage import Database
from tests.calendar_kit import programme, session_uid, slot_uid

BROWSER_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--lang=en-US",
    "--virtual-time-budget=5000",
)


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        pytest.fail(
            "Chromium is missing: the programme page is tested in a real browser. "
            "Install it with `apt-get install -y chromium` (make test does so when run as root)."
        )
    return found


@pytest.fixture
async def page_url(hw: Hallway, database: Database) -> AsyncIterator[str]:
    web = public_web(Runtime(Settings(host="127.0.0.1", port=0), database, hw, build_router()))
    port = await web.start("127.0.0.1", 0)
    yield f"http://127.0.0.1:{port}/programme"
    await web.stop()


async def rendered_dom(url: str, zone: str, profile: Path) -> str:
    """The DOM after the page's script ran, in a browser whose zone is `zone`."""
    env = {**os.environ, "TZ": zone}
    process = await asyncio.create_subprocess_exec(
        chromium(),
        *BROWSER_FLAGS,
        f"--user-data-dir={profile}",
        "--dump-dom",
        url,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(process.communicate(), 90)
    assert process.returncode == 0, err.decode(errors="replace")[-2000:]
    return out.decode()


def local_times(dom: str) -> dict[str, str]:
    """datetime (UTC) → the local time the script wrote, for every rewritten <time>."""
    found = re.findall(r'<time datetime="([^"]+)"[^>]*data-local="([^"]+)"', dom)
    return dict(found)


async def test_the_page_shows_the_sessions_in_tokyo_time(
    page_url: str, hw: Hallway, tmp_path: Path
) -> None:
    made = await programme(hw)
    dom = await rendered_dom(page_url, "Asia/Tokyo", tmp_path / "tokyo")
    for uid in (slot_uid(made.tea, 0), slot_uid(made.tea, 1), session_uid(made.session)):
        assert f'id="{uid.split("@")[0]}"' in dom
    assert "Tea &amp; &lt;b&gt;talk&lt;/b&gt;" in dom
    assert local_times(dom)["2021-07-19T15:00:00Z"] == "2021-07-20T00:00"
    assert re.search(r'data-style="full"[^>]*>[^<]*00:00', dom)
    assert '<strong data-zone="">Asia/Tokyo</strong>' in dom


async def test_a_visitor_in_los_angeles_sees_the_same_instants_shifted(
    page_url: str, hw: Hallway, tmp_path: Path
) -> None:
    await programme(hw)
    tokyo = local_times(await rendered_dom(page_url, "Asia/Tokyo", tmp_path / "tokyo"))
    angeles = local_times(await rendered_dom(page_url, "America/Los_Angeles", tmp_path / "la"))
    assert tokyo.keys() == angeles.keys()
    assert angeles["2021-07-19T15:00:00Z"] == "2021-07-19T08:00"
    assert angeles["2021-07-20T03:00:00Z"] == "2021-07-19T20:00"
    assert tokyo["2021-07-20T03:00:00Z"] == "2021-07-20T12:00"


async def test_without_the_script_the_list_is_complete_in_utc(page_url: str, hw: Hallway) -> None:
    made = await programme(hw)
    import aiohttp

    async with aiohttp.ClientSession() as session, session.get(page_url) as response:
        html = await response.text()
    assert html.count("<article ") == 3
    assert ">Mon 19 Jul, 15:00 UTC</time>" in html
    assert made.tea.title not in html  # the raw title, unescaped, never appears
