"""Form submissions (view_submission), in two steps.

1. Before the ack: the answers are read with the core's own `parse_form`, in the zone the form
   was shown in (carried in `private_metadata`, so nothing is fetched). A field that does not
   parse is answered with `response_action: errors` at its block, and the modal stays open.
2. After the ack, which swaps the modal for a "Saving…" view: the person is identified, people
   picked in the form are linked by e-mail, and the core decides. If the core refuses a field
   (a domain rule: a slot that overlaps, a co-lead who is not registered), the modal is updated
   to show the form again, filled with what was typed and the messages under their fields. A
   reply replaces the modal's content (the person sees the answer where they acted); another
   form (a second step) replaces it too.

Why not decide before the ack: the core writes to the database and may message people, which
must never stand between the person and Slack's three-second limit.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.blocks import render_message
from adapters.slack.context import SlackContext
from adapters.slack.errors import problem_message
from adapters.slack.inputs import reading_zone
from adapters.slack.modals import (
    CALLBACK_ID,
    Metadata,
    field_errors,
    form_view,
    read_values,
    result_view,
    saving_view,
)
from adapters.slack.payloads import Submission
from adapters.slack.people import picked_people
from adapters.slack.surfaces import Surface, guarded, show
from bot.errors import InvalidInput
from bot.forms import Form, Raw, parse_form


def register(app: AsyncApp, ctx: SlackContext) -> None:
    async def on_submit(ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient) -> None:
        async with ctx.inflight.track():
            await answer(ctx, ack, body, client)

    app.view(CALLBACK_ID)(on_submit)


async def answer(
    ctx: SlackContext, ack: AsyncAck, body: dict[str, Any], client: AsyncWebClient
) -> None:
    try:
        submission = Submission.parse(body)
        metadata = Metadata.decode(submission.metadata)
        form = ctx.router.get_form(metadata.form_id, ctx.hw.event)
    except Exception as exc:  # noqa: BLE001 - the error policy, answered in the modal itself
        await ack(response_action="update", view=_problem_view(exc))
        return
    problems = field_problems(form, submission.state, metadata)
    if problems:
        await ack(response_action="errors", errors=problems)
        return
    raw = read_values(form, submission.state)
    await ack(response_action="update", view=saving_view(form))
    async with ctx.inflight.slot():
        await decide(ctx, client, submission, form, metadata, raw)


def field_problems(form: Form, state: Mapping[str, Any], metadata: Metadata) -> dict[str, str]:
    """Answers Slack's state cannot give, or the core's own reading refuses: problems keyed by
    block id, none when all parse."""
    try:
        parse_form(form, read_values(form, state), reading_zone(metadata.zone))
    except InvalidInput as exc:
        return field_errors(form, exc.errors)
    return {}


async def decide(
    ctx: SlackContext,
    client: AsyncWebClient,
    submission: Submission,
    form: Form,
    metadata: Metadata,
    raw: Mapping[str, Raw],
) -> None:
    surface = Surface(client, submission.user_id, view_id=submission.view_id, view_type="modal")

    async def work() -> None:
        actor = await ctx.actor(client, submission.user_id)
        picked = picked_people(form, raw)
        await ctx.link_people(client, picked)
        try:
            outcome = await ctx.router.submit(ctx.hw, actor, form.id, raw, metadata.context)
        except InvalidInput as exc:
            view = form_view(form, raw, metadata, errors=exc.errors, people=picked)
            await client.views_update(view_id=submission.view_id, view=view)
            return
        await show(ctx, surface, outcome, actor)

    await guarded(ctx, surface, f"form {form.id}", work)


def _problem_view(exc: Exception) -> dict[str, Any]:
    """Answered in the ack itself: a form that can no longer be read back or found."""
    return result_view("Hallway", render_message(problem_message(exc, "form submission")).blocks)
