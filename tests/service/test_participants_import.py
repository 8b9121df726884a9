from __future__ import annotations

import pytest

from bot.app import Hallway
from bot.domain.participants import Role
from bot.services.participants import BadParticipantsFile, import_participants, read_registrations


async def stored(hw: Hallway, email: str):  # type: ignore[no-untyped-def]
    async with hw.uow() as uow:
        return await uow.participants.by_email(hw.event.id, email)


async def test_good_rows_are_imported_with_roles(hw: Hallway) -> None:
    report = await import_participants(
        hw,
        "email,name,registration_id,roles\n"
        " Ada@Example.org ,Ada Lovelace,R1,chair;conduct\n"
        "alan@example.org,Alan Turing,R2,MENTOR\n",
    )
    assert (len(report.accepted), report.added, report.updated, report.refused) == (2, 2, 0, [])
    ada = await stored(hw, "ada@example.org")
    assert ada is not None and ada.roles == {Role.CHAIR, Role.CONDUCT}
    assert ada.registration_id == "R1" and ada.name == "Ada Lovelace"


async def test_bad_rows_are_named_by_line_and_good_rows_still_land(hw: Hallway) -> None:
    report = await import_participants(
        hw,
        "email,name,roles\n"
        "ada@example.org,Ada,\n"
        "not-an-email,Bob,\n"
        "carol@example.org,,\n"
        "ADA@example.org,Ada again,\n"
        "dan@example.org,Dan,speaker\n"
        ",Eve,\n"
        "fay@example.org,Fay,mentor\n",
    )
    assert [(row.line, row.reason) for row in report.refused] == [
        (3, "“not-an-email” is not an e-mail address"),
        (4, "name is missing"),
        (5, "ada@example.org is already on line 2"),
        (6, "unknown role “speaker” (roles are chair, conduct, mentor, separated by ;)"),
        (7, "e-mail is missing"),
    ]
    assert [row.email for row in report.accepted] == ["ada@example.org", "fay@example.org"]
    async with hw.uow() as uow:
        assert await uow.participants.count(hw.event.id) == 2


async def test_importing_twice_changes_nothing_the_second_time(hw: Hallway) -> None:
    csv_text = "email,name,roles\nada@example.org,Ada,chair\nalan@example.org,Alan,\n"
    await import_participants(hw, csv_text)
    again = await import_participants(hw, csv_text)
    assert (again.added, again.updated) == (0, 2)
    async with hw.uow() as uow:
        assert await uow.participants.count(hw.event.id) == 2


async def test_a_reimport_updates_names_and_roles(hw: Hallway) -> None:
    await import_participants(hw, "email,name,roles\nada@example.org,Ada,chair\n")
    await import_participants(hw, "email,name,roles\nada@example.org,Ada Lovelace,mentor\n")
    ada = await stored(hw, "ada@example.org")
    assert ada is not None and (ada.name, ada.roles) == ("Ada Lovelace", {Role.MENTOR})


async def test_columns_missing_from_a_later_file_keep_what_was_stored(hw: Hallway) -> None:
    await import_participants(
        hw, "email,name,registration_id,roles\nada@example.org,Ada,R1,chair\n"
    )
    await import_participants(hw, "email,name\nada@example.org,Ada L.\n")
    ada = await stored(hw, "ada@example.org")
    assert ada is not None and (ada.name, ada.registration_id, ada.roles) == (
        "Ada L.",
        "R1",
        {Role.CHAIR},
    )


async def test_a_registration_id_held_by_someone_else_is_refused(hw: Hallway) -> None:
    await import_participants(hw, "email,name,registration_id\nada@example.org,Ada,R1\n")
    report = await import_participants(
        hw, "email,name,registration_id\nbob@example.org,Bob,R2\nzed@example.org,Zed,R1\n"
    )
    assert [(row.line, row.reason) for row in report.refused] == [
        (3, "registration id R1 already belongs to ada@example.org")
    ]
    assert await stored(hw, "zed@example.org") is None
    assert await stored(hw, "bob@example.org") is not None


def test_duplicate_registration_ids_in_one_file_are_refused() -> None:
    report = read_registrations("email,name,registration_id\na@x.org,A,R1\nb@x.org,B,R1\n")
    assert [(row.line, row.reason) for row in report.refused] == [
        (3, "registration id R1 is already on line 2")
    ]


@pytest.mark.parametrize(
    ("header", "missing"), [("name,roles", "email"), ("email,roles", "name"), ("", "email, name")]
)
def test_a_file_without_the_required_columns_is_refused_whole(header: str, missing: str) -> None:
    with pytest.raises(BadParticipantsFile, match=f"missing {missing}"):
        read_registrations(f"{header}\nx,y\n")


def test_extra_columns_are_ignored_and_reported() -> None:
    report = read_registrations("\ufeffEmail,Name,Affiliation\na@x.org,A,MIT\n")
    assert report.ignored_columns == ("affiliation",)
    assert [row.email for row in report.accepted] == ["a@x.org"]


def test_quoted_newlines_keep_line_numbers_honest() -> None:
    report = read_registrations('email,name\na@x.org,"A\nB"\nbad,C\n')
    assert [(row.line, row.reason) for row in report.refused] == [
        (4, "“bad” is not an e-mail address")
    ]


async def test_two_events_keep_their_registrations_apart(hw: Hallway) -> None:
    from dataclasses import replace

    from bot.event import parse_event

    await import_participants(hw, "email,name,roles\nada@example.org,Ada,chair\n")
    other_config = parse_event(
        {**hw.event.to_dict(), "event": {**hw.event.to_dict()["event"], "slug": "icml2022"}}
    )
    async with hw.uow() as uow:
        other = await uow.events.save(other_config)
        await uow.commit()
    other_hw = replace(hw, event=other)
    await import_participants(other_hw, "email,name\nada@example.org,Ada (2022)\n")
    first, second = await stored(hw, "ada@example.org"), await stored(other_hw, "ada@example.org")
    assert first is not None and second is not None and first.id != second.id
    assert first.roles == {Role.CHAIR} and second.roles == frozenset()
