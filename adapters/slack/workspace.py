"""Only the conference's own workspace is served.

The signing secret belongs to the app, not to a workspace: a request from another workspace the
app was installed in (or from someone of another organisation in a shared channel) is signed
just as well. Hallway serves one workspace, the one its bot token belongs to (bolt learns it
from `auth.test`), so a request naming any other team is refused before a listener runs: the
person is told why, and nothing is read or written.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.response import BoltResponse
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.blocks import render_message
from adapters.slack.modals import result_view
from adapters.slack.surfaces import post_response
from bot.messages import message

log = logging.getLogger(__name__)

ELSEWHERE = "Hallway serves only the conference's own Slack workspace; please use it from there."


def teams_named(body: Mapping[str, Any]) -> set[str]:
    """Every team a payload says it comes from: the workspace, and the acting user's."""
    team = body.get("team")
    user, view = body.get("user"), body.get("view")
    found = [
        body.get("team_id"),
        team.get("id") if isinstance(team, Mapping) else team,
        user.get("team_id") if isinstance(user, Mapping) else None,
        view.get("team_id") if isinstance(view, Mapping) else None,
        view.get("app_installed_team_id") if isinstance(view, Mapping) else None,
    ]
    return {str(item) for item in found if item}


async def only_our_workspace(
    body: dict[str, Any],
    context: AsyncBoltContext,
    client: AsyncWebClient,
    next: Callable[[], Awaitable[BoltResponse]],  # bolt passes it by this name
) -> BoltResponse:
    ours = context.authorize_result.team_id if context.authorize_result else None
    others = teams_named(body) - {ours} if ours else set()
    if not others:
        return await next()
    log.warning("Slack request from team(s) %s refused: Hallway serves %s", others, ours)
    return await refusal(body, client)


async def refusal(body: Mapping[str, Any], client: AsyncWebClient) -> BoltResponse:
    """Told where Slack shows it: the command's own answer, the modal, or the message's
    response URL for a button; events are only acknowledged."""
    if "command" in body:
        return BoltResponse(status=200, body={"response_type": "ephemeral", "text": ELSEWHERE})
    if body.get("type") == "view_submission":
        blocks = render_message(message("Not here", ELSEWHERE)).blocks
        return BoltResponse(
            status=200, body={"response_action": "update", "view": result_view("Hallway", blocks)}
        )
    url = body.get("response_url")
    if body.get("type") == "block_actions" and isinstance(url, str):
        answer = {"response_type": "ephemeral", "replace_original": False, "text": ELSEWHERE}
        await post_response(client, url, answer)
    return BoltResponse(status=200, body="")
