"""Fuzzed block actions: any action of Hallway's command table (taken from the router, with the
suffix a repeated button carries) or any action id at all, with any value and block id, pressed
by anyone in a message, a modal or the App Home; and block_actions payloads with parts missing
or of the wrong JSON type. Each is acknowledged; a well-formed one is answered with a sentence."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from bot.commands import build_router
from tests.adapters.slack.harness import SlackHarness
from tests.adapters.slack.scenes import ADA
from tests.hardening.fuzz_slack.checks import assert_answered_cleanly, half_written
from tests.hardening.fuzz_slack.strategies import (
    fuzz_settings,
    ids,
    json_values,
    nasty_text,
    words,
)
from tests.hardening.fuzz_slack.world import PEOPLE, Stage, fuzzed, populated_once

ROUTER = build_router()
ACTIONS = sorted(ROUTER.actions)
# Slack never sends an empty action_id (it makes one up when a button has none) nor one over
# 255 characters.
action_ids = st.one_of(
    st.sampled_from(ACTIONS),
    st.builds(lambda a, n: f"{a}#{n}", st.sampled_from(ACTIONS), st.integers(-1, 30)),
    words,
    nasty_text,
).filter(lambda action_id: 0 < len(action_id) <= 255)
values = st.one_of(ids, st.builds(lambda a, b: f"{a}:{b}", ids, ids), nasty_text)
WHERE = ("message", "message stored", "modal", "home")


async def ready(h: SlackHarness) -> dict[str, Any]:
    """The populated world, everyone's App Home published, and a modal open to press in."""
    if "fuzz_modal" not in h.__dict__:
        await populated_once(h)
        for user in PEOPLE:
            await h.send.event({"type": "app_home_opened", "user": user, "tab": "home"}, user)
        await h.settled()
        h.__dict__["fuzz_modal"] = (await h.command("/social", "", ADA)).view
    modal: dict[str, Any] = h.__dict__["fuzz_modal"]
    return modal


def press(h: SlackHarness, where: str, user: str, modal: dict[str, Any]) -> dict[str, Any]:
    """Where the press happened, as Slack describes it."""
    if where == "modal":
        return {"view": modal}
    if where == "home":
        return {"view": h.fake.homes[user]}
    posted = h.fake.in_channel(h.fake.channel_named("socials-chairs"))
    return {"message": posted[-1] if where == "message stored" and posted else None}


@fuzz_settings(examples=100)
@given(
    action_id=action_ids,
    value=values,
    block_id=words,
    user=st.sampled_from(PEOPLE),
    where=st.sampled_from(WHERE),
)
async def test_any_press_of_any_button_is_answered_with_a_sentence(
    stage: Stage, action_id: str, value: str, block_id: str, user: str, where: str
) -> None:
    h = stage.h
    modal = await ready(h)
    place = press(h, where, user, modal)
    if "message" in place:
        channel = h.fake.channel_named("socials-chairs")
        sending = h.send.press(action_id, value, user, channel=channel, message=place["message"])
    else:
        sending = h.send.press(action_id, value, user, view=place["view"])
    turn, logged = await fuzzed(h, sending)
    assert (turn.answer.status, turn.answer.text) == (200, "")
    assert turn.replies, [call.method for call in turn.calls]
    assert_answered_cleanly(h, turn, logged)
    assert await half_written(stage.database) == []


PARTS = ("actions", "user", "container", "channel", "view", "message", "response_url", "team")


@st.composite
def garbled(draw: st.DrawFn, payload: dict[str, Any]) -> dict[str, Any]:
    """`payload` with some parts left out and others (or their insides) replaced by anything."""
    out = dict(payload)
    for part in draw(st.sets(st.sampled_from(PARTS))):
        out.pop(part, None)
    for part in draw(st.sets(st.sampled_from(PARTS))):
        out[part] = draw(json_values)
    if isinstance(out.get("actions"), list) and out["actions"] and draw(st.booleans()):
        action = {key: draw(json_values) for key in draw(st.sets(st.sampled_from(KEYS)))}
        out["actions"] = [action, *draw(st.lists(json_values, max_size=2))]
    return out


KEYS = ("type", "action_id", "block_id", "value", "selected_option", "action_ts")


@fuzz_settings(examples=80)
@given(data=st.data(), user=st.sampled_from(PEOPLE), where=st.sampled_from(WHERE))
async def test_a_garbled_block_actions_payload_is_acknowledged_without_a_crash(
    stage: Stage, data: st.DataObject, user: str, where: str
) -> None:
    h = stage.h
    modal = await ready(h)
    place = press(h, where, user, modal)
    payload = well_formed(h, user, place)
    sent = data.draw(garbled(payload), label="payload")
    turn, logged = await fuzzed(h, h.send.interaction(sent))
    assert_answered_cleanly(h, turn, logged)
    assert await half_written(stage.database) == []


def well_formed(h: SlackHarness, user: str, place: dict[str, Any]) -> dict[str, Any]:
    """A block_actions payload as `SignedSlack.press` builds it, to garble."""
    payload: dict[str, Any] = {
        "type": "block_actions",
        "team": {"id": "T00000001"},
        "user": {"id": user, "team_id": "T00000001"},
        "api_app_id": "A00000001",
        "trigger_id": h.send.trigger(user),
        "actions": [{"type": "button", "action_id": "social.rsvp", "block_id": "b1", "value": "1"}],
    }
    if "view" in place:
        payload["container"] = {"type": "view", "view_id": place["view"]["id"]}
        payload["view"] = place["view"]
    else:
        payload["container"] = {"type": "message", "channel_id": "C00000042"}
        payload["channel"] = {"id": "C00000042"}
        payload["response_url"] = h.send.respond_to
    return payload
