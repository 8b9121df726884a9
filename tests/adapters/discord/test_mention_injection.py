"""Mentions typed into every text field of every form never ping: they reach every message
Hallway then sends (answers, cards, direct messages, the team's channel) escaped, with
`allowed_mentions` naming only the people Hallway mentions itself, and events' descriptions
escaped too. (The `world` fixture checks every message sent; see `safety.problems`.)"""

from __future__ import annotations

import pytest

from bot.commands import build_router
from bot.forms import Field
from tests.adapters.discord.fake_discord import Call
from tests.adapters.discord.form_routes import WAYS, typed
from tests.adapters.discord.safety import LIVE, message_bodies, problems, texts
from tests.adapters.discord.world import World, text_of

ROUTER = build_router()
SNEAKY = "@everyone @here <@&880000000000000998> <@880000000000000999> **b** <#880000000000000997>"
SNEAKY_TAGS = "@everyone, @here, <@&880000000000000998>"


def injected(item: Field) -> str | None:
    if item.kind == "tags":
        return SNEAKY_TAGS
    if item.kind in ("text", "paragraph"):
        return SNEAKY[: item.max_length or len(SNEAKY)]
    return None


@pytest.mark.parametrize("form_id", sorted(WAYS))
async def test_mentions_typed_in_every_text_field_reach_no_message_live(
    world: World, form_id: str
) -> None:
    form, way = ROUTER.get_form(form_id), WAYS[form_id]
    who, card = await way.open(world)
    pages = [await typed(world, page) for page in way.pages]
    for number, page in enumerate(pages):
        for item in form.fields[number * 5 : number * 5 + 5]:
            if injected(item) is not None and item.name != "other":
                page[item.name] = injected(item)
    answer = await world.fill(who, card, pages)
    assert way.done.lower() in text_of(answer).lower(), text_of(answer)
    await world.deliver()
    await world.sync_calendar()
    shown = [text for _call, body in message_bodies(world.fake.calls) for text in texts(body)]
    assert any("@\u200beveryone" in text for text in shown) or form_id in QUIET, form_id
    for event in world.fake.scheduled_events.values():
        assert not LIVE.search(event.get("description", "") + " " + event["name"])


# Forms whose typed text no message shows back at once (a chair's message to the leads waits
# for the release; a booking's note is the mentor's; a session's topics go to its event).
QUIET = {
    "social.approve",
    "social.reject",
    "social.comment",
    "mentoring.book",
    "conduct.handle",
    "mentor.session",
}


def test_the_check_catches_a_live_mention_and_a_missing_allowed_mentions() -> None:
    live = Call("POST", "/channels/1/messages", {"embeds": [{"description": "hi @everyone"}]})
    live.body["allowed_mentions"] = {"parse": []}
    bare = Call("POST", "/webhooks/1/tok", {"content": "hello"})
    stray = Call(
        "POST",
        "/channels/1/messages",
        {"content": "<@5>", "allowed_mentions": {"parse": [], "users": ["6"]}},
    )
    assert len(problems([live, bare, stray])) == 3
