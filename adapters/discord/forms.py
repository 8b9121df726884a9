"""Forms on Discord: modals of at most five fields, chained when a form has more.

Discord lets a modal be only the *first* answer to an interaction, and Hallway defers before
touching the database, so a form arrives as an ephemeral card with an "Open the form" button;
the button answers from the in-memory draft at once with the first page. A page that is not the
last is checked and kept, then a "Continue" button opens the next. The last page submits
everything to the core. A problem (found on a page or by the core) is shown per field with a
"Fix the form" button that reopens the page concerned, filled with what was typed.
"""

from __future__ import annotations

import logging
import re
from typing import Any

import discord

from adapters.discord.context import context_of
from adapters.discord.drafts import Draft
from adapters.discord.modal_fields import answers_for, component_for, problems, submitted
from adapters.discord.replies import (
    actor_for,
    answering_errors,
    deferred,
    field_problems,
    send,
)
from adapters.discord.views import form_view
from bot.errors import InvalidInput
from bot.forms import Field, Form
from bot.interaction import Actor, ShowForm
from bot.messages import Strong, line, message

log = logging.getLogger(__name__)

FIELDS_PER_MODAL = 5  # Discord's limit
MODAL_ID = re.compile(r"~modal:(?P<form_id>[a-z0-9_.]+):(?P<page>[0-9]+)")
MAX_TITLE = 45
MODAL_SECONDS = 15 * 60


def pages(form: Form) -> list[tuple[Field, ...]]:
    fields = form.fields
    return [fields[at : at + FIELDS_PER_MODAL] for at in range(0, len(fields), FIELDS_PER_MODAL)]


def needs_zone(form: Form, actor: Actor) -> bool:
    return actor.zone is None and any(item.kind == "datetime" for item in form.fields)


async def show_form(interaction: discord.Interaction[Any], actor: Actor, request: ShowForm) -> None:
    """Keep a draft and offer the button that opens it (the interaction is already deferred)."""
    form = request.form
    if needs_zone(form, actor):
        await send(interaction, ZONE_FIRST)
        return
    zone_name = actor.zone.key if actor.zone else "UTC"
    draft = Draft(form, request.context, actor.tz, zone_name, dict(request.values))
    context_of(interaction).drafts.keep(str(interaction.user.id), draft)
    intro = form.intro or "Press the button to fill it in."
    shown = message(form.title, intro, _steps_note(form, zone_name))
    await send(interaction, shown, view=form_view("open", form.id, "Open the form"))


async def open_form(interaction: discord.Interaction[Any], form_id: str) -> None:
    """No database here: the modal must be this interaction's first and only answer."""
    draft = context_of(interaction).drafts.get(str(interaction.user.id), form_id)
    if draft is None:
        await send(interaction, EXPIRED)
        return
    modal = FormModal(draft)
    # Not kept in discord.py's store, which files modals by custom id alone: two people with
    # the same form open would share one slot, and a submission would reach whoever opened it
    # last. `receive_modal` answers it from the submitter's own draft instead.
    modal.stop()
    await interaction.response.send_modal(modal)


class FormModal(discord.ui.Modal):
    """One page of a draft, as a modal; only sent, never dispatched to (see `receive_modal`)."""

    def __init__(self, draft: Draft) -> None:
        chunks, page = pages(draft.form), page_of(draft)
        title = (
            draft.form.title
            if len(chunks) == 1
            else f"{draft.form.title} ({page + 1}/{len(chunks)})"
        )
        super().__init__(title=_fit(title), timeout=MODAL_SECONDS, custom_id=modal_id(draft))
        for item in chunks[page]:
            self.add_item(component_for(item, draft))


def page_of(draft: Draft) -> int:
    """The page the draft shows next."""
    return min(draft.page, len(pages(draft.form)) - 1)


def modal_id(draft: Draft) -> str:
    return f"~modal:{draft.form.id}:{page_of(draft)}"


async def receive_modal(interaction: discord.Interaction[Any]) -> None:
    """A submitted page, matched to the draft of the person who submitted it: a custom id
    copied from someone else's modal, stale or made up finds no draft of theirs and changes
    nothing."""
    data: dict[str, Any] = dict(interaction.data or {})
    found = MODAL_ID.fullmatch(str(data.get("custom_id", "")))
    draft = (
        None
        if found is None
        else context_of(interaction).drafts.get(str(interaction.user.id), found["form_id"])
    )
    # Every modal this client sees is Hallway's, so even a made-up id gets an answer.
    if found is None or draft is None or modal_id(draft) != found.string:
        await send(interaction, EXPIRED)
        return
    await answering_errors(interaction, lambda: _take_page(interaction, draft), draft.form)


async def _take_page(interaction: discord.Interaction[Any], draft: Draft) -> None:
    chunks, page = pages(draft.form), page_of(draft)
    fields = chunks[page]
    data: dict[str, Any] = dict(interaction.data or {})
    raw = submitted(data.get("components", []))
    draft.values.update(answers_for(fields, raw))
    found = problems(fields, draft.values, draft)
    if found:
        await _ask_to_fix(interaction, draft, found)
    elif page < len(chunks) - 1:
        draft.page = page + 1
        await send(
            interaction, _next_page(draft), view=form_view("next", draft.form.id, "Continue")
        )
    else:
        await _submit(interaction, draft)


async def _submit(interaction: discord.Interaction[Any], draft: Draft) -> None:
    ctx = context_of(interaction)
    user_id = str(interaction.user.id)

    async def work() -> None:
        from adapters.discord.actions import present

        actor = await actor_for(interaction)
        try:
            outcome = await ctx.router.submit(
                ctx.hw, actor, draft.form.id, draft.values, draft.context
            )
        except InvalidInput as exc:
            draft.page = _first_page_with(draft.form, exc.errors)
            ctx.drafts.keep(user_id, draft)
            await _ask_to_fix(interaction, draft, exc.errors)
            return
        ctx.drafts.drop(user_id, draft.form.id)
        await present(interaction, actor, outcome)

    await deferred(interaction, work, draft.form)


async def _ask_to_fix(
    interaction: discord.Interaction[Any], draft: Draft, errors: dict[str, str]
) -> None:
    await send(
        interaction,
        field_problems(errors, draft.form),
        view=form_view("open", draft.form.id, "Fix the form"),
    )


def _first_page_with(form: Form, errors: dict[str, str]) -> int:
    for number, chunk in enumerate(pages(form)):
        if any(item.name in errors for item in chunk):
            return number
    return 0


def _next_page(draft: Draft) -> Any:
    total = len(pages(draft.form))
    return message(
        draft.form.title,
        line(
            "Page {done} of {total} kept. Continue to the next page.",
            done=str(draft.page),
            total=str(total),
        ),
    )


def _steps_note(form: Form, zone_name: str) -> Any:
    steps = len(pages(form))
    size = "one page" if steps == 1 else f"{steps} pages"
    if any(item.kind == "datetime" for item in form.fields):
        return line("It has {size}; times are read in {zone}.", size=size, zone=Strong(zone_name))
    return line("It has {size}.", size=size)


def _fit(title: str) -> str:
    return title if len(title) <= MAX_TITLE else title[: MAX_TITLE - 1] + "…"


ZONE_FIRST = message(
    "First, your time zone",
    "This form asks for dates and times, and Hallway reads them in your own time zone, which it "
    "does not know yet. Set it with /timezone (for example /timezone Europe/Paris), then run the "
    "command again.",
)
EXPIRED = message(
    "That form has expired",
    "Forms stay open for 15 minutes (and not across a restart of the bot). Run the command again.",
)
