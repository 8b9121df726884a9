"""A test-only feature with a form using every field kind, registered on a test router the way
feature modules register theirs, so the Slack adapter is exercised before socials land."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from bot.app import Hallway
from bot.commands import general
from bot.commands.registry import Command, Router
from bot.errors import InvalidInput
from bot.forms import Choice, Field, Form, Raw, parse_form
from bot.interaction import Actor, Outcome, Reply, ShowForm
from bot.messages import Button, Item, Link, Person, Strong, When, line, message

CATEGORIES = (
    Choice("research", "Research topics"),
    Choice("affinity", "Affinity group"),
    Choice("other", "Other"),
)
MEETUP = Form(
    "test.meetup",
    "Plan a meetup",
    (
        Field("title", "Title", max_length=40),
        Field("description", "Description", "paragraph", required=False, max_length=500),
        Field("category", "Category", "choice", options=CATEGORIES),
        Field("topics", "Topics", "choices", required=False, options=CATEGORIES),
        Field("tags", "Tags", "tags", required=False, max_items=3),
        Field("coleads", "Co-leads", "people", max_items=2),
        Field("start", "Start", "datetime"),
        Field("second", "Second slot", "datetime", required=False, suggest_after=("start", 720)),
        Field("capacity", "Capacity", "integer", min_value=1, max_value=20),
        Field("video", "Video link", "url", required=False),
        Field("conduct", "I follow the code of conduct", "confirm"),
    ),
    intro="Tell us about your meetup.",
)
PREFILLED_START = datetime(2021, 7, 19, 6, 0, tzinfo=UTC)


async def show_meetup_form(hw: Hallway, actor: Actor, args: Mapping[str, Any]) -> Outcome:
    actor.registered(hw.event.name)
    return ShowForm(MEETUP, {"title": "Prefilled", "start": PREFILLED_START}, context="ctx-7")


async def submit_meetup(hw: Hallway, actor: Actor, raw: Mapping[str, Raw], context: str) -> Outcome:
    person = actor.registered(hw.event.name)
    values = parse_form(MEETUP, raw, actor.tz)
    if values["title"].lower() == "clash":
        raise InvalidInput.at("start", "That start overlaps your other meetup.")
    async with hw.uow() as uow:
        coleads = [
            await uow.participants.by_account(hw.event.id, actor.platform, user_id)
            for user_id in values["coleads"]
        ]
    if any(colead is None for colead in coleads):
        raise InvalidInput.at("coleads", "Every co-lead must be registered.")
    first = coleads[0]
    assert first is not None
    return Reply(
        message(
            values["title"],
            line(
                "{title} ({context}) starts {start}.",
                title=Strong(values["title"]),
                context=context,
                start=When(values["start"]),
            ),
            line(
                "Led by {me} with {colead}.",
                me=Person(person.id, person.name),
                colead=Person(first.id, first.name),
            ),
            line(
                "Video: {video}",
                video=Link(values["video"] or "https://example.org", values["title"]),
            ),
            Item(
                (line("Typed: {t}", t=values["title"]),),
                (Button("Echo", "test.echo", values["title"]),),
            ),
        )
    )


async def echo(hw: Hallway, actor: Actor, value: str) -> Outcome:
    return Reply(message(None, line("Echo: {value}", value=value)))


async def open_meetup(hw: Hallway, actor: Actor, value: str) -> Outcome:
    return ShowForm(MEETUP, {"title": value}, context=value)


async def crash(hw: Hallway, actor: Actor, value: str) -> Outcome:
    raise RuntimeError("a bug in a handler")


def sample_router() -> Router:
    router = Router()
    general.register(router)
    router.command(Command("meetup", "", "Plan a meetup.", show_meetup_form, default=True))
    router.form(MEETUP, submit_meetup)
    router.action("test.echo", echo)
    router.action("test.form", open_meetup)
    router.action("test.crash", crash)
    return router
