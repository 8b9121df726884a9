from __future__ import annotations
import json
from bot.domain.participants import Role
from tests.adapters.slack.harness import SlackHarness

async def test_explore(hallway: SlackHarness) -> None:
    await hallway.person("UADA", "ada@example.org", "Ada Lovelace", Role.CHAIR, Role.CONDUCT, Role.MENTOR)
    for (name, verb), command in sorted(hallway.router.commands.items()):
        args = " ".join({"integer": "1", "rest": "x y", "choice": (o.choices or ("x",))[0]}.get(o.kind, "word") for o in command.options if o.required)
        turn = await hallway.command(f"/{name}", f"{verb} {args}".strip())
        print(name, verb, args, "->", [c.method for c in turn.calls], turn.text[:300] if turn.replies else turn.calls)
    print(hallway.fake.rejected)
