"""The bundled demo event and its people, so that Hallway can be tried with no setup."""

from __future__ import annotations

import tomllib
from dataclasses import replace
from datetime import date, timedelta
from importlib import resources

from bot.event import EventConfig, parse_event

DEMO_PERSON = "ada@demo.hallway.test"


def demo_event(today: date) -> EventConfig:
    """The demo event moved so that it starts tomorrow and submissions close today (AoE)."""
    base = parse_event(tomllib.loads(_read("demo.toml")))
    shift = (today + timedelta(days=1)) - base.first_day
    return replace(
        base,
        first_day=base.first_day + shift,
        last_day=base.last_day + shift,
        socials=replace(
            base.socials,
            deadline=base.socials.deadline + shift,
            notification=base.socials.notification + shift,
        ),
    )


def demo_participants_csv() -> str:
    return _read("participants.csv")


def _read(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
