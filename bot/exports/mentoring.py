"""The chairs' export of mentoring: mentors, their sessions, bookings and waitlists."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from bot.domain.mentoring import Booking, BookingState, MentoringSession, MentorProfile
from bot.domain.participants import Participant
from bot.exports.formats import Format, csv_bytes, json_bytes
from bot.timefmt import iso_utc

COLUMNS = (
    "mentor",
    "mentor_email",
    "affiliation",
    "sector",
    "mentor_topics",
    "session_id",
    "start",
    "end",
    "minutes",
    "capacity",
    "topics",
    "adhoc",
    "status",
    "ended_at",
    "video_url",
    "booked_count",
    "booked",
    "waitlist_count",
    "waitlist",
)


def mentoring_file(
    mentors: Sequence[MentorProfile],
    sessions: Sequence[MentoringSession],
    bookings: Sequence[Booking],
    people: Mapping[int, Participant],
    form: Format,
) -> bytes:
    held: dict[int, list[Booking]] = defaultdict(list)
    for booking in bookings:
        held[booking.session_id].append(booking)
    records = [_session(session, held[session.id], people) for session in sessions]
    profiles = [_mentor(profile, sessions, people) for profile in mentors]
    if form == "json":
        return json_bytes({"mentors": profiles, "sessions": records})
    return csv_bytes(COLUMNS, _rows(profiles, records))


def _mentor(
    profile: MentorProfile, sessions: Sequence[MentoringSession], people: Mapping[int, Participant]
) -> dict[str, Any]:
    return {
        **_person(people, profile.participant_id),
        "affiliation": profile.affiliation,
        "sector": profile.sector.value,
        "topics": list(profile.topics),
        "bio": profile.bio,
        "suspended": profile.suspended,
        "sessions": [s.id for s in sessions if s.mentor_id == profile.participant_id],
    }


def _session(
    session: MentoringSession, bookings: list[Booking], people: Mapping[int, Participant]
) -> dict[str, Any]:
    def placed(state: BookingState) -> list[dict[str, Any]]:
        return [
            {**_person(people, b.participant_id), "at": iso_utc(b.created_at), "note": b.note}
            for b in bookings
            if b.state == state
        ]

    return {
        "session_id": session.id,
        "mentor_id": session.mentor_id,
        "start": iso_utc(session.starts_at),
        "end": iso_utc(session.finishes_at),
        "minutes": session.minutes,
        "capacity": session.capacity,
        "topics": list(session.topics),
        "adhoc": session.adhoc,
        "status": session.status.value,
        "ended_at": iso_utc(session.ended_at) if session.ended_at else None,
        "video_url": session.video_url,
        "booked": placed(BookingState.BOOKED),
        "waitlist": placed(BookingState.WAITLISTED),  # in queue order
        "cancelled_bookings": placed(BookingState.CANCELLED),
    }


def _rows(profiles: list[dict[str, Any]], records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    by_mentor = {profile["participant_id"]: profile for profile in profiles}
    rows = []
    for record in records:
        mentor = by_mentor.get(record["mentor_id"], {})
        rows.append({**_mentor_columns(mentor), **_session_columns(record)})
    with_sessions = {record["mentor_id"] for record in records}
    rows.extend(
        _mentor_columns(profile)
        for profile in profiles
        if profile["participant_id"] not in with_sessions
    )
    return rows


def _mentor_columns(profile: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "mentor": profile.get("name"),
        "mentor_email": profile.get("email"),
        "affiliation": profile.get("affiliation"),
        "sector": profile.get("sector"),
        "mentor_topics": profile.get("topics"),
    }


def _session_columns(record: Mapping[str, Any]) -> dict[str, Any]:
    def names(places: list[dict[str, Any]]) -> list[str]:
        return [f"{p['name']} <{p['email']}>" for p in places]

    return {
        **{key: record[key] for key in COLUMNS if key in record},
        "booked_count": len(record["booked"]),
        "booked": names(record["booked"]),
        "waitlist_count": len(record["waitlist"]),
        "waitlist": names(record["waitlist"]),
    }


def _person(people: Mapping[int, Participant], participant_id: int) -> dict[str, Any]:
    person = people.get(participant_id)
    if person is None:
        return {"participant_id": participant_id, "name": "(unknown)", "email": ""}
    return {"participant_id": person.id, "name": person.name, "email": person.email}
