"""A social from proposal to release, all through Slack: the modal with a co-lead picked, the
co-lead's DM and Confirm, the chairs' card and its buttons, the card updated in place, a
non-chair refused, the release and the leads' DMs with Slack date tokens."""

from __future__ import annotations

import re

import pytest

from bot.domain.socials import Consent, Decision, QueueState
from tests.adapters.slack.harness import SlackHarness
from tests.adapters.slack.scenes import (
    ADA,
    BOB,
    MALLORY,
    STRANGER,
    card,
    cast,
    confirmed,
    decide,
    fill_in,
    in_dm,
    press,
    propose,
    social,
)

DATE_TOKEN = re.compile(r"<!date\^\d+\^[^|>]+\|[^>]+>")


@pytest.fixture(autouse=True)
async def people(hallway: SlackHarness) -> None:
    await cast(hallway)


async def test_the_co_lead_picked_in_the_form_is_linked_and_named_on_the_proposal(
    hallway: SlackHarness,
) -> None:
    proposed = await propose(hallway)
    assert [call.args["user"] for call in hallway.fake.called("users.info")] == [ADA, BOB]
    assert [(lead.is_submitter, lead.consent) for lead in proposed.leads] == [
        (True, Consent.CONFIRMED),
        (False, Consent.PENDING),
    ]


async def test_the_co_lead_is_asked_in_a_dm_with_confirm_decline_and_the_code_of_conduct(
    hallway: SlackHarness,
) -> None:
    await propose(hallway, "Queer in AI social")
    await hallway.deliver()
    [opened] = hallway.fake.called("conversations.open")
    assert opened.args["users"] == BOB
    ask = in_dm(hallway, BOB, "You are named as co-lead of a social")
    labels = [
        element["text"]["text"]
        for block in ask.blocks
        if block["type"] == "actions"
        for element in block["elements"]
    ]
    assert labels == ["Confirm", "Decline", "Code of conduct"]
    assert "Queer in AI social" in str(ask.blocks)


async def test_confirming_from_the_dm_makes_the_co_lead_a_lead(hallway: SlackHarness) -> None:
    proposed = await propose(hallway)
    await hallway.deliver()
    turn = await press(
        hallway, in_dm(hallway, BOB, "You are named as co-lead"), "social.confirm_lead"
    )
    assert turn.reply.method == "response_url" and turn.reply.args["response_type"] == "ephemeral"
    assert "You are now a lead of *Reading group*" in turn.text
    assert (await social(hallway, proposed.id)).state == QueueState.NEW


async def test_the_chairs_card_is_posted_in_the_chairs_channel_with_its_buttons(
    hallway: SlackHarness,
) -> None:
    proposed = await confirmed(hallway)
    shown = card(hallway, proposed.id)
    assert shown.channel == hallway.fake.channel_named("socials-chairs")
    text = str(shown.blocks)
    assert "State: *new*" in text and "<@UADA>" in text and "<@UBOB>" in text
    assert [b["text"]["text"] for b in shown.blocks[-1]["elements"]] == [
        "Approve",
        "Reject",
        "Suggest a time",
        "Combine",
        "Comment",
    ]


async def test_approving_updates_the_card_in_place_with_the_state_and_who_acted(
    hallway: SlackHarness,
) -> None:
    proposed = await confirmed(hallway)
    before = card(hallway, proposed.id)
    posts = len(hallway.fake.called("chat.postMessage"))
    turn = await decide(hallway, proposed.id, "approve", message="Lovely", release_now=False)
    assert "*Reading group* approved — held until you release decisions." in turn.text
    updated = hallway.fake.called("chat.update")[-1]
    assert (updated.args["channel"], updated.args["ts"]) == (before.channel, before.message["ts"])
    after = card(hallway, proposed.id)
    assert after.message["ts"] == before.message["ts"] and after.message["edited"]
    text = str(after.blocks)

    assert "State: *decided*" in text
    assert "Decision: *accepted* by <@UCHAIR>, held until released" in text
    assert len(hallway.fake.called("chat.postMessage")) == posts  # no second card
    assert "Release" in [b["text"]["text"] for b in after.blocks[-1]["elements"]]


