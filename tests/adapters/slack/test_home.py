"""The App Home: built from the core's sections — who you are, your socials and their state,
your RSVPs and bookings, what starts next, and for chairs the queue counts with the way to the
balance view — and its buttons work from the tab, which is drawn again after each press."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from storage import Database
from storage.tables import accounts
from tests.adapters.slack.answers import START
from tests.adapters.slack.button_sources import a_session, public_social
from tests.adapters.slack.harness import SlackHarness
from tests.adapters.slack.scenes import (
    ADA,
    BOB,
    CHAIR,
    MALLORY,
    STRANGER,
    Shown,
    buttons,
    cast,
    home_of,
    press,
    propose,
    slack_actor,
)
from tests.factories import stored_social


@pytest.fixture(autouse=True)
async def people(hallway: SlackHarness) -> None:
    await cast(hallway)


async def open_home(hallway: SlackHarness, user: str) -> Shown:
    before = len(hallway.fake.called("views.publish"))
    opened = {"type": "app_home_opened", "user": user, "channel": f"D{user}", "tab": "home"}
    answer = await hallway.send.event(opened, f"Ev{user}{before}")
    assert answer.status == 200
    await hallway.fake.wait_for("views.publish", before + 1)
    await hallway.settled()
    return home_of(hallway, user)


def headers(shown: Shown) -> list[str]:
    return [block["text"]["text"] for block in shown.blocks if block["type"] == "header"]


async def test_a_participants_home_shows_their_socials_bookings_and_what_is_next(
    hallway: SlackHarness,
) -> None:
    await propose(hallway)
    session_id = await a_session(hallway)
    await hallway.command("/mentoring", f"book {session_id}", ADA)
    home = await open_home(hallway, ADA)
    assert headers(home) == [
        "You are Ada Lovelace",
        "Your socials",
        "Your mentoring",
        "Starting in the next 3 hours",
    ]
    text = str(home.blocks)
    assert "#1 *Reading group* — awaiting co-lead" in text
    assert "Alan Turing" in text and "Cancel booking" in text


async def test_rsvps_show_on_the_home_with_their_cancel_button(hallway: SlackHarness) -> None:
    await public_social(hallway)
    await hallway.command("/social", "rsvp 1", MALLORY)
    home = await open_home(hallway, MALLORY)
    text = str(home.blocks)
    assert "Public social" in text and "You are going." in text
    assert "social.cancel_rsvp" in [b["action_id"] for b in buttons(home.blocks)]


async def test_a_chairs_home_has_the_queue_counts_and_the_balance_button(
    hallway: SlackHarness,
) -> None:
    await propose(hallway)
    home = await open_home(hallway, CHAIR)
    assert headers(home)[-2:] == ["Social chairs", "Statistics for the chairs"]
    assert "Review queue — awaiting co-lead: 1 · new: 0" in str(home.blocks)
    labels = [b["text"]["text"] for b in buttons(home.blocks)]
    assert labels[-1] == "Programme balance"
    assert len(home.blocks) <= 100


async def test_the_balance_button_shows_the_balance_over_the_home_and_posts_the_heatmap(
    hallway: SlackHarness,
) -> None:
    await propose(hallway)
    turn = await press(hallway, await open_home(hallway, CHAIR), "social.balance")
    assert turn.reply.method == "views.open"
    assert turn.view["blocks"][0]["text"]["text"].startswith("Programme balance: 1 standing")
    assert turn.called("views.publish")[0].args["user_id"] == CHAIR
    [heatmap] = hallway.fake.shared
    assert heatmap["channel_id"] == hallway.fake.channel_named("socials-chairs")


async def test_someone_not_a_chair_has_no_chairs_section(hallway: SlackHarness) -> None:
    home = await open_home(hallway, MALLORY)
    assert "Social chairs" not in headers(home)
    assert "social.balance" not in str(home.blocks)


async def test_a_stranger_sees_how_to_get_in_and_what_is_next_and_nothing_is_stored(
    hallway: SlackHarness, database: Database
) -> None:
    home = await open_home(hallway, STRANGER)
    assert headers(home) == ["You are not linked to a registration", "Starting in the next 3 hours"]
    async with database.engine.connect() as connection:
        assert await connection.scalar(select(func.count()).select_from(accounts)) == 0


async def test_confirming_from_the_home_tab_answers_and_draws_the_tab_again(
    hallway: SlackHarness,
) -> None:
    await propose(hallway)
    home = await open_home(hallway, BOB)
    turn = await press(hallway, home, "social.confirm_lead")
    assert turn.reply.method == "views.open"
    assert "You are now a lead of *Reading group*" in turn.reply.text
    redrawn = home_of(hallway, BOB)
    assert "social.confirm_lead" not in str(redrawn.blocks)
    assert "with the chairs for review" in str(redrawn.blocks)


async def test_a_refused_press_on_the_home_is_answered_over_it(hallway: SlackHarness) -> None:
    home = await open_home(hallway, MALLORY)
    turn = await hallway.press("social.balance", "", MALLORY, view=home.view)
    assert turn.reply.method == "views.open"
    assert "Only the chairs of ICML 2021" in turn.reply.text


async def test_a_long_home_keeps_within_slacks_100_blocks_and_says_where_to_see_all(
    hallway: SlackHarness,
) -> None:
    ada, bob = [(await slack_actor(hallway, user)).participant for user in (ADA, BOB)]
    assert ada is not None and bob is not None
    for number in range(40):
        start = START + timedelta(hours=3 * number)
        await stored_social(
            hallway.hw, f"Social {number}", [ada.id, bob.id], [start], released=True
        )
    home = await open_home(hallway, ADA)
    assert len(home.blocks) <= 100
    assert "See all with /social mine." in str(home.blocks)
