"""The table of what people can type, press and submit, shared by every platform.

Slack and the console parse `/social list tomorrow` with `Router.run_text`; Discord declares
the same commands as slash commands with options and calls `Router.run`. Buttons come back
through `press`, forms through `submit`. Each handler calls one use case and shapes its answer.
"""

from __future__ import annotations

import shlex
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from bot.app import Hallway
from bot.errors import InvalidInput, NotFound
from bot.event import EventConfig
from bot.forms import Form, Raw
from bot.interaction import Actor, Outcome, Reply
from bot.messages import Item, Message, line, message, text

OptionKind = Literal["text", "integer", "person", "choice", "rest"]

CommandHandler = Callable[[Hallway, Actor, Mapping[str, Any]], Awaitable[Outcome]]
ActionHandler = Callable[[Hallway, Actor, str], Awaitable[Outcome]]
FormHandler = Callable[[Hallway, Actor, Mapping[str, Raw], str], Awaitable[Outcome]]
FormForEvent = Callable[[EventConfig], Form]


@dataclass(frozen=True)
class Option:
    name: str
    description: str
    kind: OptionKind = "text"
    required: bool = False
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class Command:
    name: str  # "social"
    verb: str  # "list"
    summary: str
    handler: CommandHandler
    options: tuple[Option, ...] = ()
    default: bool = False  # the bare `/social` runs this verb

    @property
    def usage(self) -> str:
        words = [f"/{self.name}", self.verb] if self.verb else [f"/{self.name}"]
        for option in self.options:
            shown = f"{option.name}…" if option.kind == "rest" else option.name
            words.append(f"<{shown}>" if option.required else f"[{shown}]")
        return " ".join(words)


class Router:
    def __init__(self) -> None:
        self.commands: dict[tuple[str, str], Command] = {}
        self.actions: dict[str, ActionHandler] = {}
        self.forms: dict[str, tuple[Form, FormHandler]] = {}
        self._for_event: dict[str, FormForEvent] = {}
        self.aliases: set[tuple[str, str, str]] = set()

    # --- registration ---

    def command(self, command: Command) -> None:
        key = (command.name, command.verb)
        if key in self.commands:
            raise ValueError(f"/{command.name} {command.verb} registered twice")
        self.commands[key] = command

    def alias(self, name: str, word: str, verb: str) -> None:
        """Typed `/name word verb …` runs `/name verb …` (e.g. `/social chairs stats`), taking
        precedence over the verb `word`; platforms with subcommands use `/name verb`."""
        self.aliases.add((name, word, verb))

    def action(self, name: str, handler: ActionHandler) -> None:
        if name in self.actions:
            raise ValueError(f"action {name} registered twice")
        self.actions[name] = handler

    def form(
        self, form: Form, handler: FormHandler, *, for_event: FormForEvent | None = None
    ) -> None:
        """`for_event`: the form as one event shows it (its own limits), when that differs."""
        if form.id in self.forms:
            raise ValueError(f"form {form.id} registered twice")
        self.forms[form.id] = (form, handler)
        if for_event is not None:
            self._for_event[form.id] = for_event

    # --- lookup ---

    def names(self) -> list[str]:
        return sorted({name for name, _ in self.commands})

    def verbs(self, name: str) -> list[Command]:
        return [command for (owner, _), command in self.commands.items() if owner == name]

    def get_form(self, form_id: str, event: EventConfig | None = None) -> Form:
        """The form as `event` shows it, so answers can be checked against the same limits."""
        if form_id not in self.forms:
            raise NotFound(f"There is no form called {form_id}.")
        shown = self._for_event.get(form_id)
        return shown(event) if shown is not None and event is not None else self.forms[form_id][0]

    # --- dispatch ---

    async def run_text(self, hw: Hallway, actor: Actor, name: str, text_: str) -> Outcome:
        """A typed command: `/social list tomorrow` arrives as ("social", "list tomorrow")."""
        text_ = typed(text_)
        words = text_.strip().split(maxsplit=1)
        first = words[0].lower() if words else ""
        if name == "help":
            return Reply(self.help(first))
        if first == "help":
            return Reply(self.help(name))
        aliased = self._aliased(name, text_)
        if aliased is not None:
            command, rest = aliased
            return await command.handler(hw, actor, parse_options(command, rest))
        if (name, first) in self.commands:
            command, rest = self.commands[(name, first)], words[1] if len(words) > 1 else ""
        else:
            command, rest = self._default(name), text_.strip()
        return await command.handler(hw, actor, parse_options(command, rest))

    async def run(
        self, hw: Hallway, actor: Actor, name: str, verb: str, args: Mapping[str, Any]
    ) -> Outcome:
        """A structured command (Discord's options arrive already typed)."""
        command = self.commands.get((name, verb))
        if command is None:
            raise NotFound(f"/{name} {verb} is not a command. Try /{name} help.")
        options = {key: typed(value) for key, value in args.items()}
        return await command.handler(hw, actor, typed_options(command, options))

    async def press(self, hw: Hallway, actor: Actor, action: str, value: str) -> Outcome:
        handler = self.actions.get(action)
        if handler is None:
            raise NotFound("That button no longer does anything.")
        return await handler(hw, actor, typed(value))

    async def submit(
        self, hw: Hallway, actor: Actor, form_id: str, values: Mapping[str, Raw], context: str
    ) -> Outcome:
        """Raises `InvalidInput` with messages per field when the answers are wrong."""
        if form_id not in self.forms:
            raise NotFound("That form is no longer in use; please start again.")
        _form, handler = self.forms[form_id]
        answers = {name: typed(value) for name, value in values.items()}
        return await handler(hw, actor, answers, typed(context))

    def help(self, name: str = "") -> Message:
        names = (
            [name] if name and any(owner == name for owner, _ in self.commands) else self.names()
        )
        items = []
        for command_name in names:
            for command in self.verbs(command_name):
                items.append(Item((line("{usage}", usage=command.usage), (command.summary,))))
        title = f"/{name} — what you can do" if len(names) == 1 else "Hallway — what you can do"
        return message(title, *items, text("Add “help” after a command to see its verbs."))

    def _aliased(self, name: str, text_: str) -> tuple[Command, str] | None:
        words = text_.strip().split(maxsplit=2)
        if len(words) < 2 or (name, words[0].lower(), words[1].lower()) not in self.aliases:
            return None
        command = self.commands.get((name, words[1].lower()))
        return (command, words[2] if len(words) > 2 else "") if command else None

    def _default(self, name: str) -> Command:
        for command in self.verbs(name):
            if command.default:
                return command
        raise NotFound(f"/{name} needs a verb. Try /{name} help.")


