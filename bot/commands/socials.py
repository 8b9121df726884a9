"""/social for leads: propose (the bare command), edit, withdraw, mine; and the buttons leads
press in their messages (confirm or decline being named, answer the chairs' suggestion)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.app import Hallway
from bot.commands.programme import programme_mine_section
from bot.commands.registry import Command, Option, Router
from bot.commands.social_forms import (
    EDIT_FORM,
    SUBMIT_FORM,
    draft_from,
    edit_values,
    proposal_id,
    submit_defaults,
    typed_id,
)
from bot.forms import Raw, parse_form
from bot.interaction import Actor, Outcome, Reply, ShowForm
from bot.messages import Strong, line, message
from bot.services import social_consent, socials
from bot.views.socials import my_proposals_blocks, slot_lines, submitted_reply, title_line


async def propose(hw: Hallway, actor: Actor, args: Mapping[str, Any]) -> Outcome:
    socials.ready_to_submit(hw, actor)
    return ShowForm(SUBMIT_FORM, submit_defaults(hw.event.socials.duration_minutes))


async def submitted(hw: Hallway, actor: Actor, values: Mapping[str, Raw], context: str) -> Outcome:
    draft = draft_from(parse_form(SUBMIT_FORM, values, actor.tz))
    social = await socials.submit_social(hw, actor, draft)
    return Reply(submitted_reply(social))


async def edit(hw: Hallway, actor: Actor, args: Mapping[str, Any]) -> Outcome:
    return await _edit_form(hw, actor, str(typed_id(str(args["id"]))))


async def press_edit(hw: Hallway, actor: Actor, value: str) -> Outcome:
    return await _edit_form(hw, actor, value)


async def _edit_form(hw: Hallway, actor: Actor, value: str) -> Outcome:
    found = await socials.proposal_to_edit(hw, actor, proposal_id(value))
    social = found.socials[0]
    editor = actor.participant.id if actor.participant else 0
    values = edit_values(social, found.people, editor, actor.tz)
    return ShowForm(EDIT_FORM, values, context=str(social.id))


async def edited(hw: Hallway, actor: Actor, values: Mapping[str, Raw], context: str) -> Outcome:
    draft = draft_from(parse_form(EDIT_FORM, values, actor.tz))
    social = await socials.edit_social(hw, actor, proposal_id(context), draft)
    return Reply(message("Social proposal saved", title_line(social), *slot_lines(social)))


async def withdraw(hw: Hallway, actor: Actor, args: Mapping[str, Any]) -> Outcome:
    social = await socials.withdraw_social(hw, actor, typed_id(str(args["id"])))
    return Reply(
        message(
            "Social withdrawn",
            line(
                "{title} is withdrawn; the other leads and the chairs are told.",
                title=Strong(social.title),
            ),
        )
    )


async def mine(hw: Hallway, actor: Actor, args: Mapping[str, Any]) -> Outcome:
    """My proposals with their state, then my programme: what I lead and what I RSVPed."""
    found = await socials.my_proposals(hw, actor)
    me = actor.participant.id if actor.participant else 0
    # Accepted and released ones are on the programme, which the second section lists.
    proposals = [social for social in found.socials if not social.is_public]
    blocks = my_proposals_blocks(proposals, found.people, me)
    return Reply(message("Your socials", *blocks, *await programme_mine_section(hw, actor)))


async def confirm_lead(hw: Hallway, actor: Actor, value: str) -> Outcome:
    social = await social_consent.confirm_colead(hw, actor, proposal_id(value))
    return Reply(
        message(
            "Thank you",
            line(
                "You are now a lead of {title}; it is {state}.",
                title=Strong(social.title),
                state=social.state.value,
            ),
        )
    )


async def decline_lead(hw: Hallway, actor: Actor, value: str) -> Outcome:
    social = await social_consent.decline_colead(hw, actor, proposal_id(value))
    return Reply(
        message(
            "Declined",
            line(
                "You will not be named as a lead of {title}; the others are told.",
                title=Strong(social.title),
            ),
        )
    )


async def accept_suggestion(hw: Hallway, actor: Actor, value: str) -> Outcome:
    return await _answer(hw, actor, value, accept=True)


async def decline_suggestion(hw: Hallway, actor: Actor, value: str) -> Outcome:
    return await _answer(hw, actor, value, accept=False)


async def _answer(hw: Hallway, actor: Actor, value: str, *, accept: bool) -> Outcome:
    social_part, _, suggestion_part = value.partition(":")
    social = await social_consent.answer_suggestion(
        hw, actor, proposal_id(social_part), proposal_id(suggestion_part), accept=accept
    )
    verb = "accepted" if accept else "declined"
    return Reply(
        message(
            f"Suggestion {verb}",
            line(
                "You {verb} the chairs' suggestion; {title} is back with them. Its slots:",
                verb=verb,
                title=Strong(social.title),
            ),
            *slot_lines(social),
        )
    )


def register(router: Router) -> None:
    number = (Option("id", "The proposal's number, e.g. 12", "text", required=True),)
    router.command(
        Command("social", "submit", "Propose a virtual social (the form).", propose, default=True)
    )
    router.command(Command("social", "edit", "Edit a social you lead.", edit, number))
    summary = "Withdraw a social you lead (or cancel one on the programme; attendees are told)."
    router.command(Command("social", "withdraw", summary, withdraw, number))
    router.command(Command("social", "mine", "The socials you lead, and where they stand.", mine))
    router.form(SUBMIT_FORM, submitted)
    router.form(EDIT_FORM, edited)
    router.action("social.edit", press_edit)
    router.action("social.confirm_lead", confirm_lead)
    router.action("social.decline_lead", decline_lead)
    router.action("social.accept_suggestion", accept_suggestion)
    router.action("social.decline_suggestion", decline_suggestion)
