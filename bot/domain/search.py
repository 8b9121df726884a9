"""Forgiving search: words compared without case or accents, each typed word a prefix.

Documents are stored as their normalised words between spaces (" rl reinforcement learning "),
so a typed word `w` matches where the stored text contains " w" — one LIKE per word, which a
database runs on thousands of rows in a few milliseconds.
"""

from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"[0-9a-z]+")


def words(text: str) -> list[str]:
    """Lowercase ASCII words: "Réseaux de neurones / RL" -> ["reseaux", "de", "neurones", "rl"]."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _WORD.findall(plain)


def search_text(*texts: str) -> str:
    """The stored form: distinct words, space-delimited on both sides."""
    found = dict.fromkeys(word for text in texts for word in words(text))
    return f" {' '.join(found)} " if found else ""


def matches(document: str, query: str) -> bool:
    """Every query word starts some word of the document (the rule the database applies)."""
    return all(f" {word}" in document for word in words(query))
