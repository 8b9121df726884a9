"""Chairs' data goes only to the chairs, at the core: the same lifecycle as the Slack and
Discord tests, through the shared command table (typed commands, buttons, forms) and the
scheduler and dispatcher delivering to a `RecordingMessenger`. What each person is answered (a
reply, a form, a refusal) is theirs alone; what is delivered goes to a channel or a person.
Every chair-only kind must be seen, and only by its audience."""

from __future__ import annotations

from collections.abc import Awaitable
from dataclasses import dataclass, field
from datetime import timedelta

from bot.app import Hallway
from bot.clock import ManualClock
from bot.commands import build_router
from bot.commands.conduct_forms import REPORT_FORM
from bot.commands.social_forms import SUBMIT_FORM
from bot.delivery.dispatcher import Dispatcher
from bot.domain.participants import Role
from bot.errors import HallwayError
from bot.interaction import Actor, Outcome, ShowForm
from bot.messages import Message, plain
from bot.scheduling.handlers import build_work_handlers
from bot.scheduling.runner import WorkRunner
from tests.factories import actor, register
from tests.fakes import RecordingMessenger
from tests.hardening.gaps.chairs_data import COMMENT, NOTE, REPORT, leaks, strings_in

ROUTER = build_router()


@dataclass
class Seen:
    hw: Hallway
    clock: ManualClock
    messenger: RecordingMessenger
    shown: list[tuple[str, str]] = field(default_factory=list)  # (audience, what was shown)

    async def act(self, who: Actor, doing: Awaitable[Outcome]) -> Outcome | None:
        try:
            outcome = await doing
        except HallwayError as exc:
            self.shown.append((who.user_id, str(exc)))
            return None
        self._answered(who, outcome)
        return outcome

    def _answered(self, who: Actor, outcome: Outcome) -> None:
        if isinstance(outcome, ShowForm):
            shown = [outcome.form.title, outcome.form.intro, dict(outcome.values)]
            self.shown.append((who.user_id, strings_in(shown)))
            return
        mine = [item.filename for item in outcome.attachments if item.channel is None]
        shown = plain(outcome.message) + "\n" + buttons(outcome.message) + strings_in(mine)
        self.shown.append((who.user_id, shown))
        channels = self.hw.event.channels(self.messenger.platform)
        for shared in (item for item in outcome.attachments if item.channel is not None):
            self.shown.append((str(getattr(channels, shared.channel.value)), shared.filename))

    async def settle(self) -> None:
        self.clock.advance(timedelta(minutes=1))
        platforms = {self.messenger.platform: self.messenger}
        await WorkRunner(self.hw, platforms, build_work_handlers()).run_due()
        await Dispatcher(self.hw, platforms).deliver_due()

    def delivered(self) -> list[tuple[str, str]]:
        """Each message given to the platform, at its address (an edit: where the original
        was posted)."""
        refs = {f"ref-{n}": sent.address for n, sent in enumerate(self.messenger.sent, start=1)}
        found = []
        for sent in self.messenger.sent:
            if sent.message is not None:
                where = refs.get(sent.address, sent.address) if sent.kind == "update" else None
                found.append(
                    (where or sent.address, plain(sent.message) + "\n" + buttons(sent.message))
                )
        return found


def buttons(message: Message) -> str:
    """The buttons' `action:value`s, as a person given the message could press them."""
    return "".join(f"{button.action}:{button.value}\n" for button in message.buttons)


async def people(hw: Hallway) -> dict[str, Actor]:
    for email, name, roles in (
        ("ada@example.org", "Ada Lovelace", ()),
        ("bob@example.org", "Bob Babbage", ()),
        ("chair@example.org", "Grace Hopper", (Role.CHAIR,)),
        ("team@example.org", "Mary Seacole", (Role.CONDUCT,)),
        ("mallory@example.org", "Mallory Malice", ()),
    ):
        await register(hw, email, name, *roles)
    names = ("ada", "bob", "chair", "team", "mallory")
    return {name: await actor(hw, f"{name}@example.org") for name in names}


