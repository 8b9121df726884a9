"""Chairs' data goes only to the chairs, on Discord: the lifecycle of the Slack test
(`tests/hardening/privacy/test_chairs_data.py`) through the real discord.py client against
the fake Discord — slash commands, buttons on the messages Hallway posted, modals — with the
work runner and dispatcher delivering over REST.

Every REST call that shows something is given its audience: a message in a guild channel is
that channel's; in a direct message, its person's; an interaction's answer (a callback, a
follow-up, an edit of either) is the person's who acted when it is ephemeral (flag 64) or a
modal, and otherwise everyone's in the channel it came from; a scheduled event is everyone's.
Every chair-only kind must be seen, and only by its audience."""

from __future__ import annotations

import re
from typing import Any

from bot.domain.participants import Role
from tests.adapters.discord.fake_discord import Call, FakeDiscord
from tests.adapters.discord.world import Member, World, buttons_of
from tests.hardening.gaps.chairs_data import COMMENT, NOTE, REPORT, leaks, strings_in

EPHEMERAL, MODAL, DEFERRED = 64, 9, 5
PAGE_ONE = {
    "description": "We read one paper together.",
    "category": ["research"],
    "tags": "rl",
}
PAGE_TWO = {"slot2": "", "slot3": "", "duration": "120", "video_url": ""}


class Audiences:
    """Who each REST call showed something to."""

    def __init__(self, fake: FakeDiscord, members: list[Member]) -> None:
        self.fake = fake
        self.asked: dict[str, dict[str, Any]] = {}  # interaction token → its payload
        self.dms = {fake.dm_channel_of(m.id): m.id for m in members}
        self.deferred_ephemeral: set[str] = set()
        self.ephemeral_followups: set[str] = set()  # message ids
        sending = fake.gateway.dispatch

        async def watched(event: str, data: dict[str, Any]) -> None:
            if event == "INTERACTION_CREATE":
                self.asked[data["token"]] = data
            await sending(event, data)

        fake.gateway.dispatch = watched  # type: ignore[method-assign]

    def shown(self) -> list[tuple[str, str]]:
        found = []
        for call in self.fake.calls:
            audience = self.audience(call)
            if audience is not None:
                found.append((audience, strings_in(call.body)))
        return found

    def audience(self, call: Call) -> str | None:
        path, body = call.path, call.body if isinstance(call.body, dict) else {}
        flags = int(body.get("flags") or (body.get("data") or {}).get("flags") or 0)
        if call.method in ("POST", "PATCH"):
            posted = re.fullmatch(r"/channels/(\d+)/messages(/\d+)?", path)
            if posted:
                return self.where(posted.group(1))
            answered = re.fullmatch(r"/interactions/\d+/([^/]+)/callback", path)
            if answered:
                return self.callback(answered.group(1), body, flags)
            followed = re.fullmatch(r"/webhooks/\d+/([^/]+)(?:/messages/(.+))?", path)
            if followed:
                return self.followup(call, followed.group(1), followed.group(2), flags)
            if re.fullmatch(r"/guilds/\d+/scheduled-events(/\d+)?", path):
                return "everyone (a scheduled event)"
        return None

    def callback(self, token: str, body: dict[str, Any], flags: int) -> str | None:
        kind = body.get("type")
        if kind == DEFERRED and flags & EPHEMERAL:
            self.deferred_ephemeral.add(token)
        if kind == MODAL or flags & EPHEMERAL:
            return self.actor(token)
        return self.public(token) if body.get("data") else None

    def followup(self, call: Call, token: str, edited: str | None, flags: int) -> str:
        if edited is None:  # a new follow-up
            if flags & EPHEMERAL and isinstance(call.response, dict):
                self.ephemeral_followups.add(str(call.response.get("id")))
            return self.actor(token) if flags & EPHEMERAL else self.public(token)
        if edited == "@original":
            private = token in self.deferred_ephemeral
        else:
            private = edited in self.ephemeral_followups
        return self.actor(token) if private else self.public(token)

    def actor(self, token: str) -> str:
        asked = self.asked[token]
        return str((asked.get("member") or {}).get("user", asked.get("user"))["id"])

    def public(self, token: str) -> str:
        """Everyone who can read the channel the interaction came from."""
        asked = self.asked[token]
        if "guild_id" not in asked:
            return self.actor(token)  # a direct message: theirs alone
        return self.where(asked["channel_id"])

    def where(self, channel_id: str) -> str:
        if channel_id in self.fake.channels:
            return "#" + self.fake.channels[channel_id]["name"]
        return self.dms.get(channel_id, f"unknown channel {channel_id}")


