"""The heatmap's data (pure) and its picture: a real PNG, drawn in a fresh process that has no
display."""

from __future__ import annotations

import os
import struct
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from bot.domain.heatmap import MENTORING, daytime_bands, heatmap_data
from bot.domain.regions import Region
from bot.timerules import Interval, conference_window

ROOT = Path(__file__).resolve().parents[2]
WINDOW = conference_window(date(2021, 7, 18), date(2021, 7, 24))
MON = datetime(2021, 7, 19, tzinfo=UTC)


def at(hour: float, minutes: int = 120) -> Interval:
    return Interval.lasting(MON + timedelta(hours=hour), minutes)


def test_a_session_counts_in_every_hour_it_covers_under_its_category() -> None:
    data = heatmap_data(
        [("research", at(14.5)), ("research", at(15)), (MENTORING, at(15, 30))], WINDOW
    )
    hour = MON + timedelta(hours=14)
    assert [data.count("research", hour + timedelta(hours=n)) for n in range(4)] == [1, 2, 2, 0]
    assert data.count(MENTORING, hour + timedelta(hours=1)) == 1
    assert data.total(data.hours.index(hour + timedelta(hours=1))) == 3


def test_the_week_is_every_utc_date_the_conference_touches() -> None:
    data = heatmap_data([], WINDOW)
    assert data.hours[0] == datetime(
        2021, 7, 17, tzinfo=UTC
    )  # 18 July starts on the 17th at UTC+14
    assert data.hours[-1] == datetime(
        2021, 7, 25, 23, tzinfo=UTC
    )  # 24 July ends on the 25th at UTC−12
    assert all(len(series) == len(data.hours) for series in data.counts.values())


def test_the_daytime_bands_follow_the_regions_offsets() -> None:
    week = Interval(MON, MON + timedelta(days=1))
    assert daytime_bands(Region.EUROPE_AFRICA, week) == (at(8, 11 * 60),)  # 08:00–19:00 UTC
    assert daytime_bands(Region.ASIA_PACIFIC, week) == (at(2.5, 570),)  # 02:30–12:00 UTC
    assert daytime_bands(Region.AMERICAS, week) == (  # 15:00–01:00 UTC, cut at the week's edge
        Interval(MON, MON + timedelta(hours=1)),
        Interval(MON + timedelta(hours=15), MON + timedelta(days=1)),
    )


SCRIPT = """
import sys
from datetime import date, datetime, timedelta, UTC
from bot.domain.heatmap import heatmap_data
from bot.pictures.heatmap import heatmap_png
from bot.timerules import Interval, conference_window
start = datetime(2021, 7, 19, 15, tzinfo=UTC)
data = heatmap_data([("research", Interval(start, start + timedelta(hours=2)))],
                    conference_window(date(2021, 7, 18), date(2021, 7, 24)))
open(sys.argv[1], "wb").write(heatmap_png(data, "test"))
import matplotlib
print(matplotlib.get_backend().lower(), "matplotlib.pyplot" in sys.modules)
"""


def test_the_picture_is_a_png_drawn_in_a_fresh_process_without_a_display(tmp_path: Path) -> None:
    out = tmp_path / "heatmap.png"
    env = {
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": str(ROOT),
        "HOME": str(tmp_path),
        "MPLCONFIGDIR": str(tmp_path / "mpl"),
    }
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(out)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["agg", "False"]  # the Agg canvas, and pyplot never loaded
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])  # the IHDR chunk
    assert (width, height) == (1400, 550)
    assert len(data) > 10_000
