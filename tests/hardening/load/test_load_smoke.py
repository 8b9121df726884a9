"""The load benches in small: a few seconds of the same open-loop mix on a small conference,
against `hallway serve-slack` and `hallway serve-discord` in processes of their own. Every
request must be acknowledged and answered rightly, every RSVP, booking and approval stored,
nothing logged as an error. No timing is asserted here: the figures are the benches' job
(`python -m bench load_slack`, `python -m bench load_discord`)."""

from __future__ import annotations

from bench import bench_load_discord, bench_load_slack
from bench.load_common import LoadSettings, Outcome
from bench.load_data import Size
from bench.load_mix import KINDS

SMALL = Size(participants=300, socials=30, sessions=60)
BRIEF = LoadSettings(seconds=3, rate=20)  # 60 requests: every kind, then a weighted draw


def assert_all_answered(outcome: Outcome) -> None:
    tally = outcome.tally
    assert tally.errors == []
    assert tally.sent == BRIEF.count
    assert len(tally.acks) == len(tally.answers) == BRIEF.count
    assert outcome.writes_checked >= sum(1 for kind in KINDS if kind.writes)


async def test_slack_acks_and_answers_every_request_of_the_mix() -> None:
    [outcome] = await bench_load_slack.measure(SMALL, BRIEF, ("hallway",))
    assert_all_answered(outcome)
    assert outcome.calls["views.open"] >= 2  # the book and approve buttons opened their forms


async def test_discord_acknowledges_and_answers_every_interaction_of_the_mix() -> None:
    [outcome] = await bench_load_discord.measure(SMALL, BRIEF, ("hallway",))
    assert_all_answered(outcome)
