"""Parts every socials message shares (slots, leads, states), and what leads see of their own
proposals. Leads never see a decision before the chairs release it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from bot.conduct_policy import policy_button
from bot.domain.participants import Participant
from bot.domain.socials import Consent, Decision, LeadAsk, QueueState, Social, SocialLead
from bot.messages import (
    Block,
    Button,
    Inline,
    Item,
    Line,
    Message,
    Person,
    Strong,
    When,
    line,
    text,
)
from bot.messages import message as build_message
from bot.timerules import Interval

People = Mapping[int, Participant]


def person(people: People, participant_id: int) -> Inline:
    found = people.get(participant_id)
    return Person(participant_id, found.name) if found else f"participant {participant_id}"


def name_of(people: People, participant_id: int) -> str:
    found = people.get(participant_id)
    return found.name if found else f"participant {participant_id}"


def span_line(span: Interval) -> Line:
    return line("{start} – {end}", start=When(span.start, "full"), end=When(span.end, "time"))


def slot_lines(social: Social) -> list[Line]:
    return [span_line(span) for span in social.intervals()]


def consent_label(lead: SocialLead) -> str:
    role = "submitter" if lead.is_submitter else "co-lead"
    if lead.consent == Consent.CONFIRMED:
        return f"{role}, confirmed"
    if lead.consent == Consent.DECLINED:
        return f"{role}, declined"
    if lead.asked_for == LeadAsk.COMBINE:
        return f"{role}, asked to accept the combination"
    return f"{role}, asked, not yet confirmed"


def leads_line(social: Social, people: People) -> Line:
    parts: list[Inline] = ["Leads: "]
    for index, lead in enumerate(social.leads):
        if index:
            parts.append(", ")
        parts.extend((person(people, lead.participant_id), f" ({consent_label(lead)})"))
    return tuple(parts)


def title_line(social: Social, suffix: str = "") -> Line:
    return (f"#{social.id} ", Strong(social.title), *((f" — {suffix}",) if suffix else ()))


def state_for_leads(social: Social) -> str:
    """Where the proposal stands, as its leads may know it: held decisions stay hidden."""
    state = social.state
    if state in (QueueState.NEW, QueueState.DECIDED):
        return "with the chairs for review"
    if state == QueueState.AWAITING_LEADS:
        return "awaiting the leads' answer to the chairs"
    if state == QueueState.RELEASED:
        return "accepted" if social.decision == Decision.ACCEPTED else "not accepted"
    if state == QueueState.COMBINED:
        return f"combined into #{social.combined_into}"
    return state.value


def my_proposals_blocks(socials: Sequence[Social], people: People, me: int) -> list[Block]:
    """`/social mine`: each proposal I lead or am asked to lead, with what I can do about it."""
    if not socials:
        return [text("Proposals: none under review. Type /social to propose one.")]
    return [text("Proposals:"), *(_my_item(social, people, me) for social in socials)]


def _my_item(social: Social, people: People, me: int) -> Item:
    lines = [title_line(social, state_for_leads(social)), leads_line(social, people)]
    lines.extend(slot_lines(social))
    mine = social.lead(me)
    buttons: tuple[Button, ...] = ()
    if mine is not None and mine.consent == Consent.PENDING:
        buttons = consent_buttons(social)
    elif social.open_suggestion is not None:
        suggestion = social.open_suggestion
        lines.append(("The chairs suggest a change: see their message, or answer here.",))
        buttons = suggestion_buttons(social.id, suggestion.id)
    elif social.state not in (QueueState.WITHDRAWN, QueueState.COMBINED):
        buttons = (Button("Edit", "social.edit", str(social.id)),)
    return Item(tuple(lines), buttons)


def consent_buttons(social: Social) -> tuple[Button, ...]:
    value = str(social.id)
    return (
        Button("Confirm", "social.confirm_lead", value, "primary"),
        Button("Decline", "social.decline_lead", value, "danger"),
        policy_button(),
    )


def suggestion_buttons(social_id: int, suggestion_id: int) -> tuple[Button, ...]:
    value = f"{social_id}:{suggestion_id}"
    return (
        Button("Accept", "social.accept_suggestion", value, "primary"),
        Button("Decline", "social.decline_suggestion", value, "danger"),
    )


def submitted_reply(social: Social) -> Message:
    waiting = any(lead.consent == Consent.PENDING for lead in social.leads)
    asked: list[Line] = []
    if waiting:
        asked.append(
            (
                "Each co-lead you named gets a message to confirm. Until all have, the chairs "
                "see your proposal as awaiting co-lead.",
            )
        )
    return build_message(
        "Social proposal saved",
        title_line(social, "awaiting co-lead" if waiting else state_for_leads(social)),
        *slot_lines(social),
        *asked,
        line(
            "Edit it with /social edit {id} or withdraw it with /social withdraw {id} until "
            "the deadline; /social mine shows where it stands.",
            id=str(social.id),
        ),
    )
