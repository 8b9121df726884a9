"""The programme page as HTML (pure): a list readable without JavaScript, in UTC, which a small
inline script rewrites into the visitor's own zone. Every user text is escaped; nothing is
loaded from elsewhere (styles and the script are inline, allowed by hash in the CSP)."""

from __future__ import annotations

import base64
import hashlib
from datetime import datetime
from html import escape

from bot.calendars.google import google_calendar_link
from bot.services.programme_page import CATEGORIES, PageItem, ProgrammePage
from bot.timefmt import iso_utc
from bot.timerules import utc

STYLE = """
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d1d1f;
background:#f6f6f8}
header,main{max-width:52rem;margin:0 auto;padding:1rem}
h1{font-size:1.6rem;margin:.5rem 0}
form{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end;margin:.5rem 0}
label{display:flex;flex-direction:column;font-size:.85rem}
select,button{font:inherit;padding:.35rem .5rem;min-height:2.5rem}
article{background:#fff;border-radius:.6rem;padding:.8rem 1rem;margin:0 0 .8rem;
box-shadow:0 1px 2px rgba(0,0,0,.08)}
article h2{font-size:1.15rem;margin:0 0 .3rem;overflow-wrap:anywhere}
.when{font-weight:600;margin:.2rem 0}.meta,.add{font-size:.9rem;color:#555;margin:.2rem 0}
.desc{white-space:pre-line;margin:.4rem 0;overflow-wrap:anywhere}
.add a{margin-right:.8rem}.empty{font-style:italic}
@media (max-width:34rem){header,main{padding:.6rem}article{padding:.7rem}h1{font-size:1.3rem}}
"""

# Rewrites every <time datetime="…Z"> into the browser's zone; without it the UTC text stands.
SCRIPT = """
(function(){
  var zone=Intl.DateTimeFormat().resolvedOptions().timeZone;
  var full=new Intl.DateTimeFormat(undefined,{weekday:"short",day:"numeric",month:"short",
    hour:"2-digit",minute:"2-digit",hourCycle:"h23",timeZoneName:"short"});
  var clock=new Intl.DateTimeFormat(undefined,{hour:"2-digit",minute:"2-digit",hourCycle:"h23"});
  var parts=new Intl.DateTimeFormat("en-CA",{year:"numeric",month:"2-digit",day:"2-digit",
    hour:"2-digit",minute:"2-digit",hourCycle:"h23"});
  function local(d){var p={};parts.formatToParts(d).forEach(function(x){p[x.type]=x.value;});
    return p.year+"-"+p.month+"-"+p.day+"T"+p.hour+":"+p.minute;}
  document.querySelectorAll("time[datetime]").forEach(function(t){
    var d=new Date(t.getAttribute("datetime"));
    t.textContent=(t.getAttribute("data-style")==="time"?clock:full).format(d);
    t.setAttribute("data-local",local(d));
  });
  document.querySelectorAll("[data-zone]").forEach(function(e){e.textContent=zone;});
  var tz=document.getElementById("tz");if(tz){tz.value=zone;}
})();
"""

SCRIPT_HASH = base64.b64encode(hashlib.sha256(SCRIPT.encode()).digest()).decode()
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; "
    f"script-src 'sha256-{SCRIPT_HASH}'; form-action 'self'; base-uri 'none'; "
    "frame-ancestors 'none'"
)


def render_page(page: ProgrammePage, *, page_url: str, feed_url: str) -> str:
    title = f"{page.event_name} — programme"
    items = "\n".join(_item(item, page_url) for item in page.items) or (
        '<p class="empty">Nothing on the programme matches. Try another day or category.</p>'
    )
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{STYLE}</style></head><body>"
        f"<header><h1>{escape(title)}</h1>"
        '<p>Times are shown in <strong data-zone="">UTC</strong>.</p>'
        f"{_filters(page)}"
        f'<p class="add"><a href="{escape(feed_url)}">Subscribe to the whole programme '
        "(.ics)</a></p></header>"
        f'<main id="programme">{items}</main>'
        f"<script>{SCRIPT}</script></body></html>"
    )


def _filters(page: ProgrammePage) -> str:
    chosen = page.chosen
    days = ['<option value="">Every day</option>'] + [
        _option(day.isoformat(), f"{day:%a} {day.day} {day:%b}", day == chosen.day)
        for day in page.days
    ]
    kinds = ['<option value="">Every category</option>'] + [
        _option(value, label, value == chosen.category) for value, label in CATEGORIES
    ]
    return (
        '<form method="get" action="">'
        f'<label>Day<select name="day">{"".join(days)}</select></label>'
        f'<label>Category<select name="category">{"".join(kinds)}</select></label>'
        '<input type="hidden" name="tz" id="tz" value="">'
        "<button>Show</button></form>"
    )


def _option(value: str, label: str, selected: bool) -> str:
    mark = " selected" if selected else ""
    return f'<option value="{escape(value)}"{mark}>{escape(label)}</option>'


def _item(item: PageItem, page_url: str) -> str:
    entry = item.entry
    start, end = entry.span.start, entry.span.end
    meta = " · ".join(part for part in (entry.category_label, item.people, item.places) if part)
    google = google_calendar_link(entry, page_url)
    return (
        f'<article id="{escape(item.anchor)}" data-category="{escape(entry.category)}">'
        f"<h2>{escape(entry.title)}</h2>"
        f'<p class="when">{_time(start, "full")} – {_time(end, "time")}</p>'
        f'<p class="meta">{escape(meta)}</p>'
        f'<p class="desc">{escape(entry.description)}</p>'
        f'<p class="add"><a href="/calendar/programme/{escape(item.anchor)}.ics">'
        "Add to calendar (.ics)</a>"
        f'<a href="{escape(google)}" rel="noopener">Google Calendar</a></p></article>'
    )


def _time(instant: datetime, style: str) -> str:
    at = utc(instant)
    shown = f"{at:%H:%M} UTC" if style == "time" else f"{at:%a} {at.day} {at:%b}, {at:%H:%M} UTC"
    return f'<time datetime="{iso_utc(instant)}" data-style="{style}">{shown}</time>'
