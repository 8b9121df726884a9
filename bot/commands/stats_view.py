"""The chairs' statistics as a message (Slack's App Home, a Discord embed, the console)."""

from __future__ import annotations

from datetime import timedelta

from bot.domain.regions import REGIONS
from bot.domain.socials import CATEGORY_LABELS, QueueState
from bot.domain.stats import Stats, Utilisation
from bot.messages import Block, Item, Line, Message, Note, Strong, line, message, text
from bot.services.stats import ChairsStats

SHOWN = 10


def stats_message(view: ChairsStats) -> Message:
    stats = view.stats
    blocks: list[Block] = [
        _proposals(stats),
        _acceptance(stats),
        *_rsvps(stats),
        *_mentoring(stats, view.names),
        _adhoc(stats),
        _coverage(stats),
        *_deliveries(stats),
    ]
    return message("Statistics for the chairs", *blocks)


def _proposals(stats: Stats) -> Block:
    total = sum(sum(states.values()) for states in stats.proposals.values())
    rows: list[Line] = [line("{head}", head=Strong(f"Proposals: {total}"))]
    for category, states in stats.proposals.items():
        parts = ", ".join(f"{states[s]} {s.value}" for s in QueueState if states.get(s))
        rows.append(line(f"{CATEGORY_LABELS[category]}: {parts}"))
    return text(*rows)


def _acceptance(stats: Stats) -> Block:
    rate = stats.acceptance_rate
    shown = f"{rate:.0%}" if rate is not None else "no decision yet"
    return text(
        line(
            "{head} {rate} ({a} accepted, {r} rejected)",
            head=Strong("Acceptance rate:"),
            rate=shown,
            a=str(stats.accepted),
            r=str(stats.rejected),
        )
    )


def _rsvps(stats: Stats) -> list[Block]:
    if not stats.rsvps:
        return [text("RSVPs: no social on the programme yet.")]
    blocks: list[Block] = [text(line("{head}", head=Strong("RSVPs per social")))]
    blocks.extend(
        Item((line(f"{item.title}: {item.going} going, {item.waiting} waiting"),))
        for item in stats.rsvps[:SHOWN]
    )
    if len(stats.rsvps) > SHOWN:
        blocks.append(Note((line(f"…and {len(stats.rsvps) - SHOWN} more socials."),)))
    return blocks


def _mentoring(stats: Stats, names: dict[int, str]) -> list[Block]:
    head = line(
        "{head} {figure}", head=Strong("Mentor utilisation:"), figure=_share(stats.utilisation)
    )
    ranked = sorted(stats.mentors.items(), key=lambda item: -(item[1].share or 0))
    rows = [line(f"{names.get(pid, f'Mentor {pid}')}: {_share(u)}") for pid, u in ranked[:SHOWN]]
    return [text(head, *rows)]


def _adhoc(stats: Stats) -> Block:
    waits = stats.adhoc
    if not waits.sessions:
        return text(line("{head} no ad-hoc session yet.", head=Strong("Ad-hoc wait:")))
    summary = (
        f"median {_minutes(waits.median)}, longest {_minutes(waits.longest)}"
        if waits.waits
        else "nobody has joined one yet"
    )
    return text(
        line(
            "{head} {summary} from announcement to first join "
            "({n} sessions, {unjoined} without anyone)",
            head=Strong("Ad-hoc wait:"),
            summary=summary,
            n=str(waits.sessions),
            unjoined=str(waits.unjoined),
        )
    )


def _coverage(stats: Stats) -> Block:
    cover = stats.coverage
    if not cover.accepted:
        return text(line("{head} no socials accepted yet.", head=Strong("Time-zone coverage:")))
    parts = " · ".join(
        f"{region.label} {cover.share(region):.0%} ({cover.reached[region]})" for region in REGIONS
    )
    return text(line("{head} {parts}", head=Strong("Time-zone coverage:"), parts=parts))


def _deliveries(stats: Stats) -> list[Block]:
    if not stats.deliveries:
        return [text(line("{head} nothing sent to many people yet.", head=Strong("Delivery:")))]
    rows = [
        line(f"{tally.fanout}: {tally.delivered} of {tally.meant_for} delivered")
        for tally in stats.deliveries[-SHOWN:]
    ]
    return [text(line("{head}", head=Strong("Delivery per fan-out")), *rows)]


def _share(figure: Utilisation) -> str:
    share = f" ({figure.share:.0%})" if figure.share is not None else ""
    return f"{figure.booked} of {figure.offered} seats booked{share}"


def _minutes(delta: timedelta | None) -> str:
    if delta is None:
        return "—"
    minutes = delta.total_seconds() / 60
    return f"{minutes:.0f} min" if minutes >= 1 else f"{delta.total_seconds():.0f} s"
