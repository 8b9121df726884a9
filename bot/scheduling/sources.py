"""The table of due-work sources; features that meet at set times add theirs here.

A source derives, from the database, the reminders and announcements due by now (see
`bot.scheduling.due.DueSource`). Work of other kinds (rooms, decision releases) is written by
the features themselves as `work` rows, with handlers in `bot.scheduling.handlers`.
"""

from __future__ import annotations

from bot.scheduling.due import DueSource
from bot.scheduling.mentoring_reminders import MentoringSessionSource
from bot.scheduling.social_reminders import SocialSlotSource


def build_due_sources() -> list[DueSource]:
    return [SocialSlotSource(), MentoringSessionSource()]
