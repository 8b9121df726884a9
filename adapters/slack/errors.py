"""The Slack adapter's one error policy: what a person sees when something goes wrong.

A `HallwayError` is a sentence for the person who acted, shown as it is; `InvalidInput` lists
its field messages. Anything else is a bug: logged with its traceback, answered with an apology.
"""

from __future__ import annotations

import logging

from bot.errors import HallwayError, InvalidInput
from bot.messages import Message, message, text

log = logging.getLogger("adapters.slack")

APOLOGY = "Sorry, something went wrong on our side. It has been logged; please try again later."


def problem_message(exc: Exception, doing: str) -> Message:
    """The answer to show for `exc`, raised while `doing` (for the log)."""
    if isinstance(exc, InvalidInput):
        return message(None, text(*exc.errors.values()))
    if isinstance(exc, HallwayError):
        return message(None, exc.message)
    log.error("Slack %s failed", doing, exc_info=exc)
    return message(None, APOLOGY)
