"""Forged Slack payloads, signed (so they reach Hallway): a lead's form sent back with its
private_metadata pointing at someone else's proposal, a view naming no form or a made-up one,
stale and garbage values in buttons and metadata. Each is answered without a crash, privately,
and changes nothing."""

from __future__ import annotations

import itertools

import pytest

from adapters.slack.modals import Metadata, form_view
from bot.errors import NotAllowed
from storage import Database
from tests.adapters.slack.answers import state_for, valid_values
from tests.adapters.slack.harness import APOLOGY, SlackHarness, Turn
from tests.hardening.authz_platforms.matrix_world import Targets
from tests.hardening.authz_platforms.recording import RecordingRouter
from tests.hardening.authz_platforms.slack_matrix import USERS, ZONE
from tests.hardening.authz_platforms.snapshot import changed, contents
from tests.hardening.authz_platforms.test_slack_matrix import matrix, posted

__all__ = ["matrix"]
Matrix = tuple[SlackHarness, RecordingRouter, Targets]
_views = itertools.count(1)


async def sent_back(
    h: SlackHarness, form_id: str, metadata: str, user: str, **given: object
) -> Turn:
    form = h.router.get_form(form_id, h.hw.event)
    view = {**form_view(form, {}, Metadata(form_id, "", ZONE)), "id": f"VF{next(_views)}"}
    view["private_metadata"] = metadata
    h.fake.views[view["id"]] = view
    values = valid_values(form, **given)  # type: ignore[arg-type]
    return await h.submit(view, state_for(view, values), user)


def meta(form_id: str, context: object) -> str:
    return Metadata(form_id, str(context), ZONE).encode()


async def test_a_leads_edit_form_pointed_at_another_proposal_is_refused(
    matrix: Matrix, database: Database
) -> None:
    h, router, t = matrix
    before = await contents(database)
    turn = await sent_back(
        h,
        "social.edit",
        meta("social.edit", t.other),
        USERS["lead"],
        slot3=None,
        coleads=[USERS["colead"]],
    )
    assert isinstance(router.refusal(), NotAllowed), (router.raised, turn.text[:300])
    assert "Only the leads" in turn.text or "lead" in turn.text.lower()
    assert changed(before, await contents(database)) == {} and posted(turn) == []


async def test_a_chairs_form_pointed_at_a_proposal_by_a_participant_is_refused(
    matrix: Matrix, database: Database
) -> None:
    h, router, t = matrix
    before = await contents(database)
    for form_id in ("social.approve", "social.reject", "social.comment", "social.suggest"):
        turn = await sent_back(
            h, form_id, meta(form_id, t.review), USERS["lead"], slot2=None, slot3=None
        )
        assert isinstance(router.refusal(), NotAllowed), form_id
        assert "Only the chairs" in turn.text, turn.text
    assert changed(before, await contents(database)) == {}


GARBAGE_METADATA = [
    "",
    "not json",
    '{"form": "nothing.here", "context": "1"}',
    '{"context": "1"}',
    '["social.approve", 1]',
    '{"form": "social.approve", "context": "999999"}',
    '{"form": "social.approve", "context": "<!channel>"}',
    '{"form": "social.approve", "context": "-1"}',
    '{"form": "social.approve", "context": "1:2:3"}',
    '{"form": "social.approve", "context": null, "zone": "Mars/Olympus"}',
]


@pytest.mark.parametrize("metadata", GARBAGE_METADATA)
@pytest.mark.parametrize("who", ["chair", "participant", "unregistered"])
async def test_garbage_or_stale_private_metadata_is_answered_and_changes_nothing(
    matrix: Matrix, database: Database, metadata: str, who: str
) -> None:
    h, _router, _t = matrix
    before = await contents(database)
    turn = await sent_back(h, "social.approve", metadata, USERS[who])
    shown = (turn.answer.text or "") + (turn.text if turn.replies else "")
    assert APOLOGY not in shown and shown, metadata
    assert changed(before, await contents(database)) == {} and posted(turn) == []


STALE_VALUES = ["999999", "0", "-1", "abc", "", "1:2", "<@UCHAIR>", "12 OR 1=1", "１"]


@pytest.mark.parametrize(
    "action", ["social.approve", "social.release", "mentor.end", "mentoring.cancel_booking"]
)
async def test_stale_and_garbage_button_values_even_from_a_chair_change_nothing(
    matrix: Matrix, database: Database, action: str
) -> None:
    h, _router, _t = matrix
    before = await contents(database)
    for value in STALE_VALUES:
        turn = await h.press(action, value, USERS["chair"])
        assert turn.replies and APOLOGY not in turn.text, (action, value)
        assert posted(turn) == []
    assert changed(before, await contents(database)) == {}
