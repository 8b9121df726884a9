"""Round trip of user text through Slack: whatever a person types as a social's title,
description, tags and notes (Slack's markup, mentions of others, RTL and zero-width
characters, emoji, NUL) comes back in what Hallway posts — the chairs' card, the co-lead's
request, the proposer's listing, the App Home — escaped: no live mention, channel ping or link
that was not Hallway's own, and the words themselves still there."""

from __future__ import annotations

import re
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from adapters.slack.escape import escape
from bot.commands.social_forms import SUBMIT_FORM
from tests.adapters.slack.answers import state_for, valid_values
from tests.adapters.slack.harness import SlackHarness
from tests.adapters.slack.injection import NOT_PARSED, unescaped
from tests.adapters.slack.scenes import ADA, BOB, CHAIR
from tests.hardening.fuzz_slack.checks import assert_answered_cleanly, half_written
from tests.hardening.fuzz_slack.strategies import SLACK_MARKUP, fuzz_settings, short_nasty_text
from tests.hardening.fuzz_slack.test_view_submissions import later, opened
from tests.hardening.fuzz_slack.world import Stage, fuzzed

# Who Hallway itself names in these messages: the two leads. Mallory is a member named only in
# the typed text: a live `<@UMALLORY>` anywhere would be injected.
NAMED_BY_HALLWAY = {ADA, BOB}
marked_text = st.lists(st.one_of(short_nasty_text, st.sampled_from(SLACK_MARKUP)), max_size=6).map(
    "".join
)


@fuzz_settings(examples=30)
@given(title=marked_text, description=marked_text, notes=marked_text, tags=marked_text)
async def test_typed_text_comes_back_escaped_wherever_hallway_shows_it(
    stage: Stage, title: str, description: str, notes: str, tags: str
) -> None:
    h = stage.h
    view = await opened(h, SUBMIT_FORM.id)
    await withdraw_earlier(h)
    shown_title = " ".join(f"Social {title}".split())[:100]
    typed = {"title": shown_title, "description": f"About {description}", "notes": notes}
    values = later(h, {**valid_values(SUBMIT_FORM, slot3=None), **typed, "tags": tags})
    turn, logged = await fuzzed(h, h.send.submit(view, state_for(view, values), ADA))
    assert_answered_cleanly(h, turn, logged)
    if turn.answer.json["response_action"] == "errors":
        assert set(turn.answer.json["errors"]) <= {"tags"}  # too many, or too long, tags
        return
    assert "Social proposal saved" in turn.text, re.findall(r":warning: [^\"]*", turn.text)
    start = len(h.fake.calls)
    for user, command, text in ((ADA, "/social", "mine"), (CHAIR, "/social", "chairs")):
        shown, logged = await fuzzed(h, h.send.command(command, text, user=user))
        assert_answered_cleanly(h, shown, logged)
    sent = [call.args for call in h.fake.calls[start - len(turn.calls) :]]
    assert unescaped(sent, NAMED_BY_HALLWAY) == []
    parsed = list(strings(sent))
    assert not any("<@UMALLORY>" in text for text in parsed)
    # As stored: NUL left out (`Router.typed`), a title's spaces folded, a paragraph stripped.
    stored_title = " ".join(shown_title.replace("\x00", "").split())
    for words in (stored_title, f"About {description}".replace("\x00", "").strip()):
        beginning = escape(words[:20])
        assert any(beginning in text for text in parsed), beginning
    assert await half_written(stage.database) == []


async def withdraw_earlier(h: SlackHarness) -> None:
    """Ada's earlier proposals withdrawn, so that this example's times never clash with them."""
    async with h.hw.uow() as uow:
        earlier = await uow.socials.for_event(h.hw.event.id)
    for social in earlier:
        if social.withdrawn_at is None:
            withdrawn = await h.command("/social", f"withdraw {social.id}", ADA)
            assert "Social withdrawn" in withdrawn.text, withdrawn.text


def strings(value: Any) -> Any:
    """Every string Slack parses in `value` (input values and metadata are not parsed)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in NOT_PARSED:
                yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)