async def propose(world: World, ada: Member, bob: Member, title: str, slot: str) -> int:
    card = await world.slash(ada, "social", "submit")
    pages = [
        {**PAGE_ONE, "title": title, "coleads": [bob.id]},
        {**PAGE_TWO, "slot1": slot},
        {"capacity": "", "notes": NOTE if title == "Reading group" else "", "conduct": True},
    ]
    saved = await world.fill(ada, card, pages)
    assert "Social proposal saved" in strings_in(saved.body), saved.body
    async with world.hw.uow() as uow:
        social_id = max(s.id for s in await uow.socials.for_event(world.hw.event.id))
    await world.deliver()
    confirm = f"social.confirm_lead:{social_id}"
    [ask] = [m for m in world.dms(bob) if confirm in buttons_of(m)]
    await world.press(bob, ask, confirm)
    await world.deliver()
    return social_id


def card_of(world: World, social_id: int) -> dict[str, Any]:
    return next(
        m
        for m in reversed(world.posts("socials-chairs"))
        if f"social.approve:{social_id}" in buttons_of(m)
    )


async def lifecycle(world: World) -> tuple[Audiences, dict[str, Member]]:
    cast = {
        "ada": await world.member("Ada"),
        "bob": await world.member("Bob"),
        "chair": await world.member("Carol", Role.CHAIR),
        "team": await world.member("Tess", Role.CONDUCT),
        "mallory": await world.member("Mallory"),
    }
    seen = Audiences(world.fake, list(cast.values()))
    ada, bob, chair, mallory = cast["ada"], cast["bob"], cast["chair"], cast["mallory"]
    first = await propose(world, ada, bob, "Reading group", "2021-07-19 18:00")
    second = await propose(world, ada, bob, "Paper club", "2021-07-20 18:00")
    opened = await world.press(chair, card_of(world, first), f"social.comment:{first}")
    await world.fill(chair, opened, [{"comment": COMMENT}])
    opened = await world.press(chair, card_of(world, first), f"social.approve:{first}")
    await world.fill(chair, opened, [{"message": "", "release_now": False}])
    await world.slash(chair, "social", "chairs", what="combine", details=f"{second} {first}")
    await world.deliver()
    chairs_channel = world.fake.channel_named("socials-chairs")["id"]
    for verb, options in CHAIRS_VIEWS:
        before = len(world.fake.calls)
        await world.slash(chair, *verb, **options)
        if verb == ("social", "balance"):  # the heatmap follows the answer
            await world.fake.wait_for_call("POST", f"/channels/{chairs_channel}/", after=before)
    await world.deliver()
    for verb, options in CHAIRS_VIEWS[:5]:  # refused to a participant
        await world.slash(mallory, *verb, **options)
    card = await world.slash(bob, "conduct", "report")
    report = {"about_kind": ["general"], "about": "", "description": REPORT, "anonymous": ["no"]}
    await world.fill(bob, card, [report])
    await world.deliver()
    for who in (ada, bob, mallory):
        await world.slash(who, "social", "mine")
        await world.slash(who, "programme", "today")
    return seen, cast


CHAIRS_VIEWS: list[tuple[tuple[str, str], dict[str, Any]]] = [
    (("social", "chairs"), {"what": "all"}),
    (("social", "balance"), {}),
    (("social", "stats"), {}),
    (("social", "export"), {"format": "csv"}),
    (("hallway", "deliveries"), {}),
    (("social", "chairs"), {"what": "decided"}),
    (("social", "chairs"), {"what": "release"}),
]


async def test_chairs_data_reaches_only_the_chairs_and_conduct_reports_only_the_team(
    world: World,
) -> None:
    seen, cast = await lifecycle(world)
    chairs = frozenset({"#socials-chairs", cast["chair"].id})
    team = frozenset({"#conduct-team", cast["team"].id})
    allowed = {"chairs": chairs, "team": team, "reporter": team | {cast["bob"].id}}
    shown = seen.shown()
    unseen, outside = leaks(shown, allowed)
    assert unseen == {}
    assert outside == {}
    refused = [text for who, text in shown if who == cast["mallory"].id and "Only the" in text]
    assert len(refused) == 5
    assert len(shown) > 60
