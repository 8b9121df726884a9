"""The chairs' balance view as a message: a sparkline per UTC day, daytime coverage per region,
clashes within a category, and the proposals missing a region with the best times to add."""

from __future__ import annotations

from collections import Counter

from bot.domain.balance import Balance, Clash, DayHours, RegionGap
from bot.domain.regions import REGIONS, Region
from bot.messages import Block, Inline, Item, Line, Message, Note, Strong, When, line, message, text

BARS = "▁▂▃▄▅▆▇█"
NONE = "·"
SHOWN_CLASHES = 10
SHOWN_GAPS = 15


def sparkline(counts: tuple[int, ...], busiest: int) -> str:
    """One character per hour: · for none, then eight heights scaled to the busiest hour."""
    marks = []
    for count in counts:
        if count == 0:
            marks.append(NONE)
        else:
            level = -(-count * len(BARS) // max(busiest, 1))  # rounded up: 1 is never blank
            marks.append(BARS[min(level, len(BARS)) - 1])
    return "".join(marks)


def balance_message(view: Balance) -> Message:
    blocks: list[Block] = [*_histogram(view.hours), _coverage(view), *_clashes(view.clashes)]
    blocks.extend(_gaps(view.gaps))
    accepted = sum(proposal.accepted for proposal, _ in view.reach)
    title = (
        f"Programme balance: {_count(len(view.reach), 'standing proposal')}, {accepted} accepted"
    )
    return message(title, *blocks)


def _histogram(hours: tuple[DayHours, ...]) -> list[Block]:
    busiest = max((max(day.counts) for day in hours), default=0)
    head = line(
        "Sessions per UTC hour (one mark per hour, 00 to 23; busiest hour: {n}):", n=str(busiest)
    )
    rows = [line(f"{day.day:%a %d %b}  {sparkline(day.counts, busiest)}") for day in hours]
    return [text(head), text(*rows)]


def _coverage(view: Balance) -> Block:
    cover = view.coverage
    if not cover.accepted:
        return text("Daytime coverage: no socials accepted yet.")
    parts = [
        f"{region.label} {cover.share(region):.0%} ({cover.reached[region]})"
        for region in REGIONS
        if cover.share(region) is not None
    ]
    return text(
        line(
            "Daytime coverage of {n} (08:00–22:00 at every offset of a region): {parts}",
            n=_count(cover.accepted, "accepted social"),
            parts=" · ".join(parts),
        )
    )


def _clashes(clashes: tuple[Clash, ...]) -> list[Block]:
    if not clashes:
        return [text("No two sessions of one category overlap.")]
    per = Counter(clash.category.label for clash in clashes)
    summary = ", ".join(f"{label} {count}" for label, count in per.most_common())
    blocks: list[Block] = [text(f"Overlaps within a category: {len(clashes)} pairs ({summary}).")]
    blocks.extend(_clash_item(clash) for clash in clashes[:SHOWN_CLASHES])
    if len(clashes) > SHOWN_CLASHES:
        blocks.append(Note((line(f"…and {len(clashes) - SHOWN_CLASHES} more pairs."),)))
    return blocks


def _clash_item(clash: Clash) -> Item:
    first, second = clash.first, clash.second
    return Item(
        (
            line(
                "{a} and {b} ({category})",
                a=Strong(first.proposal.title),
                b=Strong(second.proposal.title),
                category=clash.category.label,
            ),
            line(
                "{start} – {end} and {start2} – {end2}",
                start=When(first.slot.start, "short"),
                end=When(first.slot.end, "time"),
                start2=When(second.slot.start, "short"),
                end2=When(second.slot.end, "time"),
            ),
        )
    )


def _gaps(gaps: tuple[RegionGap, ...]) -> list[Block]:
    if not gaps:
        return [text("Every standing proposal reaches every region's daytime.")]
    blocks: list[Block] = [text(f"Missing a region: {_count(len(gaps), 'proposal')}.")]
    blocks.extend(_gap_item(gap) for gap in gaps[:SHOWN_GAPS])
    if len(gaps) > SHOWN_GAPS:
        blocks.append(Note((line(f"…and {len(gaps) - SHOWN_GAPS} more proposals."),)))
    return blocks


def _gap_item(gap: RegionGap) -> Item:
    proposal = gap.proposal
    state = "accepted" if proposal.accepted else "under review"
    reached = sorted(set(REGIONS) - gap.missing, key=REGIONS.index)
    lines: list[Line] = [
        line(
            "{title} ({state}) reaches {reached}; misses {missing}",
            title=Strong(proposal.title),
            state=state,
            reached=_names(reached) or "no region",
            missing=_names(sorted(gap.missing, key=REGIONS.index)),
        )
    ]
    if not gap.suggestions:
        lines.append(line("No free time in the conference window adds a missing region."))
    for option in gap.suggestions:
        parts: tuple[Inline, ...] = (
            "Another slot at ",
            When(option.slot.start, "short"),
            f": adds {_names(sorted(option.adds, key=REGIONS.index))}, "
            f"{_count(option.overlaps, 'other session')} at that time",
        )
        lines.append(parts)
    return Item(tuple(lines))


def _names(regions: list[Region]) -> str:
    return ", ".join(region.label for region in regions)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
