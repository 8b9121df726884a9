"""Demo data: the people of the demo event (one chair, one mentor, a few participants) and a
few social proposals in different states."""

from __future__ import annotations

from bot.app import Hallway
from bot.demo import demo_participants_csv
from bot.demo.socials import seed_socials
from bot.services.participants import import_participants


async def seed_demo(hw: Hallway) -> None:
    """Idempotent: running it again changes nothing."""
    await import_participants(hw, demo_participants_csv())
    await seed_socials(hw)
