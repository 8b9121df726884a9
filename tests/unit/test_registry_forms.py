"""The command table's forms: one event's own version of a form, for checking its answers."""

from __future__ import annotations

from bot.commands import build_router
from bot.commands.mentoring_forms import session_form
from bot.event import load_event_file
from tests.conftest import ICML


def test_a_form_is_given_as_the_event_shows_it() -> None:
    event = load_event_file(ICML)
    seats = build_router().get_form("mentor.session", event).field("capacity")
    assert seats.max_value == event.mentoring.max_capacity == 20


def test_without_an_event_the_registered_form_is_given() -> None:
    registered = build_router().get_form("mentor.session")
    assert registered.field("capacity").max_value == session_form().field("capacity").max_value


def test_a_form_with_no_event_version_is_the_same_for_every_event() -> None:
    router = build_router()
    assert (
        router.get_form("social.submit", load_event_file(ICML)) is router.forms["social.submit"][0]
    )
