"""Who is acting, and what the core answers: a reply to show, or a form to fill in."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, tzinfo
from zoneinfo import ZoneInfo

from bot.domain.delivery import ChannelRole
from bot.domain.participants import Participant, Role
from bot.errors import NotAllowed, NotRegistered
from bot.forms import Form, Raw
from bot.messages import Message


@dataclass(frozen=True)
class Actor:
    """A chat account acting now, and the registration it is linked to (if any)."""

    platform: str
    user_id: str
    name: str
    participant: Participant | None
    zone: ZoneInfo | None = None  # None: the platform has not told us and the user has not said

    @property
    def tz(self) -> tzinfo:
        """The zone to read typed times in; UTC until the person tells us theirs."""
        return self.zone if self.zone is not None else UTC

    def registered(self, event_name: str) -> Participant:
        if self.participant is None:
            raise NotRegistered(event_name)
        return self.participant

    def require_role(self, role: Role, event_name: str, doing: str) -> Participant:
        person = self.registered(event_name)
        if not person.has_role(role):
            raise NotAllowed(f"Only the {role.value}s of {event_name} can {doing}.")
        return person


@dataclass(frozen=True)
class Attachment:
    """A file that goes with a reply (a calendar, an export, a picture). Each platform delivers
    it its own way: Slack uploads it, Discord attaches it, the console writes it to disk.
    `channel` set: shared in that channel of the event (the chairs' heatmap) instead of with the
    actor alone."""

    filename: str
    content_type: str
    data: bytes
    channel: ChannelRole | None = None


@dataclass(frozen=True)
class Reply:
    """Shown to the actor alone (Slack ephemeral, Discord ephemeral, console print)."""

    message: Message
    attachments: tuple[Attachment, ...] = ()


@dataclass(frozen=True)
class ShowForm:
    """Ask the actor to fill in a form; `context` travels with it (ids for an edit)."""

    form: Form
    values: Mapping[str, Raw] = field(default_factory=dict)
    context: str = ""


Outcome = Reply | ShowForm
