"""An edit form shows the social as it stands: a one-slot social's "Slot 2" is empty, not the
double session a new proposal is offered, so sending the pages as shown keeps one slot."""

from __future__ import annotations

from typing import Any

from tests.adapters.discord.form_routes import SLOT, edit
from tests.adapters.discord.world import World, shown_values


def modals_shown(world: World) -> list[dict[str, Any]]:
    """What each modal Hallway opened showed, by field."""
    return [
        shown_values(call)
        for call in world.fake.calls
        if call.path.endswith("/callback") and call.body.get("type") == 9
    ]


async def test_sending_the_edit_form_of_a_one_slot_social_as_shown_keeps_one_slot(
    world: World,
) -> None:
    ada, card = await edit(world)
    saved = await world.fill(ada, card, ({}, {}, {}))
    shown = {name: value for modal in modals_shown(world) for name, value in modal.items()}
    assert (shown["slot1"], shown["slot2"]) == ("2021-07-19 18:00", "")  # Ada reads Paris time
    assert "Social proposal saved" in str(saved.body), saved.body
    async with world.hw.uow() as uow:
        [social] = await uow.socials.for_event(world.hw.event.id)
    assert [slot.start for slot in social.ordered_slots()] == [SLOT]
