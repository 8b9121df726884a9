"""Slash commands generated from the shared command table.

A name whose only verb is "" becomes a top-level command (`/whoami`); any other name becomes a
group with one subcommand per verb (`/social submit`, `/social list`). Options keep their kinds:
text and rest → string, integer → integer, person → a member of the server, choice → a string
with choices. Commands registered later in the core appear here without a change.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Awaitable, Callable
from typing import Any, Optional

import discord
from discord import app_commands

from adapters.discord.actions import AfterCommand, run_command
from bot.commands.registry import Command, Option, Router

log = logging.getLogger(__name__)

MAX_DESCRIPTION = 100
UNNAMED_VERB = "open"  # a bare verb inside a group needs a name on Discord
Autocomplete = Callable[[discord.Interaction[Any], str], Awaitable[list[app_commands.Choice[str]]]]
_KINDS: dict[str, Any] = {"integer": int, "person": discord.User}


def add_commands(
    tree: app_commands.CommandTree[Any],
    router: Router,
    guild: discord.abc.Snowflake,
    *,
    autocomplete: dict[tuple[str, str, str], Autocomplete] | None = None,
    after: dict[tuple[str, str], AfterCommand] | None = None,
) -> None:
    extras = Extras(autocomplete or {}, after or {})
    for name in router.names():
        verbs = router.verbs(name)
        if [command.verb for command in verbs] == [""]:
            tree.add_command(slash_command(verbs[0], verbs[0].name, extras), guild=guild)
        else:
            tree.add_command(group(name, verbs, extras), guild=guild)


class Extras:
    def __init__(
        self,
        autocomplete: dict[tuple[str, str, str], Autocomplete],
        after: dict[tuple[str, str], AfterCommand],
    ) -> None:
        self.autocomplete = autocomplete
        self.after = after


def group(name: str, verbs: list[Command], extras: Extras) -> app_commands.Group:
    default = next((command for command in verbs if command.default), verbs[0])
    made = app_commands.Group(name=name, description=_short(f"/{name}: {default.summary}"))
    for command in verbs:
        made.add_command(slash_command(command, command.verb or UNNAMED_VERB, extras))
    return made


def slash_command(
    command: Command, shown_name: str, extras: Extras
) -> app_commands.Command[Any, Any, None]:
    callback = _callback(command, extras)
    return app_commands.Command(
        name=shown_name,
        description=_short(command.summary),
        callback=callback,  # type: ignore[arg-type]  # its signature is built at run time
    )


def _callback(command: Command, extras: Extras) -> Callable[..., Awaitable[None]]:
    after = extras.after.get((command.name, command.verb))

    async def callback(interaction: discord.Interaction[Any], **given: Any) -> None:
        args = {key: _plain(value) for key, value in given.items() if value is not None}
        await run_command(interaction, command.name, command.verb, args, after)

    parameters = [
        inspect.Parameter(
            "interaction", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=discord.Interaction
        )
    ]
    parameters += [_parameter(option) for option in command.options]
    callback.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    callback.__name__ = callback.__qualname__ = (
        f"hallway_{command.name}_{command.verb or 'default'}"
    )
    described = {option.name: _short(option.description) for option in command.options}
    callback.__discord_app_commands_param_description__ = described  # type: ignore[attr-defined]
    choices = {
        o.name: [app_commands.Choice(name=c, value=c) for c in o.choices[:25]]
        for o in command.options
        if o.kind == "choice" and o.choices
    }
    callback.__discord_app_commands_param_choices__ = choices  # type: ignore[attr-defined]
    completing = {
        option.name: extras.autocomplete[(command.name, command.verb, option.name)]
        for option in command.options
        if (command.name, command.verb, option.name) in extras.autocomplete
    }
    callback.__discord_app_commands_param_autocomplete__ = completing  # type: ignore[attr-defined]
    return callback


def _parameter(option: Option) -> inspect.Parameter:
    kind = _KINDS.get(option.kind, str)
    return inspect.Parameter(
        option.name,
        inspect.Parameter.KEYWORD_ONLY,
        annotation=kind if option.required else Optional[kind],  # noqa: UP045 (read at runtime)
        default=inspect.Parameter.empty if option.required else None,
    )


def _plain(value: Any) -> Any:
    """A member arrives as an object; the core takes platform user ids."""
    if isinstance(value, discord.abc.User):
        return str(value.id)
    return value


def _short(text: str) -> str:
    text = " ".join(text.split()) or "…"
    return text if len(text) <= MAX_DESCRIPTION else text[: MAX_DESCRIPTION - 1] + "…"
