"""A router with the core's general commands and a test-only feature: a nine-field form that
needs two modals, a chair's button and a command that echoes user text."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.app import Hallway
from bot.commands import general
from bot.commands.registry import Command, Option, Router
from bot.domain.participants import Role
from bot.errors import InvalidInput
from bot.forms import Choice, Field, Form, Raw, parse_form
from bot.interaction import Actor, Outcome, Reply, ShowForm
from bot.messages import Actions, Button, Person, line, message

SURVEY = Form(
    "survey",
    "Tell us about it",
    (
        Field("title", "Title", max_length=20),
        Field("about", "About", "paragraph"),
        Field("start", "Start", "datetime"),
        Field("link", "Video link", "url", required=False),
        Field("tags", "Tags", "tags", max_items=2, required=False),
        Field("kind", "Kind", "choice", options=(Choice("talk", "Talk"), Choice("game", "Game"))),
        Field("people", "Co-lead", "people", max_items=1, required=False),
        Field("count", "How many", "integer", min_value=1, max_value=5),
        Field("agree", "I follow the code of conduct", "confirm"),
    ),
)


class Recorder:
    def __init__(self) -> None:
        self.saved: list[dict[str, Any]] = []
        self.pressed: list[tuple[str, str]] = []


def build_test_router(recorder: Recorder) -> Router:
    router = Router()
    general.register(router)

    async def fill(hw: Hallway, actor: Actor, args: Mapping[str, Any]) -> Outcome:
        return ShowForm(SURVEY, {"title": str(args.get("title", ""))}, context="ctx-1")

    async def submit(hw: Hallway, actor: Actor, raw: Mapping[str, Raw], context: str) -> Outcome:
        values = parse_form(SURVEY, raw, actor.tz)
        if values["title"] == "crash":
            raise RuntimeError("a bug in a form handler")
        if values["title"] == "taken":
            raise InvalidInput.at("title", "That title is taken; choose another.")
        recorder.saved.append({**values, "context": context})
        return Reply(message("Saved", line("Thanks, {who}.", who=actor.name)))

    async def approve(hw: Hallway, actor: Actor, value: str) -> Outcome:
        actor.require_role(Role.CHAIR, hw.event.name, "approve surveys")
        recorder.pressed.append((actor.user_id, value))
        return Reply(message(f"Approved {value}"))

    async def card(hw: Hallway, actor: Actor, args: Mapping[str, Any]) -> Outcome:
        buttons = (Button("Approve", "survey.approve", str(args["number"]), "primary"),)
        return Reply(message("A card", Actions(buttons)))

    async def echo(hw: Hallway, actor: Actor, args: Mapping[str, Any]) -> Outcome:
        said = str(args["words"])
        mention = (
            (Person(actor.participant.id, actor.participant.name),) if actor.participant else ()
        )
        return Reply(message("Echo", (said,), (*mention,) or ("nobody",)))

    router.command(
        Command(
            "survey",
            "fill",
            "Fill in a survey.",
            fill,
            (Option("title", "A title to start with"),),
            default=True,
        )
    )
    router.command(
        Command(
            "survey",
            "card",
            "Post a card.",
            card,
            (Option("number", "Its number", "integer", required=True),),
        )
    )
    router.command(
        Command(
            "survey",
            "echo",
            "Say it back.",
            echo,
            (Option("words", "What to say", "rest", required=True),),
        )
    )
    router.command(
        Command(
            "survey",
            "pick",
            "Pick one.",
            card,
            (
                Option("number", "n", "integer", required=True),
                Option("colour", "c", "choice", choices=("red", "blue")),
                Option("who", "w", "person"),
            ),
        )
    )
    router.form(SURVEY, submit)
    router.action("survey.approve", approve)
    return router
