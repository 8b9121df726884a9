"""The open loop and the measuring shared by the Slack and Discord load benches.

Open loop: request i is sent at start + i / rate whatever happened to earlier ones, and every
latency is measured from that scheduled instant, so a stall in the app under test shows in full
in the figures (no coordinated omission). Times are `time.monotonic()` throughout, which the
fake platforms use too when they note what reached them.

The app under test runs in a process of its own, so its peak memory (VmHWM) is its alone.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import signal
import socket
import statistics
import sys
import time
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from tempfile import TemporaryDirectory
from typing import TypeVar

from sqlalchemy import and_, select

from bench.common import ROOT
from bench.load_data import Size, Targets, conference, seed
from bench.load_mix import Planned, plan
from storage import connect
from storage.migrate import upgrade
from storage.tables import mentoring_bookings, participants, rsvps, socials

T = TypeVar("T")
ACK_LIMIT = 3.0  # seconds: what Slack and Discord allow before the person sees a failure


@dataclass(frozen=True)
class LoadSettings:
    seconds: float
    rate: float

    @property
    def count(self) -> int:
        return max(1, round(self.seconds * self.rate))

    @classmethod
    def from_env(cls, seconds: float = 60.0, rate: float = 50.0) -> LoadSettings:
        return cls(
            float(os.environ.get("LOAD_SECONDS", seconds)), float(os.environ.get("LOAD_RPS", rate))
        )


async def open_loop(
    items: Sequence[T], rate: float, fire: Callable[[T, float], Awaitable[None]]
) -> float:
    """Fire each item at its scheduled instant (passed to `fire`), without waiting for earlier
    ones; returns once all have finished. The worst lateness of a send is returned, to show
    that the sender kept to its schedule."""
    start = time.monotonic() + 0.1
    tasks = []
    late = 0.0
    for number, item in enumerate(items):
        due = start + number / rate
        wait = due - time.monotonic()
        if wait > 0:
            await asyncio.sleep(wait)
        late = max(late, time.monotonic() - due)
        tasks.append(asyncio.create_task(fire(item, due)))
    await asyncio.gather(*tasks)
    return late


def percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))] if ordered else float("nan")


def describe(values: Sequence[float]) -> str:
    if not values:
        return "none"
    p50, p99 = statistics.median(values), percentile(values, 0.99)
    return (
        f"p50 {p50 * 1000:7.1f} ms  p99 {p99 * 1000:7.1f} ms  max {max(values) * 1000:7.1f} ms"
        f"  (n={len(values)})"
    )


@dataclass
class Tally:
    """What happened to the requests of one run."""

    sent: int = 0
    acks: list[float] = field(default_factory=list)  # seconds from scheduled send to the ack
    answers: list[float] = field(default_factory=list)  # seconds to the follow-up's arrival
    errors: list[str] = field(default_factory=list)

    @property
    def late_acks(self) -> int:
        return sum(1 for ack in self.acks if ack >= ACK_LIMIT)

    def error(self, text: str) -> None:
        self.errors.append(text)

    def report(self, name: str, peak_kib: int, late_send: float) -> list[str]:
        lines = [
            f"{name}: sent {self.sent}, acked {len(self.acks)}, acked under 3 s "
            f"{len(self.acks) - self.late_acks}, answered {len(self.answers)}, "
            f"errors {len(self.errors)}, peak RSS {peak_kib / 1024:.0f} MiB",
            f"  ack     {describe(self.acks)}",
            f"  answer  {describe(self.answers)}",
            f"  (sender at most {late_send * 1000:.1f} ms behind its schedule)",
        ]
        kinds = Counter(_error_kind(text) for text in self.errors)
        lines += [f"  errors: {count} × {kind}" for kind, count in kinds.most_common()]
        lines += [f"  e.g. {text}" for text in self.errors[:3]]
        return lines


def _error_kind(text: str) -> str:
    """An error without what varies (the request, its number, seconds): for counting."""
    if text.startswith("app log: "):
        return "app log: " + re.sub(r"^[\d:,\- ]+", "", text[9:])[:100]
    what = text.split(": ", 1)[1] if ": " in text else text
    return re.sub(r"\d+(\.\d+)?", "N", what)[:100]


@dataclass
class Outcome:
    """One app's run: what happened to its requests, its peak memory, and what it called."""

    name: str
    tally: Tally
    peak_kib: int
    late_send: float
    calls: dict[str, int]  # the app's calls to the fake platform, by method
    cpu_seconds: float = 0.0  # the app's CPU time during the load
    writes_checked: int = 0

    def report(self, label: str) -> list[str]:
        lines = self.tally.report(label, self.peak_kib, self.late_send)
        per_request = self.cpu_seconds / max(1, self.tally.sent) * 1000
        lines.insert(
            1, f"  CPU {self.cpu_seconds:.1f} s during the load ({per_request:.1f} ms per request)"
        )
        return lines


