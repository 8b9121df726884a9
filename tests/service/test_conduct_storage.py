"""The database itself refuses to tie an anonymous report to a person."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import IntegrityError

from bot.app import Hallway
from bot.domain.conduct import AboutKind, ConductReport
from tests.factories import register


def anonymous_report(hw: Hallway) -> ConductReport:
    return ConductReport(hw.event.id, AboutKind.GENERAL, "text", True, hw.now())


def test_an_anonymous_report_cannot_be_built_with_a_reporter(hw: Hallway) -> None:
    with pytest.raises(ValueError, match="anonymous report cannot name its reporter"):
        ConductReport(hw.event.id, AboutKind.GENERAL, "text", True, hw.now(), reporter_id=1)


async def test_the_database_refuses_an_anonymous_report_with_a_reporter(hw: Hallway) -> None:
    ada = await register(hw, "ada@example.org")
    report = anonymous_report(hw)
    report.reporter_id = ada.id  # what a future bug might do after the report was built

    async def store() -> None:
        async with hw.uow() as uow:
            await uow.conduct.add(report)
            await uow.commit()

    with pytest.raises(IntegrityError, match=r"anonymous_has_no_reporter|CHECK constraint"):
        await store()
