from __future__ import annotations
from tests.adapters.slack.harness import SlackHarness
from tests.adapters.slack.scenes import cast, confirmed, decide, card, press, fill_in, CHAIR

async def test_explore(hallway: SlackHarness) -> None:
    await cast(hallway)
    proposed = await confirmed(hallway)
    opened = await press(hallway, card(hallway, proposed.id), "social.approve")
    print([c.method for c in opened.calls], opened.view["blocks"])
    turn = await fill_in(hallway, opened, CHAIR, "social.approve", message="Lovely", release_now=False)
    print(turn.answer, [ (c.method, c.text[:400]) for c in turn.calls])
