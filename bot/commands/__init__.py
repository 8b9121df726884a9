"""What people can do, as one table for every platform (see `registry`)."""

from __future__ import annotations

from bot.commands import calendars, conduct, general, mentoring, programme, reports
from bot.commands.registry import Router


def build_router() -> Router:
    router = Router()
    for module in (general, conduct, mentoring, programme, calendars, reports):
        module.register(router)
    return router
