"""A request signed with the app's secret but from another workspace (where the app is also
installed, or by someone of another organisation in a shared channel) is refused: the person is
told this Hallway serves one workspace, and nothing is read or written."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qsl, urlencode

import pytest

from adapters.slack.workspace import ELSEWHERE
from storage import Database
from tests.adapters.slack.harness import SlackHarness
from tests.adapters.slack.scenes import cast
from tests.hardening.authz_platforms.slack_requests import (
    ENDPOINTS,
    FORM,
    TEAM,
    Raw,
    post,
    signed,
)
from tests.hardening.authz_platforms.snapshot import changed, contents

OTHER = "T0FOREIGN"
Forge = Callable[[dict[str, Any]], None]


def workspace(body: dict[str, Any]) -> None:
    if "team_id" in body:
        body["team_id"] = OTHER
    if isinstance(body.get("team"), dict):
        body["team"]["id"] = OTHER


def users_team(body: dict[str, Any]) -> None:
    """The workspace is ours, the person pressing is from another organisation."""
    if isinstance(body.get("user"), dict):
        body["user"]["team_id"] = OTHER
    else:
        body["team_id"] = OTHER


def views_team(body: dict[str, Any]) -> None:
    if isinstance(body.get("view"), dict):
        body["view"]["app_installed_team_id"] = OTHER
    else:
        workspace(body)


FORGES: dict[str, Forge] = {"workspace": workspace, "user": users_team, "view": views_team}


def rewritten(raw: Raw, forge: Forge) -> Raw:
    """The same request from elsewhere, then signed (Slack signs it: the secret is the app's)."""
    if raw.content_type == FORM:
        fields = dict(parse_qsl(raw.body.decode()))
        if "payload" in fields:
            payload = json.loads(fields["payload"])
            forge(payload)
            return Raw(urlencode({"payload": json.dumps(payload)}).encode(), FORM)
        forge(fields)
        return Raw(urlencode(fields).encode(), FORM)
    body = json.loads(raw.body)
    forge(body)
    return Raw(json.dumps(body).encode(), raw.content_type)


@pytest.fixture(autouse=True)
async def people(hallway: SlackHarness) -> None:
    await cast(hallway)


@pytest.mark.parametrize("where", list(FORGES))
@pytest.mark.parametrize("endpoint", [name for name in ENDPOINTS if name != "options"])
async def test_a_request_from_another_workspace_is_refused_and_changes_nothing(
    hallway: SlackHarness, database: Database, endpoint: str, where: str
) -> None:
    before = await contents(database)
    raw = rewritten(ENDPOINTS[endpoint](hallway), FORGES[where])
    assert TEAM not in raw.body.decode() or OTHER in raw.body.decode()
    status, text = await post(hallway, raw.body, signed(raw))
    await hallway.settled()
    assert status == 200
    told = [call for call in hallway.fake.calls if call.method == "response_url"]
    if endpoint == "command":
        assert json.loads(text) == {"response_type": "ephemeral", "text": ELSEWHERE}
    elif endpoint == "view_submission":
        assert ELSEWHERE in text and json.loads(text)["response_action"] == "update"
    elif endpoint == "block_actions":
        assert [call.args["text"] for call in told] == [ELSEWHERE]
        assert told[0].args["response_type"] == "ephemeral"
    looked = {"response_url", "auth.test"}  # auth.test: bolt learning which workspace is ours
    others = [call.method for call in hallway.fake.calls if call.method not in looked]
    assert others == []  # not even users.info: nobody was looked up, nothing was shown
    assert changed(before, await contents(database)) == {}
