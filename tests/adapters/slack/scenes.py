"""The people and the flows the Slack tests share, each done the way a person does it in Slack:
slash commands, modals filled in, buttons pressed in the messages Hallway posted, with the core's
dispatcher delivering what the core queued."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from adapters.slack.blocks import core_action
from bot.commands import social_forms
from bot.domain.participants import Role
from bot.domain.socials import Social
from bot.interaction import Actor
from bot.services.identity import identify
from tests.adapters.slack.answers import Value, state_for, valid_values
from tests.adapters.slack.harness import APOLOGY, SlackHarness, Turn

ADA, BOB, CHAIR, TEAM, TURING, MALLORY, STRANGER = (
    "UADA",
    "UBOB",
    "UCHAIR",
    "UTEAM",
    "UTURING",
    "UMALLORY",
    "USTRANGER",
)
CAST = {
    ADA: ("ada@example.org", "Ada Lovelace", (), "Asia/Tokyo"),
    BOB: ("bob@example.org", "Bob Babbage", (), "Europe/Paris"),
    CHAIR: ("chair@example.org", "Grace Hopper", (Role.CHAIR,), "America/New_York"),
    TEAM: ("team@example.org", "Mary Seacole", (Role.CONDUCT,), "Europe/London"),
    TURING: ("turing@example.org", "Alan Turing", (Role.MENTOR,), "Europe/London"),
    MALLORY: ("mallory@example.org", "Mallory Malice", (), "Europe/Berlin"),
}


async def cast(h: SlackHarness) -> None:
    """Everyone registered and in the workspace; a stranger in the workspace only."""
    for user, (email, name, roles, zone) in CAST.items():
        await h.person(user, email, name, *roles, tz=zone)
    h.fake.add_user(STRANGER, "stranger@elsewhere.example", "Stranger", tz="UTC")


async def slack_actor(h: SlackHarness, user: str) -> Actor:
    """Who `user` is to the core, linked by their Slack e-mail as their first interaction does."""
    known = h.fake.users[user]
    email, zone = known["profile"]["email"], known["tz"]
    return await identify(h.hw, "slack", user, email=email, zone=zone)


@dataclass(frozen=True)
class Shown:
    """Something Hallway showed one person, with buttons they can press: a message in a channel
    or DM (as Slack stored it, or an ephemeral reply), or a view (the App Home, a modal)."""

    blocks: list[dict[str, Any]]
    user: str
    channel: str = "C00000042"
    message: dict[str, Any] | None = None
    view: dict[str, Any] | None = None


def buttons(blocks: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for block in blocks:
        if block.get("type") == "actions":
            yield from block["elements"]
        elif block.get("accessory", {}).get("type") == "button":
            yield block["accessory"]


def button(shown: Shown, action: str) -> dict[str, Any]:
    found = [item for item in buttons(shown.blocks) if core_action(item["action_id"]) == action]
    assert found, f"no {action} among {[b['action_id'] for b in buttons(shown.blocks)]}"
    return found[0]


async def press(h: SlackHarness, shown: Shown, action: str, user: str | None = None) -> Turn:
    element = button(shown, action)
    who = user or shown.user
    if shown.view is not None:
        return await h.press(element["action_id"], element["value"], who, view=shown.view)
    where = {"channel": shown.channel, "message": shown.message}
    return await h.press(element["action_id"], element["value"], who, **where)


def replied(turn: Turn, user: str) -> Shown:
    """The ephemeral reply (or the modal) an interaction showed `user`."""
    reply = turn.reply
    if reply.method.startswith("views."):
        view = turn.view
        return Shown(view["blocks"], user, view=view)
    return Shown(reply.args["blocks"], user)


def in_dm(h: SlackHarness, user: str, title: str) -> Shown:
    """The latest DM to `user` whose header says `title`."""
    found = _latest(h.fake.dms_to(user), title)
    return Shown(_blocks_of(found), user, f"D{user}", found)


def in_channel(h: SlackHarness, name: str, title: str, user: str) -> Shown:
    channel = h.fake.channel_named(name)
    found = _latest(h.fake.in_channel(channel), title)
    return Shown(_blocks_of(found), user, channel, found)


def home_of(h: SlackHarness, user: str) -> Shown:
    view = h.fake.homes[user]
    return Shown(view["blocks"], user, view=view)


def answered(turn: Turn) -> None:
    """Something was shown, and it was not the apology for a bug."""
    assert turn.replies, f"nothing shown: {[call.method for call in turn.calls]}"
    assert APOLOGY not in turn.text, turn.text


def no_apology(turn: Turn) -> None:
    """Answered, and the button did its work (it was not refused as stale)."""
    answered(turn)
    assert "no longer does anything" not in turn.text, turn.text


# --- socials ---


async def fill_in(h: SlackHarness, opened: Turn, user: str, form_id: str, **given: Value) -> Turn:
    form = h.router.get_form(form_id, h.hw.event)
    view = opened.view
    return await h.submit(view, state_for(view, valid_values(form, **given)), user)


async def propose(
    h: SlackHarness, title: str = "Reading group", user: str = ADA, **given: Value
) -> Social:
    """`/social`, the form filled in with the co-lead picked: the proposal as stored."""
    opened = await h.command("/social", "", user)
    answers: dict[str, Value] = {"title": title, "coleads": [BOB], "slot3": None, **given}
    await fill_in(h, opened, user, social_forms.SUBMIT_FORM.id, **answers)
    return await newest_social(h)


async def newest_social(h: SlackHarness) -> Social:
    async with h.hw.uow() as uow:
        socials = await uow.socials.for_event(h.hw.event.id)
    return max(socials, key=lambda social: social.id)


async def social(h: SlackHarness, social_id: int) -> Social:
    async with h.hw.uow() as uow:
        found = await uow.socials.get(social_id)
    assert found is not None
    return found


async def confirmed(h: SlackHarness, title: str = "Reading group", **given: Value) -> Social:
    """Proposed by Ada, confirmed by Bob from the DM Hallway sent him."""
    proposed = await propose(h, title, **given)
    await h.deliver()
    await press(h, in_dm(h, BOB, "You are named as co-lead"), "social.confirm_lead")
    await h.deliver()
    return proposed


def card(h: SlackHarness, social_id: int, user: str = CHAIR) -> Shown:
    return in_channel(h, "socials-chairs", f"Social proposal #{social_id}:", user)


async def decide(h: SlackHarness, social_id: int, action: str, **given: Value) -> Turn:
    """A chair presses Approve or Reject on the card and sends the form."""
    opened = await press(h, card(h, social_id), f"social.{action}")
    turn = await fill_in(h, opened, CHAIR, f"social.{action}", **given)
    await h.deliver()
    return turn


# --- finding what Slack holds ---


def _latest(messages: list[dict[str, Any]], title: str) -> dict[str, Any]:
    found = [message for message in messages if title in _header(message)]
    assert found, f"no message titled {title!r} among {[_header(m) for m in messages]}"
    return found[-1]


def _header(message: Mapping[str, Any]) -> str:
    blocks = message.get("blocks") or []
    return str(blocks[0]["text"]["text"]) if blocks and blocks[0]["type"] == "header" else ""


def _blocks_of(message: Mapping[str, Any]) -> list[dict[str, Any]]:
    return list(message.get("blocks") or [])
