"""What the social chairs see: a review card per proposal (posted once, revised in place on
every change) and the review queue with its counts."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from bot.domain.audit import AuditEntry
from bot.domain.socials import Consent, Decision, LeadAsk, QueueState, Social
from bot.messages import Actions, Block, Button, Item, Line, Message, Note, Strong, When, line, text
from bot.timerules import Interval
from bot.views.socials import People, leads_line, person, slot_lines, span_line, title_line

CHAIR_ACTIONS = frozenset({"approve", "reject", "suggest", "combine", "comment", "release"})
# What the card shows of each audited action.
VERBS = {
    "submit": "submitted",
    "edit": "edited",
    "withdraw": "withdrew",
    "confirm_lead": "confirmed as lead",
    "decline_lead": "declined to lead",
    "approve": "approved",
    "reject": "rejected",
    "suggest": "suggested a change",
    "accept_suggestion": "accepted the suggestion",
    "decline_suggestion": "declined the suggestion",
    "combine": "combined",
    "combined_into": "combined",
    "combine_off": "called off the combination",
    "comment": "commented",
    "release": "released the decision",
}
HISTORY_SHOWN = 6


def card_buttons(social: Social) -> tuple[Button, ...]:
    """The chairs' actions that apply in this state (the services check again)."""
    value, state = str(social.id), social.state
    approve = Button("Approve", "social.approve", value, "primary")
    reject = Button("Reject", "social.reject", value, "danger")
    suggest = Button("Suggest a time", "social.suggest", value)
    combine = Button("Combine", "social.combine", value)
    release = Button("Release", "social.release", value)
    comment = Button("Comment", "social.comment", value)
    by_state = {
        QueueState.NEW: (approve, reject, suggest, combine, comment),
        QueueState.DECIDED: (release, approve, reject, suggest, combine, comment),
        QueueState.AWAITING_LEADS: (approve, reject, suggest, comment),
    }
    if _combination_pending(social):
        return (comment,)
    return by_state.get(state, (comment,))


def _combination_pending(social: Social) -> bool:
    return any(
        lead.asked_for == LeadAsk.COMBINE and lead.consent == Consent.PENDING
        for lead in social.leads
    )


def review_card(social: Social, people: People, history: Sequence[AuditEntry]) -> Message:
    blocks: list[Block] = [text(line("State: {state}", state=Strong(social.state.value)))]
    blocks.append(text(*_facts(social, people)))
    blocks.append(text(("Description:",), (social.description,)))
    blocks.extend(_review_status(social, people, history))
    shown = history[-HISTORY_SHOWN:]
    if shown:
        blocks.append(Note(tuple(_history_line(entry, people) for entry in shown)))
    blocks.append(Actions(card_buttons(social)))
    return Message(f"Social proposal #{social.id}: {social.title}", tuple(blocks))


def _facts(social: Social, people: People) -> list[Line]:
    tags = ", ".join(social.tags) or "none"
    facts: list[Line] = [
        line("Category: {category} · Tags: {tags}", category=social.category.label, tags=tags),
        leads_line(social, people),
        line("Slots ({minutes} min each):", minutes=str(social.duration_minutes)),
        *slot_lines(social),
        line("Video: {video}", video=social.video_url or "a room will be made"),
        line("Capacity: {capacity}", capacity=str(social.capacity or "open")),
    ]
    if social.notes_to_chairs:
        facts.append(line("Notes to the chairs: {notes}", notes=social.notes_to_chairs))
    return facts


