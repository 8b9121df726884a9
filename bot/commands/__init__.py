"""What people can do, as one table for every platform (see `registry`)."""

from __future__ import annotations

from bot.commands import (
    calendars,
    conduct,
    deliveries,
    general,
    mentoring,
    programme,
    reports,
    social_chairs,
    socials,
)
from bot.commands.registry import Router


def build_router() -> Router:
    router = Router()
    for module in (
        general,
        conduct,
        mentoring,
        programme,
        socials,
        social_chairs,
        calendars,
        reports,
        deliveries,
    ):
        module.register(router)
    return router
