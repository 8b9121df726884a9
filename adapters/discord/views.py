"""Buttons as discord.py views. Every button is a `DynamicItem` matched by its custom id, so
the same class answers it before and after a restart; a view is only the way to send them."""

from __future__ import annotations

from typing import Any

import discord

from adapters.discord.context import context_of
from adapters.discord.custom_ids import ACTION_PATTERN, FORM_PATTERN, form_id

_STYLES = {
    1: discord.ButtonStyle.primary,
    2: discord.ButtonStyle.secondary,
    4: discord.ButtonStyle.danger,
}


class ActionButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=ACTION_PATTERN):
    """A button of the shared action table (`social.approve:42`) → `router.press`."""

    def __init__(self, custom_id: str, label: str = "…", style: int = 2) -> None:
        button: discord.ui.Button[Any] = discord.ui.Button(
            custom_id=custom_id,
            label=label,
            style=_STYLES.get(style, discord.ButtonStyle.secondary),
        )
        super().__init__(button)

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: Any
    ) -> ActionButton:
        return cls(match.string)

    async def interaction_check(self, interaction: discord.Interaction[Any]) -> bool:
        return await from_our_server(interaction)

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        from adapters.discord.actions import press

        match = self.template.fullmatch(self.item.custom_id or "")
        assert match is not None
        await press(interaction, match["action"], match["value"])


class FormButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=FORM_PATTERN):
    """Open (or continue) a form from the draft kept for whoever presses it."""

    def __init__(self, step: str, form: str, label: str = "Open the form") -> None:
        button: discord.ui.Button[Any] = discord.ui.Button(
            custom_id=form_id(step, form), label=label, style=discord.ButtonStyle.primary
        )
        super().__init__(button)
        self.form = form

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction[Any], item: discord.ui.Item[Any], match: Any
    ) -> FormButton:
        return cls(match["step"], match["form_id"])

    async def interaction_check(self, interaction: discord.Interaction[Any]) -> bool:
        return await from_our_server(interaction)

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        from adapters.discord.forms import open_form

        await open_form(interaction, self.form)


async def from_our_server(interaction: discord.Interaction[Any]) -> bool:
    """A button pressed in another server (a copy of a Hallway message) is refused, answered."""
    from adapters.discord.replies import ELSEWHERE, send

    if context_of(interaction).elsewhere(interaction):
        await send(interaction, ELSEWHERE)
        return False
    return True


def button_view(rows: list[dict[str, Any]]) -> discord.ui.View | None:
    """A view of the rendered action rows, or None when there are no buttons."""
    if not rows:
        return None
    view = discord.ui.View(timeout=None)
    for number, row in enumerate(rows):
        for spec in row["components"]:
            item = ActionButton(spec["custom_id"], spec["label"], spec["style"])
            item.item.row = number
            view.add_item(item)
    return sent_only(view)


def form_view(step: str, form: str, label: str) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    view.add_item(FormButton(step, form, label))
    return sent_only(view)


def sent_only(view: discord.ui.View) -> discord.ui.View:
    """Stopped before sending: its components are sent, but the view is not kept in the
    client's store (one per reply would grow for ever); the dynamic items answer presses."""
    view.stop()
    return view
