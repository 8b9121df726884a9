"""SEQUENCE and cancellations without help from the features: every entry a calendar served is
remembered with a fingerprint of its content. When the content differs at the next generation
the sequence goes up by one; when an entry is gone (a slot removed, a social withdrawn), it is
served again from what was remembered, as CANCELLED, so calendar apps remove it.

Pure: the entries of now and the versions remembered in, what to serve and what to store out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from bot.calendars.entries import Entry, Kind
from bot.timerules import Interval


@dataclass(frozen=True)
class Version:
    """The last content served under a UID, and its sequence."""

    uid: str
    subject: str
    fingerprint: str
    sequence: int
    changed_at: datetime
    snapshot: dict[str, Any]  # `Entry.content()`


@dataclass(frozen=True)
class Served:
    entry: Entry
    sequence: int
    changed_at: datetime  # DTSTAMP and LAST-MODIFIED: when this content was first served


def reconcile(
    current: Sequence[Entry], known: Mapping[str, Version], now: datetime
) -> tuple[list[Served], list[Version]]:
    """What to serve (every entry of now, and every UID served before that is gone, as
    cancelled) and the versions to store (new ones, and changed ones one sequence higher).
    An entry cancelled before it was ever served is left out: nobody has it to remove."""
    served: list[Served] = []
    writes: list[Version] = []
    for entry in current:
        old = known.get(entry.uid)
        if entry.cancelled and old is None:
            continue
        _serve(entry, old, now, served, writes)
    present = {entry.uid for entry in current}
    for uid, old in known.items():
        if uid not in present:
            _serve(replace(entry_from(old.snapshot), cancelled=True), old, now, served, writes)
    return served, writes


def next_version(entry: Entry, old: Version | None, now: datetime) -> Version:
    fingerprint = entry.fingerprint()
    if old is not None and old.fingerprint == fingerprint:
        return old
    sequence = 0 if old is None else old.sequence + 1
    return Version(entry.uid, entry.subject, fingerprint, sequence, now, entry.content())


def entry_from(snapshot: Mapping[str, Any]) -> Entry:
    """The entry a version remembers."""
    return Entry(
        uid=snapshot["uid"],
        subject=snapshot["subject"],
        kind=Kind(snapshot["kind"]),
        title=snapshot["title"],
        category=snapshot["category"],
        span=Interval(_instant(snapshot["start"]), _instant(snapshot["end"])),
        room=snapshot["room"],
        description=snapshot["description"],
        video_url=snapshot.get("video_url"),
        cancelled=bool(snapshot.get("cancelled")),
    )


def _serve(
    entry: Entry,
    old: Version | None,
    now: datetime,
    served: list[Served],
    writes: list[Version],
) -> None:
    version = next_version(entry, old, now)
    if version is not old:
        writes.append(version)
    served.append(Served(entry, version.sequence, version.changed_at))


def _instant(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))
