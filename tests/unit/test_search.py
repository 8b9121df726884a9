from __future__ import annotations

import pytest

from bot.domain.search import matches, search_text, words


def test_words_lose_case_accents_and_punctuation() -> None:
    assert words("Réseaux de NEURONES / RL, Gödel") == ["reseaux", "de", "neurones", "rl", "godel"]


def test_the_stored_form_keeps_each_word_once_between_spaces() -> None:
    assert search_text("RL / reinforcement learning", "rl") == " rl reinforcement learning "
    assert search_text("", "!!") == ""


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("reinforcement", True),
        ("Reinf", True),
        ("rl learning", True),
        ("einforcement", False),  # inside a word, not at its start
        ("rl vision", False),  # every word must match
        ("", True),
    ],
)
def test_each_query_word_must_start_a_stored_word(query: str, found: bool) -> None:
    assert matches(search_text("RL / reinforcement learning"), query) is found
