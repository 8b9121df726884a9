"""/social chairs and the review card's buttons: the social chairs' side of the review.

Typed: `/social chairs [new | awaiting co-lead | awaiting leads | decided | released | all]`,
`approve ID [now] [MESSAGE…]`, `reject ID MESSAGE…`, `suggest ID`, `combine ID [OTHER]`,
`comment ID MESSAGE…`, `release [ID]`, `release at YYYY-MM-DD HH:MM`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from bot.app import Hallway
from bot.commands.registry import Command, Option, Router
from bot.commands.social_forms import (
    APPROVE_FORM,
    COMBINE_FORM,
    COMMENT_FORM,
    REJECT_FORM,
    SUGGEST_FORM,
    proposal_id,
    slot_values,
    slots_from,
    typed_id,
)
from bot.domain.socials import QueueState
from bot.errors import InvalidInput
from bot.forms import Form, Raw, parse_form
from bot.interaction import Actor, Outcome, Reply, ShowForm
from bot.messages import Strong, When, line, message
from bot.services import social_combine, social_release, social_review
from bot.services.social_support import require_chair
from bot.timerules import parse_local
from bot.views.social_card import queue_message

FILTERS = {
    "": None,
    "all": None,
    "new": QueueState.NEW,
    "awaiting co-lead": QueueState.AWAITING_COLEAD,
    "co-lead": QueueState.AWAITING_COLEAD,
    "awaiting leads": QueueState.AWAITING_LEADS,
    "leads": QueueState.AWAITING_LEADS,
    "decided": QueueState.DECIDED,
    "released": QueueState.RELEASED,
    "withdrawn": QueueState.WITHDRAWN,
    "combined": QueueState.COMBINED,
}
USAGE = (
    "Try /social chairs [new | awaiting co-lead | awaiting leads | decided | released], or "
    "/social chairs approve ID [now] [message], reject ID message, suggest ID, combine ID "
    "[OTHER], comment ID message, release [ID], release at YYYY-MM-DD HH:MM."
)

Typed = Callable[[Hallway, Actor, list[str]], Awaitable[Outcome]]

# What each typed action is called when someone who is not a chair tries it (the services'
# own words for the same refusal).
DOING = {
    "approve": "decide on socials",
    "reject": "reject socials",
    "suggest": "review socials",
    "combine": "review socials",
    "comment": "comment on socials",
    "release": "release decisions",
}


async def chairs(hw: Hallway, actor: Actor, args: Mapping[str, Any]) -> Outcome:
    what = str(args.get("what", "")).lower()
    words = str(args.get("details", "")).split()
    # Who may comes before what was typed: someone who is not a chair hears that, not what
    # was wrong with an id, a time or a filter they cannot use anyway.
    require_chair(hw, actor, _doing(what, words))
    if what in TYPED:
        return await TYPED[what](hw, actor, words)
    wanted = " ".join([what, *words]).replace("-", " ").replace("co lead", "co-lead").strip()
    if wanted not in FILTERS:
        raise InvalidInput.at(
            "what", f"“{wanted}” is not a queue filter or chairs' action. {USAGE}"
        )
    state = FILTERS[wanted]
    queue = await social_review.review_queue(hw, actor, state)
    shown = state.value if state is not None else "in the running"
    listing = queue.listing
    return Reply(queue_message(queue.counts, listing.socials, listing.people, shown))


def _doing(what: str, words: list[str]) -> str:
    if what == "release" and words[:1] and words[0].lower() == "at":
        return "schedule the release of decisions"
    return DOING.get(what, "see the review queue")


def _first_id(words: list[str], usage: str) -> int:
    if not words:
        raise InvalidInput.at("id", f"Which proposal? Usage: /social chairs {usage}")
    return typed_id(words[0])


async def typed_approve(hw: Hallway, actor: Actor, words: list[str]) -> Outcome:
    social_id = _first_id(words, "approve ID [now] [message]")
    rest = words[1:]
    now = bool(rest) and rest[0].lower() == "now"
    text = " ".join(rest[1:] if now else rest)
    social = await social_review.approve_social(hw, actor, social_id, text, release_now=now)
    return _decided(social.title, "approved", released=now)


async def typed_reject(hw: Hallway, actor: Actor, words: list[str]) -> Outcome:
    social_id = _first_id(words, "reject ID message")
    social = await social_review.reject_social(hw, actor, social_id, " ".join(words[1:]))
    return _decided(social.title, "rejected", released=False)


async def typed_suggest(hw: Hallway, actor: Actor, words: list[str]) -> Outcome:
    return await _suggest_form(hw, actor, str(_first_id(words, "suggest ID")))


async def typed_combine(hw: Hallway, actor: Actor, words: list[str]) -> Outcome:
    social_id = _first_id(words, "combine ID [OTHER]")
    return await _combine_form(hw, actor, str(social_id), words[1] if len(words) > 1 else "")


async def typed_comment(hw: Hallway, actor: Actor, words: list[str]) -> Outcome:
    social_id = _first_id(words, "comment ID message")
    social = await social_review.comment_on_social(hw, actor, social_id, " ".join(words[1:]))
    return Reply(message("Comment added", line("On {title}.", title=Strong(social.title))))


async def typed_release(hw: Hallway, actor: Actor, words: list[str]) -> Outcome:
    if words and words[0].lower() == "at":
        at = parse_local(" ".join(words[1:]), actor.tz)
        when = await social_release.schedule_release(hw, actor, at)
        return Reply(
            message(
                "Release scheduled", line("Held decisions go to the leads {at}.", at=When(when))
            )
        )
    social_id = typed_id(words[0]) if words else None
    released = await social_release.release_decisions(hw, actor, social_id)
    return Reply(
        message(
            "Decisions released",
            line("{count} decision(s) sent to their leads.", count=str(len(released))),
        )
    )


TYPED: dict[str, Typed] = {
    "approve": typed_approve,
    "reject": typed_reject,
    "suggest": typed_suggest,
    "combine": typed_combine,
    "comment": typed_comment,
    "release": typed_release,
}


def _decided(title: str, verb: str, *, released: bool) -> Reply:
    after = "and sent to its leads." if released else "— held until you release decisions."
    return Reply(
        message(
            f"Proposal {verb}",
            line("{title} {verb} {after}", title=Strong(title), verb=verb, after=after),
        )
    )


# --- the card's buttons: each opens its form for chairs only ---


async def _form_for(hw: Hallway, actor: Actor, value: str, form: Form) -> Outcome:
    social = await social_review.proposal_to_review(hw, actor, proposal_id(value))
    return ShowForm(form, {}, context=str(social.id))


async def _suggest_form(hw: Hallway, actor: Actor, value: str) -> Outcome:
    social = await social_review.proposal_to_review(hw, actor, proposal_id(value))
    return ShowForm(SUGGEST_FORM, slot_values(social, actor.tz), context=str(social.id))


async def _combine_form(hw: Hallway, actor: Actor, value: str, other: str = "") -> Outcome:
    social = await social_review.proposal_to_review(hw, actor, proposal_id(value))
    values: dict[str, Raw] = {"other": other, "title": social.title}
    values.update(description=social.description, **slot_values(social, actor.tz))
    return ShowForm(COMBINE_FORM, values, context=str(social.id))


async def press_release(hw: Hallway, actor: Actor, value: str) -> Outcome:
    await social_release.release_decisions(hw, actor, proposal_id(value))
    return Reply(message("Decision released", "Its leads get the decision now."))


# --- the forms' submissions ---


async def approved(hw: Hallway, actor: Actor, raw: Mapping[str, Raw], context: str) -> Outcome:
    values = parse_form(APPROVE_FORM, raw, actor.tz)
    now = bool(values["release_now"])
    social = await social_review.approve_social(
        hw, actor, proposal_id(context), values["message"] or "", release_now=now
    )
    return _decided(social.title, "approved", released=now)


async def rejected(hw: Hallway, actor: Actor, raw: Mapping[str, Raw], context: str) -> Outcome:
    values = parse_form(REJECT_FORM, raw, actor.tz)
    now = bool(values["release_now"])
    social = await social_review.reject_social(
        hw, actor, proposal_id(context), values["message"], release_now=now
    )
    return _decided(social.title, "rejected", released=now)


async def suggested(hw: Hallway, actor: Actor, raw: Mapping[str, Raw], context: str) -> Outcome:
    values = parse_form(SUGGEST_FORM, raw, actor.tz)
    social = await social_review.suggest_change(
        hw, actor, proposal_id(context), slots_from(values), values["message"] or ""
    )
    return Reply(
        message(
            "Suggestion sent", line("The leads of {title} are asked.", title=Strong(social.title))
        )
    )


async def combined(hw: Hallway, actor: Actor, raw: Mapping[str, Raw], context: str) -> Outcome:
    values = parse_form(COMBINE_FORM, raw, actor.tz)
    social = await social_combine.combine_socials(
        hw,
        actor,
        proposal_id(context),
        values["other"],
        values["title"],
        values["description"],
        slots_from(values),
    )
    return Reply(
        message(
            "Combination proposed",
            line("Every lead of {title} is asked to accept.", title=Strong(social.title)),
        )
    )


async def commented(hw: Hallway, actor: Actor, raw: Mapping[str, Raw], context: str) -> Outcome:
    values = parse_form(COMMENT_FORM, raw, actor.tz)
    social = await social_review.comment_on_social(
        hw, actor, proposal_id(context), values["comment"]
    )
    return Reply(message("Comment added", line("On {title}.", title=Strong(social.title))))


def register(router: Router) -> None:
    router.command(
        Command(
            "social",
            "chairs",
            "For the social chairs: the review queue and its actions.",
            chairs,
            (
                Option(
                    "what",
                    "A queue filter, or approve | reject | suggest | combine | comment | release",
                ),
                Option("details", "The proposal's number and the rest", "rest"),
            ),
        )
    )
    forms = {
        "social.approve": (APPROVE_FORM, approved),
        "social.reject": (REJECT_FORM, rejected),
        "social.comment": (COMMENT_FORM, commented),
    }
    for action, (form, handler) in forms.items():
        router.action(action, _opener(form))
        router.form(form, handler)
    router.action("social.suggest", _suggest_form)
    router.form(SUGGEST_FORM, suggested)
    router.action("social.combine", _combine_form)
    router.form(COMBINE_FORM, combined)
    router.action("social.release", press_release)


def _opener(form: Form) -> Callable[[Hallway, Actor, str], Awaitable[Outcome]]:
    async def open_form(hw: Hallway, actor: Actor, value: str) -> Outcome:
        return await _form_for(hw, actor, value, form)

    return open_form