def typed(value: Any) -> Any:
    """What a person typed, without NUL characters: PostgreSQL text cannot hold them (the
    whole write fails), no one means to type one, and every platform lets one through."""
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, list | tuple):
        return [typed(item) for item in value]
    return value


def parse_options(command: Command, text_: str) -> dict[str, Any]:
    """Positional words into options; a `rest` option takes everything that is left."""
    try:
        words = shlex.split(text_)
    except ValueError:
        words = text_.split()
    args: dict[str, Any] = {}
    for index, option in enumerate(command.options):
        if option.kind == "rest":
            remaining = words[index:]
            if remaining:
                args[option.name] = " ".join(remaining)
            break
        if index >= len(words):
            break
        args[option.name] = _option_value(option, words[index])
    else:
        if len(words) > len(command.options):
            raise InvalidInput.at("text", f"Too many words. Usage: {command.usage}")
    for option in command.options:
        if option.required and option.name not in args:
            raise InvalidInput.at(option.name, f"{option.name} is missing. Usage: {command.usage}")
    return args


def typed_options(command: Command, args: Mapping[str, Any]) -> dict[str, Any]:
    """Structured options checked as typed words are: a platform's payload can be stale (its
    copy of the commands not yet synced) or forged, so a kind is never taken on trust."""
    typed = dict(args)
    for option in command.options:
        value = args.get(option.name)
        if value is None:
            typed.pop(option.name, None)
            if option.required:
                raise InvalidInput.at(
                    option.name, f"{option.name} is missing. Usage: {command.usage}"
                )
        elif option.kind == "integer" and type(value) is int:
            typed[option.name] = _in_range(option, value)
        else:
            typed[option.name] = _option_value(option, str(value))
    return typed


# Ids and counts are 32-bit in the database; a larger number can only be a mistake.
MAX_INTEGER = 2**31 - 1


def _option_value(option: Option, word: str) -> Any:
    if option.kind == "integer":
        try:
            return _in_range(option, int(word))
        except ValueError:
            raise InvalidInput.at(option.name, f"{option.name} must be a whole number.") from None
    if option.kind == "choice" and option.choices and word.lower() not in option.choices:
        allowed = ", ".join(option.choices)
        raise InvalidInput.at(option.name, f"{option.name} must be one of: {allowed}.")
    return word.lower() if option.kind == "choice" else word


def _in_range(option: Option, value: int) -> int:
    if abs(value) > MAX_INTEGER:
        raise InvalidInput.at(option.name, f"{option.name} is too large a number.")
    return value
