"""Every command verb and button of Hallway, through the real discord.py client against the
fake gateway, by each role of the policy, in one world restored before each person acts. What
the policy allows is not refused; what it does not is refused by the core with an ephemeral
sentence, no row of any table changes and nothing is posted to a channel.

Forms are not sent here on their own: on Discord a modal is only ever shown to whoever pressed
its opener (a command or button of this matrix), and a modal sent back without one is refused
(`test_discord_forged.py`)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.app import Hallway
from bot.clock import ManualClock
from bot.errors import NotRegistered
from storage import Database
from tests.adapters.discord.conftest import connected
from tests.adapters.discord.fake_discord import Call, FakeDiscord
from tests.adapters.discord.helpers import link
from tests.adapters.discord.interactions import DiscordUser, new_user
from tests.adapters.discord.world import World, text_of
from tests.hardening.authz_platforms.discord_forging import ephemeral, posted_to_channels
from tests.hardening.authz_platforms.matrix_world import ACTING, AFTER_START, Targets, build_world
from tests.hardening.authz_platforms.policy import ACTS, ROLES, Act, allowed
from tests.hardening.authz_platforms.recording import RecordingRouter
from tests.hardening.authz_platforms.snapshot import Rows, changed, contents, restore

# Who may do what is decided in the core, whose matrix (tests/hardening/authz/
# test_core_matrix.py) runs on both databases; this surface only translates, the same way on
# either, so SQLite is enough here.
BACKENDS = ("sqlite",)

ON_DISCORD = [act for act in ACTS if act.kind != "form"]
APOLOGY = "Sorry, something went wrong"
LONE = {"help", "whoami", "stats", "timezone", "verify"}
USERS = {role: new_user(role) for role in ROLES}  # Discord ids are stable across the tests
BUILT: dict[bool, tuple[Rows, Targets]] = {}


@pytest.fixture
async def matrix(
    fake: FakeDiscord, hw: Hallway, clock: ManualClock, database: Database
) -> AsyncIterator[tuple[World, RecordingRouter, Targets]]:
    made = World(fake, hw, clock)
    router = RecordingRouter()
    made.router = router
    try:
        async with connected(fake, made.hw, router):
            if database.is_sqlite in BUILT:
                rows, targets = BUILT[database.is_sqlite]
                await restore(database, rows)
            else:
                targets = await build_world(made.hw, clock)
                await link_accounts(made)
                BUILT[database.is_sqlite] = (await contents(database), targets)
            yield made, router, targets
    finally:
        await made.rest.close()


async def link_accounts(world: World) -> None:
    """Every registered role's Discord account linked (as /verify would); not the unlinked."""
    for role, (email, _name, _roles) in ACTING.items():
        if role == "unlinked":
            continue
        async with world.hw.uow() as uow:
            person = await uow.participants.by_email(world.hw.event.id, email)
        assert person is not None
        await link(world.hw, person, USERS[role])


async def send(world: World, act: Act, user: DiscordUser, t: Targets) -> Call:
    args = act.args(t)
    if act.kind == "button":
        return await world.press_new(user, f"{act.name}:{args['value']}")
    words = act.name.split()
    if len(words) == 3:  # `/social chairs approve …`: the chairs' action is the first option
        args = {"what": words[2], **args}
    verb = None if words[0] in LONE else words[1]
    return await world.slash(user, words[0], verb, **args)


@pytest.mark.parametrize("act", ON_DISCORD, ids=lambda act: act.id)
async def test_each_role_is_allowed_or_refused_as_the_policy_says(
    matrix: tuple[World, RecordingRouter, Targets],
    database: Database,
    clock: ManualClock,
    act: Act,
) -> None:
    world, router, targets = matrix
    start = clock.now()
    before = now = await contents(database)
    wrong: list[str] = []
    for role in ROLES:
        if now != before:
            await restore(database, before)
        clock.set(AFTER_START if act.during else start)
        router.clear()
        calls = len(world.fake.calls)
        answer = await send(world, act, USERS[role], targets)
        refusal, shown = router.refusal(), text_of(answer)
        if APOLOGY in shown or not ephemeral(answer):
            wrong.append(f"{role}: apology or a public answer: {shown[:160]}")
        elif allowed(role, act) and refusal is not None:
            wrong.append(f"{role}: refused although allowed: {refusal.message}")
        elif not allowed(role, act) and refusal is None:
            wrong.append(f"{role}: not refused: {shown[:160]}")
        elif not allowed(role, act) and refusal is not None:
            if refusal.message[:40].replace("*", "") not in shown:
                wrong.append(f"{role}: refusal not shown: {shown[:160]}")
            if role in ("unlinked", "unregistered") and not isinstance(refusal, NotRegistered):
                wrong.append(f"{role}: refused, but not told to register: {refusal.message}")
        now = await contents(database)
        if not allowed(role, act):
            diff, posts = changed(before, now), posted_to_channels(world, calls)
            if diff or posts:
                wrong.append(f"{role}: refused but changed {diff} posted {posts}")
    assert wrong == [], "\n".join(wrong)
