"""`hallway run` as a real process against the fake Slack: started, killed with SIGKILL,
started again on the same database. What the kill tests and `bench kill_9` drive."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp

from tests.e2e.test_cli import ROOT

SECRET = "kill-nine-signing-secret"
READY_WITHIN = 60.0  # seconds: two CPUs shared with other work start Python slowly


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class HallwayProcess:
    """One `hallway run` at a time on `database_url`; each start writes its own log."""

    database_url: str
    event_file: Path
    slack_api_url: str
    logs: Path
    port: int = field(default_factory=free_port)
    process: asyncio.subprocess.Process | None = None
    starts: int = 0
    kills: int = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def alive(self) -> bool:
        return self.process is not None and self.process.returncode is None

    def environ(self) -> dict[str, str]:
        return {
            "PATH": os.environ.get("PATH", ""),
            "PYTHONPATH": str(ROOT),
            "DATABASE_URL": self.database_url,
            "HALLWAY_EVENT_FILE": str(self.event_file),
            "SLACK_BOT_TOKEN": "xoxb-kill-nine",
            "SLACK_SIGNING_SECRET": SECRET,
            "SLACK_API_URL": self.slack_api_url,
            "HOST": "127.0.0.1",
            "PORT": str(self.port),
            # Pacing is not under test here: let the fan-out go as fast as the fake takes it.
            "SLACK_MESSAGES_PER_SECOND": "500",
            "SLACK_CHANNEL_MESSAGES_PER_SECOND": "200",
        }

    async def start(self) -> float:
        """Start and wait until Slack's endpoint answers; seconds that took."""
        assert not self.alive, "one process at a time"
        self.starts += 1
        started = time.monotonic()
        log = (self.logs / f"run{self.starts}.log").open("w")
        self.process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            "run",
            cwd=self.logs,
            env=self.environ(),
            stdout=log,
            stderr=log,
        )
        log.close()
        await self._until_ready()
        return time.monotonic() - started

    async def kill(self) -> None:
        """SIGKILL: no handler runs, no transaction ends cleanly, nothing is flushed."""
        if self.alive:
            assert self.process is not None
            self.process.send_signal(signal.SIGKILL)
            await self.process.wait()
            self.kills += 1

    async def stop(self) -> None:
        if self.alive:
            assert self.process is not None
            self.process.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(self.process.wait(), 15)
            except TimeoutError:
                await self.kill()

    def log_tail(self, chars: int = 4000) -> str:
        parts = []
        for number in range(1, self.starts + 1):
            text = (self.logs / f"run{number}.log").read_text(errors="replace")
            parts.append(f"--- run{number}.log ---\n{text[-chars:]}")
        return "\n".join(parts)

    async def _until_ready(self) -> None:
        deadline = time.monotonic() + READY_WITHIN
        async with aiohttp.ClientSession() as session:
            while time.monotonic() < deadline:
                if not self.alive:
                    raise AssertionError(f"hallway run exited early\n{self.log_tail()}")
                try:
                    async with session.get(f"{self.url}/healthz") as answer:
                        if answer.status == 200:
                            return
                except aiohttp.ClientError:
                    pass
                await asyncio.sleep(0.05)
        raise AssertionError(f"hallway run not ready in {READY_WITHIN} s\n{self.log_tail()}")
