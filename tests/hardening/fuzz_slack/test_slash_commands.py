"""Fuzzed slash commands: any words after any command of Hallway's command table (taken from the
router, so a new command is fuzzed as soon as it is registered), typed by anyone, before the
deadline and during the conference. Each is answered, cleanly, and leaves whole records only."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.commands import build_router
from bot.commands.registry import Command, Option
from tests.hardening.fuzz_slack.checks import assert_answered_cleanly, half_written
from tests.hardening.fuzz_slack.strategies import fuzz_settings, ids, nasty_text, words
from tests.hardening.fuzz_slack.world import PEOPLE, Stage, fuzzed, populated_once

ROUTER = build_router()
COMMANDS = sorted(ROUTER.commands.values(), key=lambda command: (command.name, command.verb))
ALIASES = sorted(ROUTER.aliases)
MOMENTS = {
    "before the deadline": datetime(2021, 6, 11, 9, 0, tzinfo=UTC),
    "during the conference": datetime(2021, 7, 19, 10, 0, tzinfo=UTC),
}
PEOPLE_TYPED = ("UBOB", "ada@example.org", "nobody@example.org", "<@UBOB>", "U", "@ada")


def option_word(option: Option) -> st.SearchStrategy[str]:
    """A word for `option`: what it expects, sometimes, and anything at all otherwise."""
    expected: st.SearchStrategy[str] = {
        "integer": ids,
        "person": st.sampled_from(PEOPLE_TYPED),
        "choice": st.sampled_from(option.choices or ("x",)),
        "text": words,
        "rest": nasty_text,
    }[option.kind]
    return st.one_of(expected, nasty_text)


@st.composite
def typed_command(draw: st.DrawFn) -> tuple[str, str]:
    """`(name, text)`: a command with its verb (or an alias, or none), then options."""
    command: Command = draw(st.sampled_from(COMMANDS))
    lead: list[str] = []
    if ALIASES and draw(st.integers(0, 9)) == 0:
        name, word, verb = draw(st.sampled_from(ALIASES))
        command, lead = ROUTER.commands.get((name, verb), command), [word, verb]
    elif command.verb:
        lead = [draw(st.sampled_from([command.verb, command.verb.upper(), "help"]))]
    options = [draw(option_word(option)) for option in command.options]
    cut = draw(st.integers(0, len(options)))  # required ones sometimes left out
    extra = draw(st.lists(nasty_text, max_size=2))
    return command.name, " ".join([*lead, *options[:cut], *extra])


commands = st.one_of(
    typed_command(),
    st.tuples(st.sampled_from([*ROUTER.names(), "nope", "SOCIAL", "social2"]), nasty_text),
)


@pytest.mark.parametrize("moment", MOMENTS)
@fuzz_settings(examples=60, long_examples=600)
@given(typed=commands, user=st.sampled_from(PEOPLE))
async def test_any_words_after_any_command_are_answered_cleanly(
    stage: Stage, moment: str, typed: tuple[str, str], user: str
) -> None:
    hallway = stage.h
    await populated_once(hallway, then=MOMENTS[moment])
    name, text = typed
    turn, logged = await fuzzed(hallway, hallway.send.command(f"/{name}", text, user=user))
    assert turn.answer.status == 200
    assert turn.replies, [call.method for call in turn.calls]
    assert_answered_cleanly(hallway, turn, logged)
    assert await half_written(stage.database) == []
