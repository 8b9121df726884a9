"""Where the core's answer to one interaction is shown, and the error policy applied to it.

A reply is for the actor alone: ephemeral in the channel of a command or a message button, in
place in a modal, in a small modal over the App Home. A form opens as a modal (pushed over one
that is open). Every listener runs its work through `guarded`, the one place errors are answered.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import tzinfo
from typing import Any

import aiohttp
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.context import SlackContext
from adapters.slack.errors import problem_message
from adapters.slack.files import share_files
from adapters.slack.modals import Metadata, form_view, result_view
from adapters.slack.people import shown_people
from bot.interaction import Actor, Outcome, Reply, ShowForm
from bot.messages import Message

RESPONSE_TIMEOUT = aiohttp.ClientTimeout(total=10)
log = logging.getLogger("adapters.slack")


@dataclass(frozen=True)
class Surface:
    client: AsyncWebClient
    user_id: str
    trigger_id: str | None = None
    response_url: str | None = None
    channel_id: str | None = None
    view_id: str | None = None
    view_type: str | None = None  # "modal" or "home" when the interaction came from a view

    @property
    def in_modal(self) -> bool:
        return self.view_type == "modal" and self.view_id is not None


async def show(ctx: SlackContext, surface: Surface, outcome: Outcome, actor: Actor) -> None:
    if isinstance(outcome, Reply):
        await show_message(ctx, surface, outcome.message, actor.zone)
        if outcome.attachments:
            channels = ctx.hw.event.channels("slack")
            await share_files(surface.client, surface.user_id, channels, outcome.attachments)
    else:
        await open_form(ctx, surface, outcome, actor)


async def open_form(ctx: SlackContext, surface: Surface, request: ShowForm, actor: Actor) -> None:
    zone = actor.zone.key if actor.zone else None
    values = await shown_people(ctx.hw, surface.client, request.form, request.values)
    view = form_view(request.form, values, Metadata(request.form.id, request.context, zone))
    await _present_view(surface, view)


async def show_message(
    ctx: SlackContext, surface: Surface, message: Message, zone: tzinfo | None
) -> None:
    rendered = await ctx.render(message, zone)
    if surface.in_modal or (surface.view_type == "home" and surface.trigger_id):
        await _present_view(surface, result_view(message.title or "Hallway", rendered.blocks))
    elif surface.response_url:
        ephemeral = {"response_type": "ephemeral", "replace_original": False}
        payload = {"text": rendered.text, "blocks": rendered.blocks, **ephemeral}
        await post_response(surface.client, surface.response_url, payload)
    elif surface.channel_id:
        await surface.client.chat_postEphemeral(
            channel=surface.channel_id,
            user=surface.user_id,
            text=rendered.text,
            blocks=rendered.blocks,
        )
    else:
        await surface.client.chat_postMessage(
            channel=surface.user_id, text=rendered.text, blocks=rendered.blocks
        )


async def guarded(
    ctx: SlackContext, surface: Surface, doing: str, work: Callable[[], Awaitable[None]]
) -> None:
    """Run a listener's work; whatever it raises is answered to the person, once. Nothing
    leaves: were a listener to raise after its ack, bolt would forget the ack it had made
    (it resets the response on an error) and Slack would show the person a failure."""
    try:
        await work()
    except Exception as exc:  # noqa: BLE001 - the error policy: answered and, if a bug, logged
        try:
            await show_message(ctx, surface, problem_message(exc, doing), None)
        except Exception:  # nowhere left to answer (the view or the conversation is gone)
            log.exception("Slack %s: the answer to its failure could not be shown", doing)


async def post_response(client: AsyncWebClient, url: str, payload: dict[str, Any]) -> None:
    """Answer through a response_url on the client's pooled session (bolt's `respond` opens a
    new connection for every answer, which costs the event loop more than the answer itself)."""
    session: aiohttp.ClientSession | None = client.session
    if session is None or session.closed:
        async with aiohttp.ClientSession() as own:
            await _post(own, url, payload)
    else:
        await _post(session, url, payload)


async def _post(session: aiohttp.ClientSession, url: str, payload: dict[str, Any]) -> None:
    async with session.post(url, json=payload, timeout=RESPONSE_TIMEOUT) as response:
        if response.status >= 400:
            raise RuntimeError(f"response_url answered {response.status}")


async def _present_view(surface: Surface, view: dict[str, Any]) -> None:
    """In a modal, answer in place (or push when Slack allows another layer); else open one."""
    if surface.in_modal and surface.trigger_id:
        await surface.client.views_push(trigger_id=surface.trigger_id, view=view)
    elif surface.in_modal:
        await surface.client.views_update(view_id=surface.view_id, view=view)
    else:
        await surface.client.views_open(trigger_id=surface.trigger_id, view=view)
