"""Mention injection in every text field of every form, in words typed after commands and in
topics: after each, Hallway shows the words back everywhere they go — replies, DMs the
dispatcher delivers, the chairs' and conduct team's cards, listings, the App Home, rooms — and
nothing it sent Slack carries `<!channel>`, `<!here>`, a forged mention or a raw `&` or `<`."""

from __future__ import annotations

import pytest

from bot.commands import build_router
from tests.adapters.slack.answers import text_fields
from tests.adapters.slack.button_sources import DURING
from tests.adapters.slack.form_cases import CASES, mentor_ready
from tests.adapters.slack.harness import SlackHarness
from tests.adapters.slack.injection import INJECTION, unescaped
from tests.adapters.slack.scenes import (
    ADA,
    CAST,
    CHAIR,
    STRANGER,
    TEAM,
    TURING,
    cast,
    fill_in,
    no_apology,
)

ROUTER = build_router()
TEXTUAL = sorted(form_id for form_id in CASES if text_fields(ROUTER.get_form(form_id)))


@pytest.fixture(autouse=True)
async def people(hallway: SlackHarness) -> None:
    await cast(hallway)


async def show_everything(h: SlackHarness) -> None:
    """Deliver what was queued, run due work, and ask every view a person can ask for."""
    await h.deliver()
    await h.run_work()
    for user in (*CAST, STRANGER):
        for command, text in (
            ("/social", "mine"),
            ("/social", "list"),
            ("/mentoring", ""),
            ("/mentoring", "mine"),
            ("/programme", "today"),
        ):
            await h.command(command, text, user)
        home = {"type": "app_home_opened", "user": user, "tab": "home"}
        await h.send.event(home, f"Ev-{user}-{len(h.fake.calls)}")
    for text in ("chairs all", "balance"):
        await h.command("/social", text, CHAIR)
    for text in ("list all", "show 1"):
        await h.command("/conduct", text, TEAM)
    await h.settled()
    await h.deliver()


def members(h: SlackHarness) -> set[str]:
    return set(h.fake.users)


def assert_all_escaped(h: SlackHarness) -> None:
    sent = [call.args for call in h.fake.calls] + h.acks
    assert unescaped(sent, members(h)) == []
    escaped = "&lt;!channel&gt; &lt;!here&gt; &lt;@"
    assert escaped.lower() in "\n".join(call.text.lower() for call in h.fake.calls)


@pytest.mark.parametrize("form_id", TEXTUAL)
async def test_every_text_field_of_a_form_is_escaped_wherever_it_is_shown(
    hallway: SlackHarness, form_id: str
) -> None:
    case = CASES[form_id]
    form = hallway.router.get_form(form_id, hallway.hw.event)
    opened = await case.open(hallway)
    typed = {item.name: INJECTION for item in text_fields(form)}
    saved = await fill_in(hallway, opened, case.user, form_id, **{**case.given, **typed})
    assert case.saved in saved.reply.text
    await show_everything(hallway)
    assert_all_escaped(hallway)


async def test_a_topic_typed_after_mentor_now_is_escaped_in_the_announcement_and_room(
    hallway: SlackHarness,
) -> None:
    await mentor_ready(hallway)
    hallway.hw.clock.set(DURING)  # type: ignore[attr-defined]
    turn = await hallway.command("/mentor", f"now 30 {INJECTION}", TURING)
    no_apology(turn)
    await show_everything(hallway)
    assert hallway.fake.called("conversations.setTopic")
    assert_all_escaped(hallway)


@pytest.mark.parametrize(
    ("command", "text"),
    [
        ("/social", f"list {INJECTION}"),
        ("/social", f"chairs {INJECTION}"),
        ("/social", f"edit {INJECTION}"),
        ("/mentoring", INJECTION),
        ("/mentoring", f"book 1 {INJECTION}"),
        ("/programme", f"day {INJECTION}"),
        ("/conduct", f"list {INJECTION}"),
        ("/verify", f"{INJECTION} x"),
        ("/help", INJECTION),
    ],
)
async def test_words_typed_after_a_command_are_escaped_in_its_answer(
    hallway: SlackHarness, command: str, text: str
) -> None:
    for user in (ADA, CHAIR, TEAM, STRANGER):
        await hallway.command(command, text, user)
    sent = [call.args for call in hallway.fake.calls] + hallway.acks
    assert unescaped(sent, members(hallway)) == []
