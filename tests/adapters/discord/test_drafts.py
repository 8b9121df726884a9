"""Drafts are kept per person and form for fifteen minutes, no longer."""

from __future__ import annotations

from datetime import UTC

from adapters.discord.drafts import Draft, Drafts
from bot.forms import Field, Form

FORM = Form("f", "F", (Field("a", "A"),))


def test_a_draft_is_found_by_person_and_form_until_it_expires() -> None:
    now = [0.0]
    drafts = Drafts(clock=lambda: now[0])
    drafts.keep("u1", Draft(FORM, "", UTC, "UTC"))
    now[0] = 899.0
    assert drafts.get("u1", "f") is not None and drafts.get("u2", "f") is None
    now[0] = 900.0
    assert drafts.get("u1", "f") is None and len(drafts) == 0
