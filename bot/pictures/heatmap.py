"""The heatmap as a PNG: stacked bars of sessions per UTC hour, one colour per category, with the
three regions' daytime bands drawn above. Matplotlib's Agg canvas, with no pyplot and no window:
it renders in a process without a display. Imported lazily: matplotlib takes a second to load.
"""

from __future__ import annotations

import io
import threading
from datetime import timedelta
from typing import Any

from bot.domain.heatmap import SERIES, Heatmap, series_label
from bot.domain.regions import REGIONS, Region

COLOURS = {
    "research": "#4C72B0",
    "skills": "#DD8452",
    "affinity": "#55A868",
    "gathering": "#C44E52",
    "other": "#8172B3",
    "mentoring": "#937860",
}
BAND_COLOURS = {
    Region.AMERICAS: "#F2B701",
    Region.EUROPE_AFRICA: "#3969AC",
    Region.ASIA_PACIFIC: "#E73F74",
}
HOUR_WIDTH = timedelta(hours=1)
_DRAWING = threading.Lock()


def heatmap_png(data: Heatmap, title: str) -> bytes:
    """Safe to call from worker threads: one drawing at a time (matplotlib's font cache and
    state are not meant for several threads at once)."""
    with _DRAWING:
        return _draw(data, title)


def _draw(data: Heatmap, title: str) -> bytes:
    import matplotlib

    matplotlib.use("Agg")  # before anything could reach for pyplot; no display needed
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(14, 5.5), dpi=100, layout="constrained")
    FigureCanvasAgg(figure)
    bands, bars = figure.subplots(2, 1, sharex=True, height_ratios=(1, 5))
    _draw_bands(bands, data)
    _draw_bars(bars, data)
    figure.suptitle(title)
    out = io.BytesIO()
    figure.savefig(out, format="png")
    return out.getvalue()


def _draw_bars(ax: Any, data: Heatmap) -> None:
    positions = list(range(len(data.hours)))
    bottom = [0] * len(data.hours)
    for series in SERIES:
        figures = data.counts[series]
        if any(figures):
            ax.bar(
                positions,
                figures,
                width=1.0,
                bottom=bottom,
                align="edge",
                color=COLOURS[series],
                label=series_label(series),
            )
            bottom = [below + count for below, count in zip(bottom, figures, strict=True)]
    ax.set_ylabel("Sessions running")
    ax.set_xlim(0, len(data.hours))
    ticks = list(range(0, len(data.hours), 24))
    ax.set_xticks(ticks)
    ax.set_xticks(range(0, len(data.hours), 6), minor=True)
    labels = [f"{data.hours[t]:%a %d %b}" for t in ticks]
    ax.set_xticklabels(labels)
    ax.set_xlabel("UTC")
    ax.grid(axis="x", which="major", alpha=0.3)
    if any(bottom):
        ax.legend(loc="upper left", fontsize="small", ncols=3)


def _draw_bands(ax: Any, data: Heatmap) -> None:
    start = data.hours[0]
    for row, region in enumerate(REGIONS):
        spans = [
            ((band.start - start) / HOUR_WIDTH, (band.end - band.start) / HOUR_WIDTH)
            for band in data.bands[region]
        ]
        ax.broken_barh(spans, (row + 0.15, 0.7), color=BAND_COLOURS[region])
    ax.set_yticks([row + 0.5 for row in range(len(REGIONS))])
    names = [f"{region.label} daytime" for region in REGIONS]
    ax.set_yticklabels(names, fontsize="small")
    ax.set_ylim(0, len(REGIONS))
    ax.invert_yaxis()
