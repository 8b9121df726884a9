"""Errors the core raises for people to read.

Every `HallwayError` is a sentence meant for the person who acted; adapters show it as it is.
Anything else that escapes a handler is a bug: logged with its traceback, answered with an apology.
"""

from __future__ import annotations

from collections.abc import Mapping


class HallwayError(Exception):
    """A problem the user can understand and act on."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvalidInput(HallwayError):
    """One or more form fields are wrong; `errors` maps each field name to its message."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        self.errors = dict(errors)
        super().__init__("; ".join(f"{field}: {text}" for field, text in self.errors.items()))

    @classmethod
    def at(cls, field: str, message: str) -> InvalidInput:
        return cls({field: message})


class NotAllowed(HallwayError):
    """The actor lacks the role or relation the action needs."""


class NotFound(HallwayError):
    """The thing named does not exist (or is not visible to this actor)."""


class NotRegistered(NotAllowed):
    """The chat account is not linked to a registration of this event."""

    def __init__(self, event_name: str) -> None:
        super().__init__(
            f"Only registered participants of {event_name} can do this. "
            "If you are registered, link this account with /verify (your e-mail and "
            "registration id), or ask the organisers to add the e-mail you use here."
        )


class ConfigError(Exception):
    """The deployment's configuration is wrong; the message names the variable or key."""


class StorageUnavailable(HallwayError):
    """The database could not be reached, or the connection was lost, during an action: the
    transaction was rolled back (or, if the connection was lost while committing, may not have
    been), and the person is asked to try again. Raised by storage; retrying is safe."""

    def __init__(self, while_committing: bool = False) -> None:
        super().__init__(UNSURE_COMMIT if while_committing else NOT_SAVED)
        self.while_committing = while_committing


NOT_SAVED = (
    "Hallway lost touch with its database for a moment, so nothing was saved. "
    "Please try again in a minute."
)
UNSURE_COMMIT = (
    "Hallway lost touch with its database while saving this, so it may not have been saved. "
    "Please check in a minute, and try again if it is not there."
)
