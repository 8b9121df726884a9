"""`hallway scheduler`, delivering to the fake platform: what the real-process tests run.

    python -m tests.e2e.scheduler_driver PLATFORM_URL [--rate R] [--lease S]

It goes through the same entry point as `hallway scheduler` (`bootstrap.run_scheduler`: the
leader lock, APScheduler, the senders), with the loopback messenger in place of Slack's.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
from dataclasses import replace
from datetime import timedelta

from bot import bootstrap
from bot.config import load_settings
from bot.delivery.attempts import SendPolicy
from bot.delivery.pacing import Pacer, PacingRules, Rate
from tests.fake_platform import LoopbackMessenger


async def main(args: argparse.Namespace) -> None:
    runtime = await bootstrap.start(load_settings(os.environ, None))
    hw = replace(runtime.hw, platforms=("loopback",))
    messenger = LoopbackMessenger(args.platform_url, timeout=args.lease / 2)
    policy = SendPolicy(lease=timedelta(seconds=args.lease), send_timeout=args.lease / 2)
    pacers = {"loopback": Pacer(PacingRules(overall=Rate(args.rate, burst=10)))}
    try:
        await bootstrap.run_scheduler(
            runtime, {"loopback": messenger}, hw=hw, policy=policy, pacers=pacers, check_seconds=0.5
        )
    finally:
        await messenger.close()
        await runtime.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("platform_url")
    parser.add_argument("--rate", type=float, default=200.0)
    parser.add_argument("--lease", type=float, default=2.0)
    logging.basicConfig(level=logging.INFO, format="%(created).3f %(name)s: %(message)s")
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    asyncio.run(main(parser.parse_args()))
