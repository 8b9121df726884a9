"""The chairs' export of every proposal: leads, state, slots in UTC, RSVP counts, audit log."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from bot.domain.audit import AuditEntry
from bot.domain.participants import Participant
from bot.domain.socials import Social
from bot.exports.formats import Format, csv_bytes, json_bytes
from bot.timefmt import iso_utc

COLUMNS = (
    "id",
    "title",
    "category",
    "state",
    "decision",
    "submitted_at",
    "submitted_by",
    "leads",
    "slots",
    "duration_minutes",
    "capacity",
    "video_url",
    "tags",
    "going",
    "waiting",
    "released_at",
    "withdrawn_at",
    "combined_into",
    "description",
    "notes_to_chairs",
    "audit",
)


def submissions_file(
    socials: Sequence[Social],
    people: Mapping[int, Participant],
    rsvps: Mapping[int, tuple[int, int]],
    audit: Sequence[AuditEntry],
    form: Format,
) -> bytes:
    records = [_record(s, people, rsvps, _of(audit, s.id)) for s in socials]
    if form == "json":
        return json_bytes({"submissions": records})
    return csv_bytes(COLUMNS, [_flat(record) for record in records])


def _record(
    social: Social,
    people: Mapping[int, Participant],
    rsvps: Mapping[int, tuple[int, int]],
    audit: list[AuditEntry],
) -> dict[str, Any]:
    slots = [
        {
            "id": slot.id,
            "start": iso_utc(slot.start),
            "end": iso_utc(social.interval_of(slot).end),
            "going": rsvps.get(slot.id, (0, 0))[0],
            "waiting": rsvps.get(slot.id, (0, 0))[1],
        }
        for slot in social.ordered_slots()
    ]
    return {
        "id": social.id,
        "title": social.title,
        "category": social.category.value,
        "state": social.state.value,
        "decision": social.decision.value if social.decision else None,
        "submitted_at": iso_utc(social.submitted_at),
        "submitted_by": _who(people, social.submitted_by),
        "leads": [
            {
                **_person(people, lead.participant_id),
                "consent": lead.consent.value,
                "submitter": lead.is_submitter,
            }
            for lead in social.leads
        ],
        "slots": slots,
        "duration_minutes": social.duration_minutes,
        "capacity": social.capacity,
        "video_url": social.video_url,
        "tags": list(social.tags),
        "released_at": _iso(social.released_at),
        "withdrawn_at": _iso(social.withdrawn_at),
        "combined_into": social.combined_into,
        "description": social.description,
        "notes_to_chairs": social.notes_to_chairs,
        "audit": [_audit(entry, people) for entry in audit],
    }


def _flat(record: dict[str, Any]) -> dict[str, Any]:
    return {
        **record,
        "leads": [
            f"{lead['name']} <{lead['email']}> ({lead['consent']})" for lead in record["leads"]
        ],
        "slots": [slot["start"] for slot in record["slots"]],
        "going": sum(slot["going"] for slot in record["slots"]),
        "waiting": sum(slot["waiting"] for slot in record["slots"]),
        "audit": " | ".join(
            f"{item['at']} {item['action']} by {item['by']}"
            + (f": {item['message']}" if item["message"] else "")
            for item in record["audit"]
        ),
    }


def _audit(entry: AuditEntry, people: Mapping[int, Participant]) -> dict[str, Any]:
    return {
        "at": iso_utc(entry.at),
        "action": entry.action,
        "by": _who(people, entry.actor_id) if entry.actor_id is not None else "Hallway",
        "message": entry.message,
        "before": entry.before,
        "after": entry.after,
    }


def _of(audit: Sequence[AuditEntry], social_id: int) -> list[AuditEntry]:
    subject = f"social:{social_id}"
    return [entry for entry in audit if entry.subject == subject]


def _person(people: Mapping[int, Participant], participant_id: int) -> dict[str, Any]:
    person = people.get(participant_id)
    if person is None:
        return {"participant_id": participant_id, "name": "(unknown)", "email": ""}
    return {"participant_id": person.id, "name": person.name, "email": person.email}


def _who(people: Mapping[int, Participant], participant_id: int) -> str:
    person = people.get(participant_id)
    return f"{person.name} <{person.email}>" if person else f"participant {participant_id}"


def _iso(value: Any) -> str | None:
    return iso_utc(value) if value is not None else None