def _review_status(social: Social, people: People, history: Sequence[AuditEntry]) -> list[Block]:
    blocks: list[Block] = []
    suggestion = social.open_suggestion
    if suggestion is not None:
        lines: list[Line] = [
            line(
                "{chair} suggested a change; waiting for the leads:",
                chair=person(people, suggestion.chair_id),
            )
        ]
        lines.extend(_starts_lines(suggestion.starts, social.duration_minutes))
        if suggestion.message:
            lines.append(line("“{message}”", message=suggestion.message))
        blocks.append(text(*lines))
    if social.combined_into is not None:
        blocks.append(text(f"Combined into proposal #{social.combined_into}."))
    if social.decision is not None:
        blocks.append(text(*_decision_lines(social, social.decision, people)))
    edited = edited_after_review(history)
    if edited is not None:
        blocks.append(text(*_edit_lines(edited, people)))
    return blocks


def _decision_lines(social: Social, decision: Decision, people: People) -> list[Line]:
    who = person(people, social.decided_by) if social.decided_by else "the chairs"
    held = (
        line(", released {at}", at=When(social.released_at, "short"))
        if social.released_at
        else (", held until released",)
    )
    lines = [(*line("Decision: {what} by {who}", what=Strong(decision.value), who=who), *held)]
    if social.chairs_message:
        lines.append(line("Message to the leads: “{message}”", message=social.chairs_message))
    return lines


def edited_after_review(history: Sequence[AuditEntry]) -> AuditEntry | None:
    """The leads' latest edit, if it came after a chair acted and no chair has acted since."""
    reviewed, edited = False, None
    for entry in history:
        if entry.action in CHAIR_ACTIONS:
            reviewed, edited = True, None
        elif entry.action == "edit" and reviewed:
            edited = entry
    return edited


def _edit_lines(entry: AuditEntry, people: People) -> list[Line]:
    who = person(people, entry.actor_id) if entry.actor_id else "a lead"
    lines = [line("Edited after review by {who}:", who=who)]
    before, after = entry.before or {}, entry.after or {}
    for key in after:
        lines.extend(change_lines(key, before.get(key), after.get(key)))
    return lines


def change_lines(key: str, before: Any, after: Any) -> list[Line]:
    """One changed field, before → after, times as each reader's own."""
    label = key.replace("_", " ")
    if key == "slots":
        return [
            (f"{label}: ", *_times(before), " → ", *_times(after)),
        ]
    if key == "description":
        return [(f"{label}: changed (see above)",)]
    return [
        line("{label}: {before} → {after}", label=label, before=_shown(before), after=_shown(after))
    ]


def _times(values: Any) -> Line:
    parts: list[Any] = []
    for index, value in enumerate(values or []):
        parts.extend(([", "] if index else []) + [When(datetime.fromisoformat(value), "short")])
    return tuple(parts) or ("none",)


def _shown(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(str(item) for item in value) or "none"
    return "none" if value in (None, "") else f"{value}"


def _starts_lines(starts: Sequence[datetime], minutes: int) -> list[Line]:
    return [span_line(Interval.lasting(start, minutes)) for start in starts]


def _history_line(entry: AuditEntry, people: People) -> Line:
    who = person(people, entry.actor_id) if entry.actor_id else "Hallway"
    verb = VERBS.get(entry.action, entry.action)
    said = (f": “{entry.message}”",) if entry.message else ()
    return (When(entry.at, "short"), " — ", who, f" {verb}", *said)


def queue_message(
    counts: Mapping[QueueState, int], socials: Sequence[Social], people: People, shown: str
) -> Message:
    """`/social chairs`: how many proposals stand in each state, then the ones asked for."""
    summary = " · ".join(f"{state.value}: {counts.get(state, 0)}" for state in QueueState)
    items: list[Block] = [text(summary)]
    for social in socials:
        lines = [title_line(social, social.state.value), leads_line(social, people)]
        lines.extend(slot_lines(social))
        items.append(Item(tuple(lines), card_buttons(social)))
    if not socials:
        items.append(text(f"No proposals are {shown}."))
    items.append(
        text(
            "Filter with /social chairs new | awaiting co-lead | awaiting leads | decided | "
            "released. Release held decisions with /social chairs release."
        )
    )
    return Message(f"Social proposals — {shown}", tuple(items))