class LoadAverage:
    """The machine's 1-minute load average, sampled while a run goes (other work on the same
    CPUs slows both apps alike, and is recorded with the figures)."""

    def __init__(self) -> None:
        self.samples: list[float] = []
        self._task: asyncio.Task[None] | None = None

    async def __aenter__(self) -> LoadAverage:
        self._task = asyncio.create_task(self._sample())
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _sample(self) -> None:
        while True:
            self.samples.append(os.getloadavg()[0])
            await asyncio.sleep(5)

    def __str__(self) -> str:
        if not self.samples:
            return "load average n/a"
        return (
            f"load average (1 min) during the run: {min(self.samples):.2f}-"
            f"{max(self.samples):.2f} on {os.cpu_count()} CPUs"
        )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class Child:
    """A process under test: its id, and where its output went."""

    process: asyncio.subprocess.Process
    log: Path

    @property
    def pid(self) -> int:
        return self.process.pid

    def peak_kib(self) -> int:
        """Peak resident memory so far (VmHWM), in KiB."""
        for text in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if text.startswith("VmHWM:"):
                return int(text.split()[1])
        return 0

    def cpu_seconds(self) -> float:
        """CPU time it has used so far (user and system)."""
        fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def problems(self) -> list[str]:
        """Lines of its log that report a failure (logged errors, tracebacks)."""
        shown = self.log.read_text(errors="replace").splitlines()
        return [
            text
            for text in shown
            if " ERROR " in text or " CRITICAL " in text or text.startswith("Traceback")
        ]


def app_args(args: Sequence[str], name: str) -> list[str]:
    """`args` for the app under test, under cProfile when LOAD_PROFILE names a folder (its
    stats then go to FOLDER/NAME.prof: see `bench.profiled`)."""
    folder = os.environ.get("LOAD_PROFILE")
    if not folder:
        return list(args)
    return ["-m", "bench.profiled", str(Path(folder) / f"{name}.prof"), *args]


@asynccontextmanager
async def child(args: Sequence[str], env: dict[str, str], log: Path) -> AsyncIterator[Child]:
    """`python ARGS…` in the project's folder with `env` added; stopped with SIGTERM at the
    end (SIGKILL if it lingers)."""
    with log.open("wb") as out:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            *args,
            cwd=ROOT,
            env={**os.environ, **env},
            stdin=asyncio.subprocess.DEVNULL,
            stdout=out,
            stderr=asyncio.subprocess.STDOUT,
        )
    try:
        yield Child(process, log)
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(process.wait(), 10)
            except TimeoutError:
                process.kill()
                await process.wait()


async def wait_for_port(port: int, proc: Child, seconds: float = 60) -> None:
    """Until something listens on `port` (the child's log is shown if it died first)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.process.returncode is not None:
            raise RuntimeError(
                f"the app exited ({proc.process.returncode}):\n{proc.log.read_text()}"
            )
        try:
            _reader, writer = await asyncio.open_connection("127.0.0.1", port)
        except OSError:
            await asyncio.sleep(0.1)
            continue
        writer.close()
        await writer.wait_closed()
        return
    raise RuntimeError(f"nothing listened on {port} within {seconds} s:\n{proc.log.read_text()}")


async def settle(done: Callable[[], bool], seconds: float) -> None:
    """Until `done()` or `seconds` have passed (answers still on their way after the last send)."""
    deadline = time.monotonic() + seconds
    while not done() and time.monotonic() < deadline:  # noqa: ASYNC110 - polls state elsewhere
        await asyncio.sleep(0.05)


async def stored_writes(db_path: Path, items: Sequence[Planned]) -> tuple[int, list[str]]:
    """Each RSVP, booking and approval the load made, looked up in the database: how many were
    looked up, and those missing."""
    database = connect(f"sqlite:///{db_path}")
    missing, checked = [], 0
    try:
        async with database.engine.connect() as connection:
            people = dict(
                (await connection.execute(select(participants.c.email, participants.c.id))).all()
            )
            for item in items:
                pid = people[f"person{item.person}@example.org"]
                query = {
                    "rsvp": select(rsvps.c.id).where(
                        and_(
                            rsvps.c.slot_id == item.target,
                            rsvps.c.participant_id == pid,
                            rsvps.c.cancelled_at.is_(None),
                        )
                    ),
                    "booking": select(mentoring_bookings.c.id).where(
                        and_(
                            mentoring_bookings.c.session_id == item.target,
                            mentoring_bookings.c.participant_id == pid,
                        )
                    ),
                    "approval": select(socials.c.id).where(
                        and_(socials.c.id == item.target, socials.c.decision == "accepted")
                    ),
                }.get(item.kind.writes)
                if query is None:
                    continue
                checked += 1
                if await connection.scalar(query) is None:
                    missing.append(f"{item.kind.name} #{item.index}: not stored")
    finally:
        await database.dispose()
    return checked, missing


# One app's run: (name, the planned requests, settings, the dataset's file, a scratch folder).
LoadOne = Callable[[str, Sequence[Planned], "LoadSettings", Path, Path], Awaitable["Outcome"]]


async def measure_apps(
    load_one: LoadOne,
    size: Size,
    settings: LoadSettings,
    names: Sequence[str],
    *,
    discord_accounts: bool = False,
) -> list[Outcome]:
    """Each app in `names` under the same load, one after the other, on a fresh dataset;
    Hallway's writes are then looked up in the database."""
    outcomes = []
    with TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        db_path = folder / "load.db"
        targets = await _dataset(db_path, size, discord_accounts)
        items = plan(targets, settings.count)
        for name in names:
            outcome = await load_one(name, items, settings, db_path, folder)
            if name == "hallway":
                outcome.writes_checked, missing = await stored_writes(db_path, items)
                outcome.tally.errors += missing
            outcomes.append(outcome)
    return outcomes


async def _dataset(db_path: Path, size: Size, discord_accounts: bool) -> Targets:
    database = connect(f"sqlite:///{db_path}")
    try:
        await upgrade(database)
        return await seed(await conference(database), size, discord_accounts=discord_accounts)
    finally:
        await database.dispose()
