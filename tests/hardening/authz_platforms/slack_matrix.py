"""The matrix's people on Slack, and how each act of the policy is sent as signed HTTP."""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from adapters.slack.modals import Metadata, form_view
from bot.app import Hallway
from bot.commands.registry import Router
from bot.services.identity import identify
from storage import Database
from tests.adapters.slack.answers import state_for, valid_values
from tests.adapters.slack.fake_slack import FakeSlack
from tests.adapters.slack.harness import SlackHarness, Turn, serving
from tests.hardening.authz_platforms.matrix_world import (
    ACTING,
    OTHERS,
    UNREGISTERED_EMAIL,
    Targets,
)
from tests.hardening.authz_platforms.policy import Act

USERS = {role: f"U{role.upper()}" for role in (*ACTING, "unregistered")}
PICKED = {"<dana>": "UDANA", "<bob>": USERS["colead"]}
ZONE = "Europe/Paris"
_views = itertools.count(1)


@asynccontextmanager
async def slack_for(
    hw: Hallway, database: Database, fake: FakeSlack, router: Router
) -> AsyncIterator[SlackHarness]:
    for name, private in (("socials-chairs", True), ("socials", False)):
        fake.add_channel(name, private=private)
    fake.add_channel("mentoring")
    fake.add_channel("conduct-team", private=True)
    async with serving(hw, database, fake, router) as harness:
        yield harness


async def people(h: SlackHarness, *, link: bool = True) -> None:
    """Everyone in the workspace; the registered linked as their first request would link them
    (unless the world copied in holds the links already). The unlinked account's profile shows
    no e-mail, so nothing links it."""
    for role, (email, name, _roles) in ACTING.items():
        shown = None if role == "unlinked" else email
        h.fake.add_user(USERS[role], shown, name, tz=ZONE)  # type: ignore[arg-type]
        if shown and link:
            await identify(h.hw, "slack", USERS[role], email=email, zone=ZONE)
    h.fake.add_user(USERS["unregistered"], UNREGISTERED_EMAIL, "Stranger", tz=ZONE)
    email, name = OTHERS["dana"]
    h.fake.add_user("UDANA", email, name, tz=ZONE)
    if link:
        await identify(h.hw, "slack", "UDANA", email=email, zone=ZONE)


def typed(act: Act, args: dict[str, Any]) -> tuple[str, str]:
    """`/social chairs approve 3 Lovely` → ("/social", "chairs approve 3 Lovely")."""
    words = act.name.split()
    return f"/{words[0]}", " ".join([*words[1:], *(str(v) for v in args.values())])


async def send(h: SlackHarness, act: Act, user: str, t: Targets) -> Turn:
    args = act.args(t)
    if act.kind == "command":
        name, text = typed(act, args)
        return await h.command(name, text, user)
    if act.kind == "button":
        return await h.press(act.name, args["value"], user)
    return await submit(h, act, user, args["context"], t)


async def submit(h: SlackHarness, act: Act, user: str, context: str, t: Targets) -> Turn:
    """The form's modal as Hallway would open it, its private_metadata pointing at `context`,
    sent back with good answers (as if it had been opened: Slack knows the view)."""
    form = h.router.get_form(act.name, h.hw.event)
    view = {**form_view(form, {}, Metadata(act.name, context, ZONE)), "id": f"VM{next(_views)}"}
    h.fake.views[view["id"]] = view
    given = {key: _placed(value, t) for key, value in act.given.items()}
    return await h.submit(view, state_for(view, valid_values(form, **given)), user)


def _placed(value: Any, t: Targets) -> Any:
    if isinstance(value, list):
        return [PICKED.get(item, item) for item in value]
    return str(t.other) if value == "<other>" else value