async def propose(seen: Seen, ada: Actor, bob: Actor, title: str, slot: str, notes: str) -> int:
    values = {
        "title": title,
        "description": "We read one paper together.",
        "category": "research",
        "tags": "rl",
        "coleads": "bob@example.org",
        "slot1": slot,
        "duration": "120",
        "notes": notes,
        "conduct": True,
    }
    await seen.act(ada, ROUTER.submit(seen.hw, ada, SUBMIT_FORM.id, values, ""))
    async with seen.hw.uow() as uow:
        socials = await uow.socials.for_event(seen.hw.event.id)
    social_id = max(social.id for social in socials)
    await seen.settle()
    await seen.act(bob, ROUTER.press(seen.hw, bob, "social.confirm_lead", str(social_id)))
    await seen.settle()
    return social_id


async def lifecycle(hw: Hallway, clock: ManualClock, messenger: RecordingMessenger) -> Seen:
    seen = Seen(hw, clock, messenger)
    cast = await people(hw)
    ada, bob, chair, mallory = cast["ada"], cast["bob"], cast["chair"], cast["mallory"]
    first = await propose(seen, ada, bob, "Reading group", "2021-07-19 15:00", NOTE)
    second = await propose(seen, ada, bob, "Paper club", "2021-07-20 15:00", "")
    opened = await seen.act(chair, ROUTER.press(hw, chair, "social.comment", str(first)))
    assert isinstance(opened, ShowForm)
    comment = {"comment": COMMENT}
    await seen.act(chair, ROUTER.submit(hw, chair, "social.comment", comment, opened.context))
    await seen.act(chair, ROUTER.run_text(hw, chair, "social", f"chairs approve {first}"))
    combine = f"chairs combine {second} {first}"
    await seen.act(chair, ROUTER.run_text(hw, chair, "social", combine))
    await seen.settle()
    for text in ("chairs", "chairs rejected", "balance", "stats", "export", "chairs release"):
        await seen.act(chair, ROUTER.run_text(hw, chair, "social", text))
    await seen.act(chair, ROUTER.run_text(hw, chair, "hallway", "deliveries"))
    await seen.settle()
    for text in ("chairs", "balance", "stats", "export"):  # refused to a participant
        await seen.act(mallory, ROUTER.run_text(hw, mallory, "social", text))
    await seen.act(mallory, ROUTER.run_text(hw, mallory, "hallway", "deliveries"))
    report = {"about_kind": "general", "about": "", "description": REPORT, "anonymous": "no"}
    await seen.act(bob, ROUTER.submit(hw, bob, REPORT_FORM.id, report, ""))
    await seen.settle()
    for who in (ada, bob, mallory):
        await seen.act(who, ROUTER.run_text(hw, who, "social", "mine"))
        await seen.act(who, ROUTER.run_text(hw, who, "programme", "today"))
    return seen


async def test_chairs_data_reaches_only_the_chairs_and_conduct_reports_only_the_team(
    hw: Hallway, clock: ManualClock, messenger: RecordingMessenger
) -> None:
    seen = await lifecycle(hw, clock, messenger)
    chairs = frozenset({"socials-chairs", "U-chair@example.org"})
    team = frozenset({"conduct-team", "U-team@example.org"})
    allowed = {"chairs": chairs, "team": team, "reporter": team | {"U-bob@example.org"}}
    shown = seen.shown + seen.delivered()
    unseen, outside = leaks(shown, allowed)
    assert unseen == {}
    assert outside == {}
    refusals = [text for who, text in shown if who == "U-mallory@example.org" and "Only" in text]
    assert len(refusals) == 5  # the participant tried every chairs' view, and was refused
    assert len(shown) >= 40


def test_the_search_finds_chairs_data_given_to_someone_else() -> None:
    """The comparison above can fail: a note planted in a participant's answer is found."""
    allowed = {
        "chairs": frozenset({"socials-chairs"}),
        "team": frozenset(),
        "reporter": frozenset(),
    }
    planted = [("U-mallory@example.org", f"Your social\n{NOTE}"), ("socials-chairs", NOTE)]
    _unseen, outside = leaks(planted, allowed)
    assert outside == {"notes to the chairs": ["U-mallory@example.org"]}
