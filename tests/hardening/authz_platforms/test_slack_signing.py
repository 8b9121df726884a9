"""Every endpoint Slack calls (commands, buttons, form submissions, events, select options: all
on `POST /slack/events`) refuses a request that is unsigned, badly signed, altered, stale or
replayed, with 401, before anything happens: no Web API call, not one row written. The
signature is checked on the bytes that arrived, whatever charset the headers claim."""

from __future__ import annotations

import json

import pytest

from storage import Database
from tests.adapters.slack.harness import SlackHarness
from tests.adapters.slack.scenes import cast
from tests.hardening.authz_platforms.slack_requests import (
    ENDPOINTS,
    FORGERIES,
    JSON,
    Raw,
    event,
    post,
    signed,
)
from tests.hardening.authz_platforms.snapshot import changed, contents

# What a good request leaves behind, per endpoint: a Web API call it makes.
EFFECT = {
    "command": "response_url",
    "block_actions": "response_url",
    "view_submission": "views.update",
    "event": "views.publish",
}


@pytest.fixture(autouse=True)
async def people(hallway: SlackHarness) -> None:
    await cast(hallway)


@pytest.mark.parametrize("forgery", list(FORGERIES))
async def test_a_badly_signed_request_is_refused_with_401_at_every_endpoint(
    hallway: SlackHarness, database: Database, forgery: str
) -> None:
    before = await contents(database)
    for endpoint, build in ENDPOINTS.items():
        body, headers = FORGERIES[forgery](build(hallway))
        status, _text = await post(hallway, body, headers)
        await hallway.settled()
        assert status == 401, f"{forgery} at {endpoint}: {status}"
    assert hallway.fake.calls == [], [call.method for call in hallway.fake.calls]
    assert changed(before, await contents(database)) == {}


@pytest.mark.parametrize("endpoint", list(ENDPOINTS))
async def test_the_same_request_well_signed_is_served(
    hallway: SlackHarness, database: Database, endpoint: str
) -> None:
    """The control: what the forgeries were made from does get through."""
    raw = ENDPOINTS[endpoint](hallway)
    status, _text = await post(hallway, raw.body, signed(raw))
    await hallway.settled()
    if endpoint == "options":  # Hallway's forms have no external selects: bolt's "unhandled"
        assert status == 404
    else:
        assert status == 200
        await hallway.fake.wait_for(EFFECT[endpoint])


async def test_the_signature_covers_the_raw_bytes_whatever_charset_is_claimed(
    hallway: SlackHarness,
) -> None:
    """Slack sends UTF-8; an event naming a café, declared Latin-1 by a proxy, still verifies
    (the text is not re-decoded before checking) and is read as UTF-8."""
    body = json.loads(event(hallway).body)
    body["event"]["view"] = {"title": "Café ☕"}
    raw = Raw(json.dumps(body, ensure_ascii=False).encode(), JSON)
    headers = {**signed(raw), "Content-Type": f"{JSON}; charset=iso-8859-1"}
    status, _text = await post(hallway, raw.body, headers)
    await hallway.settled()
    assert status == 200
    await hallway.fake.wait_for("views.publish")


@pytest.mark.parametrize("charset", ["nonsense", "utf-16"])
async def test_an_unknown_or_wrong_charset_does_not_crash_the_endpoint(
    hallway: SlackHarness, charset: str
) -> None:
    raw = ENDPOINTS["command"](hallway)
    headers = {**signed(raw), "Content-Type": f"{raw.content_type}; charset={charset}"}
    status, _text = await post(hallway, raw.body, headers)
    await hallway.settled()
    assert status == 200
    await hallway.fake.wait_for("response_url")


async def test_signed_bytes_that_are_not_utf8_are_refused_without_a_crash(
    hallway: SlackHarness, database: Database
) -> None:
    before = await contents(database)
    raw = Raw(ENDPOINTS["command"](hallway).body + b"&text=%FF\xff\xfe", "x")
    status, _text = await post(hallway, raw.body, {**signed(raw), "Content-Type": "x"})
    await hallway.settled()
    assert status == 400
    assert hallway.fake.calls == []
    assert changed(before, await contents(database)) == {}
