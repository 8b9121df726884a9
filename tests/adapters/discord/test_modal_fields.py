"""Reading a MODAL_SUBMIT payload (recorded from Discord's shapes) into raw answers."""

from __future__ import annotations

from adapters.discord.modal_fields import submitted

RECORDED = [
    {
        "type": 18,
        "id": 1,
        "component": {"type": 4, "id": 2, "custom_id": "title", "value": "Board games"},
    },
    {
        "type": 18,
        "id": 3,
        "component": {"type": 3, "id": 4, "custom_id": "kind", "values": ["game"]},
    },
    {
        "type": 18,
        "id": 5,
        "component": {"type": 5, "id": 6, "custom_id": "people", "values": ["880000000000000001"]},
    },
    {"type": 18, "id": 7, "component": {"type": 23, "id": 8, "custom_id": "agree", "value": True}},
    {"type": 1, "components": [{"type": 4, "custom_id": "legacy", "value": "row"}]},
]


def test_every_component_kind_is_read_by_its_custom_id() -> None:
    assert submitted(RECORDED) == {
        "title": "Board games",
        "kind": ["game"],
        "people": ["880000000000000001"],
        "agree": True,
        "legacy": "row",
    }
