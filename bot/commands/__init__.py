"""What people can do, as one table for every platform (see `registry`)."""

from __future__ import annotations

from bot.commands import deliveries, general
from bot.commands.registry import Router


def build_router() -> Router:
    router = Router()
    for module in (general, deliveries):
        module.register(router)
    return router
