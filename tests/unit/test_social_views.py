"""What the chairs' card and the leads' list show, by state."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.domain.audit import AuditEntry
from bot.domain.participants import Participant
from bot.domain.socials import Category, Consent, Decision, Social, SocialLead, SocialSlot
from bot.messages import Item, Message, plain
from bot.views.social_card import card_buttons, edited_after_review, review_card
from bot.views.socials import my_proposals_blocks

NOW = datetime(2021, 6, 15, 9, tzinfo=UTC)


def proposal() -> Social:
    social = Social(
        event_id=1,
        title="Quiz night",
        description="Questions",
        category=Category.GATHERING,
        duration_minutes=120,
        submitted_by=1,
        submitted_at=NOW,
        leads=[
            SocialLead(1, Consent.CONFIRMED, is_submitter=True),
            SocialLead(2, Consent.CONFIRMED),
        ],
        slots=[SocialSlot(NOW + timedelta(days=34))],
    )
    social.id = 5
    return social


def people() -> dict[int, Participant]:
    found = {}
    for pid, name in ((1, "Ada"), (2, "Bob"), (9, "Grace")):
        person = Participant(1, f"{name.lower()}@example.org", name)
        person.id = pid
        found[pid] = person
    return found


def entry(action: str, actor_id: int, **kw: object) -> AuditEntry:
    return AuditEntry(1, "social:5", actor_id, NOW, action, **kw)  # type: ignore[arg-type]


def actions(social: Social) -> list[str]:
    return [button.action for button in card_buttons(social)]


def test_the_card_offers_what_the_state_allows() -> None:
    social = proposal()
    assert actions(social) == [
        "social.approve",
        "social.reject",
        "social.suggest",
        "social.combine",
        "social.comment",
    ]
    social.decision = Decision.ACCEPTED
    assert actions(social)[0] == "social.release"
    social.released_at = NOW
    assert actions(social) == ["social.comment"]
    assert {button.value for button in card_buttons(social)} == {"5"}


def test_the_leads_never_see_a_held_decision() -> None:
    social = proposal()
    social.decision = Decision.REJECTED
    shown = plain(Message("mine", tuple(my_proposals_blocks([social], people(), 1))))
    assert "with the chairs for review" in shown
    assert "rejected" not in shown and "not accepted" not in shown
    social.released_at = NOW
    shown = plain(Message("mine", tuple(my_proposals_blocks([social], people(), 1))))
    assert "not accepted" in shown


def test_a_pending_lead_gets_confirm_buttons_in_their_list() -> None:
    social = proposal()
    social.leads[1].consent = Consent.PENDING
    _heading, item = my_proposals_blocks([social], people(), 2)
    assert isinstance(item, Item)
    assert [b.action for b in item.buttons][:2] == ["social.confirm_lead", "social.decline_lead"]


def test_an_edit_counts_as_after_review_only_until_a_chair_acts_again() -> None:
    edit = entry("edit", 1, before={"title": "Old"}, after={"title": "Quiz night"})
    assert edited_after_review([entry("submit", 1), edit]) is None
    assert edited_after_review([entry("approve", 9), edit]) is edit
    assert edited_after_review([entry("approve", 9), edit, entry("comment", 9)]) is None


def test_the_card_shows_the_edit_before_and_after_in_each_readers_time() -> None:
    before, after = NOW + timedelta(days=34), NOW + timedelta(days=35)
    edit = entry(
        "edit", 1, before={"slots": [before.isoformat()]}, after={"slots": [after.isoformat()]}
    )
    card = plain(review_card(proposal(), people(), [entry("approve", 9), edit]))
    assert "Edited after review by Ada:" in card
    assert "slots: Mon 19 Jul, 09:00 UTC → Tue 20 Jul, 09:00 UTC" in card
    assert "Grace approved" in card
