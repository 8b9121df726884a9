"""A person's own page (Slack's App Home tab): who they are here, their socials and RSVPs,
their mentoring, what starts next and, for chairs, the review queue's counts with the way to
the balance view, and the statistics. Built from the same answers the commands give, so it
says what they say."""

from __future__ import annotations

from collections.abc import Awaitable
from dataclasses import dataclass

from bot.app import Hallway
from bot.commands import mentoring, programme, socials
from bot.commands.general import whoami
from bot.commands.stats_view import stats_message
from bot.domain.participants import Role
from bot.domain.socials import QueueState
from bot.interaction import Actor, Outcome, Reply
from bot.messages import Actions, Message, line, message
from bot.services import social_review
from bot.services.stats import chairs_statistics
from bot.views.social_card import balance_button


@dataclass(frozen=True)
class HomeSection:
    """One part of the page; `more` says where to see all of it when a platform shows less."""

    message: Message
    more: str = ""


async def home_sections(hw: Hallway, actor: Actor) -> list[HomeSection]:
    about = HomeSection(await _message(whoami(hw, actor, {})))
    upcoming = HomeSection(await _message(programme.show_next(hw, actor, {})), "/programme next")
    if actor.participant is None:
        return [about, upcoming]  # someone not linked may browse, and learn how to get in
    sections = [
        about,
        HomeSection(await _message(socials.mine(hw, actor, {})), "/social mine"),
        HomeSection(await _message(mentoring.mine(hw, actor, {})), "/mentoring mine"),
        upcoming,
    ]
    if actor.participant.has_role(Role.CHAIR):
        sections.append(HomeSection(await chairs_section(hw, actor)))
        statistics = stats_message(await chairs_statistics(hw, actor))
        sections.append(HomeSection(statistics, "/social chairs stats"))
    sections.append(HomeSection(message(None, "Type /help to see every command.")))
    return sections


async def chairs_section(hw: Hallway, actor: Actor) -> Message:
    queue = await social_review.review_queue(hw, actor)
    counts = " · ".join(f"{state.value}: {queue.counts.get(state, 0)}" for state in QueueState)
    return message(
        "Social chairs",
        line("Review queue — {counts}", counts=counts),
        "Review them with /social chairs.",
        Actions((balance_button(),)),
    )


async def _message(answer: Awaitable[Outcome]) -> Message:
    outcome = await answer
    assert isinstance(outcome, Reply), "a home section is a reply, never a form"
    return outcome.message