async def test_the_approve_form_opens_over_the_card_for_a_chair(hallway: SlackHarness) -> None:
    proposed = await confirmed(hallway)
    turn = await press(hallway, card(hallway, proposed.id), "social.approve")
    assert turn.reply.method == "views.open"
    assert turn.view["title"]["text"] == "Approve a social"


async def test_a_non_chair_pressing_approve_is_refused_ephemerally_and_nothing_changes(
    hallway: SlackHarness,
) -> None:
    proposed = await confirmed(hallway)
    updates = len(hallway.fake.called("chat.update"))
    turn = await press(hallway, card(hallway, proposed.id), "social.approve", user=MALLORY)
    assert turn.reply.method == "response_url"
    assert turn.reply.args["response_type"] == "ephemeral"
    assert turn.reply.args["text"] == "Only the chairs of ICML 2021 can review socials."
    assert turn.called("views.open") == []
    await hallway.deliver()
    after = await social(hallway, proposed.id)
    assert (after.decision, after.state) == (None, QueueState.NEW)
    assert len(hallway.fake.called("chat.update")) == updates


async def test_releasing_sends_each_lead_the_decision_with_slack_date_tokens(
    hallway: SlackHarness,
) -> None:
    proposed = await confirmed(hallway)
    await decide(hallway, proposed.id, "approve", message="See you there", release_now=False)
    turn = await press(hallway, card(hallway, proposed.id), "social.release")
    assert "Its leads get the decision now." in turn.text
    await hallway.deliver()
    for lead in (ADA, BOB):
        decision = in_dm(hallway, lead, "accepted")
        text = str(decision.blocks)
        assert DATE_TOKEN.search(text), text
        assert "See you there" in text
    assert (await social(hallway, proposed.id)).decision == Decision.ACCEPTED
    assert "released" in str(card(hallway, proposed.id).blocks)


async def test_an_unregistered_co_lead_is_named_in_the_form_shown_again_and_nothing_is_stored(
    hallway: SlackHarness,
) -> None:
    opened = await hallway.command("/social", "", ADA)
    turn = await fill_in(hallway, opened, ADA, "social.submit", coleads=[STRANGER], slot3=None)
    shown = turn.reply
    assert shown.method == "views.update"
    problems = [b for b in shown.args["view"]["blocks"] if b["type"] == "context"]
    assert problems[0]["elements"][0]["text"].startswith(
        ":warning: <@USTRANGER> is not a registered participant of ICML 2021"
    )
    async with hallway.hw.uow() as uow:
        assert await uow.socials.for_event(hallway.hw.event.id) == []


async def test_the_whole_story_from_the_modal_to_the_leads_decisions(
    hallway: SlackHarness,
) -> None:
    proposed = await propose(hallway, "Queer in AI social")
    await hallway.deliver()
    await press(hallway, in_dm(hallway, BOB, "You are named as co-lead"), "social.confirm_lead")
    await hallway.deliver()
    posted = card(hallway, proposed.id)
    refused = await press(hallway, posted, "social.approve", user=MALLORY)
    assert "Only the chairs" in refused.text
    await decide(hallway, proposed.id, "approve", message="Welcome!", release_now=False)
    decided = card(hallway, proposed.id)
    assert decided.message["ts"] == posted.message["ts"]
    assert "Decision: *accepted* by <@UCHAIR>" in str(decided.blocks)
    await press(hallway, decided, "social.release")
    await hallway.deliver()
    for lead in (ADA, BOB):
        assert DATE_TOKEN.search(str(in_dm(hallway, lead, "Your social is accepted").blocks))
    assert "released" in str(card(hallway, proposed.id).blocks)
    assert len(hallway.fake.in_channel(posted.channel)) == 1  # one card, edited in place
