"""Registered participants of an event and the chat accounts linked to them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum


class Role(StrEnum):
    CHAIR = "chair"
    MENTOR = "mentor"
    CONDUCT = "conduct"


class Platform(StrEnum):
    SLACK = "slack"
    DISCORD = "discord"
    CONSOLE = "console"


# Deliberately plain: one @, something before, a dotted domain after. Real checks are the
# organisers' registration system; this catches typos and columns pasted in the wrong place.
_EMAIL = re.compile(r"^[^@\s<>,;]+@[^@\s<>,;]+\.[^@\s<>,;.]{2,}$")


def normalise_email(text: str) -> str:
    return text.strip().lower()


def is_email(text: str) -> bool:
    return bool(_EMAIL.match(text))


@dataclass(eq=False)
class Participant:
    """A person registered for one event. Everything they do in Hallway hangs off this."""

    event_id: int
    email: str
    name: str
    registration_id: str | None = None
    roles: frozenset[Role] = frozenset()
    zone: str | None = None  # IANA name the person chose or their platform reported
    id: int = field(init=False)

    def has_role(self, role: Role) -> bool:
        return role in self.roles

    @property
    def is_chair(self) -> bool:
        return Role.CHAIR in self.roles


@dataclass(eq=False)
class Account:
    """A chat account (Slack user id, Discord user id, console e-mail) linked to a participant."""

    event_id: int
    participant_id: int
    platform: str
    user_id: str
    id: int = field(init=False)
