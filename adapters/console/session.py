"""The console REPL: type `/social`, `/press 2`, `/as someone@example.org`, `/quit`.

It speaks through the same router as Slack and Discord; forms are asked field by field, each
answer checked at once, and the whole form re-asked where the core finds a problem.
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Awaitable, Callable, Mapping
from datetime import timedelta
from pathlib import Path

from adapters.console.io import ConsoleIO
from adapters.console.messenger import ConsoleMessenger
from adapters.console.render import ButtonBoard, render
from bot.app import Hallway
from bot.commands.registry import Router
from bot.domain.participants import Role, normalise_email
from bot.errors import HallwayError, InvalidInput
from bot.forms import Field, Form, Raw, parse_field
from bot.interaction import Actor, Attachment, Outcome, Reply, ShowForm
from bot.messages import Message
from bot.services.identity import identify
from bot.timefmt import plain_time
from bot.timerules import TimeInputError, parse_local

log = logging.getLogger(__name__)

PLATFORM = "console"
CANCEL = "/cancel"
CLEAR = "-"  # leaves an optional field empty even when it shows a suggestion or a value


class _Cancelled(Exception):
    pass


class ConsoleSession:
    def __init__(
        self,
        hw: Hallway,
        router: Router,
        io: ConsoleIO,
        *,
        messenger: ConsoleMessenger,
        board: ButtonBoard,
        flush: Callable[[], Awaitable[object]],
        downloads: Path | None = None,
    ) -> None:
        self.hw = hw
        self.router = router
        self.io = io
        self.messenger = messenger
        self.board = board
        # Runs what fell due (rooms, messages) so replies and notices print in order.
        self.flush = flush
        # Where files a reply carries (a calendar, an export, a picture) are written.
        self.downloads = downloads or Path(tempfile.gettempdir()) / "hallway-files"
        self.actor: Actor | None = None

    async def run(self, email: str) -> None:
        await self.become(email)
        self.io.write("Type /help for commands, /as EMAIL to act as someone else, /quit to leave.")
        while (typed := await self.io.read("> ")) is not None:
            if typed.strip() in ("/quit", "/exit"):
                break
            await self.handle(typed)
        self.io.write("Bye.")

    async def become(self, email: str) -> None:
        # A console account is its e-mail as registrations spell it: ADA@Example.org is Ada's
        # account too, not a second one left unlinked because hers is linked already.
        account = normalise_email(email)
        actor = await self._identify(account)
        who = actor.participant.name if actor.participant else f"{email} (not registered)"
        self.io.write(f"You are {who} at {self.hw.event.name}.")
        for waiting in self.messenger.take_inbox(account):
            self.io.write(f"\n[direct message, while you were away]\n{self._render(waiting)}")
        for channel, how, posted in self.messenger.take_channels(account):
            self.io.write(f"\n[#{channel}{how}, while you were away]\n{self._render(posted)}")

    async def handle(self, typed: str) -> None:
        """One typed line: a command, a button press or a console verb."""
        text = typed.strip()
        if not text:
            return
        if not text.startswith("/"):
            self.io.write("Commands start with / — try /help.")
            return
        name, _, rest = text[1:].partition(" ")
        try:
            # Like a chat platform, every command is answered for who the person is now
            # (a new role, a new zone, a registration linked meanwhile).
            await self._identify(self._actor().user_id)
            await self._dispatch(name.lower(), rest.strip())
        except _Cancelled:
            self.io.write("Cancelled; nothing was saved.")
        except InvalidInput as exc:
            for problem in exc.errors.values():
                self.io.write(f"! {problem}")
        except HallwayError as exc:
            self.io.write(f"! {exc.message}")
        except Exception:
            log.exception("console command failed: %s", text)
            self.io.write("! Sorry, something went wrong on our side. It has been logged.")
        await self.flush()

    async def _dispatch(self, name: str, rest: str) -> None:
        actor = self._actor()
        if name == "as":
            await self.become(rest)
            return
        if name == "press":
            button = self.board.get(int(rest)) if rest.isdigit() else None
            if button is None:
                self.io.write("! No button has that number.")
                return
            await self.show(await self.router.press(self.hw, actor, button.action, button.value))
            return
        await self.show(await self.router.run_text(self.hw, actor, name, rest))

    async def show(self, outcome: Outcome) -> None:
        if isinstance(outcome, Reply):
            # The command may have changed the person (their zone): render for who they are now.
            await self._identify(self._actor().user_id)
            self.io.write(self._render(outcome.message))
            self._save(outcome.attachments)
            return
        await self.fill(outcome)

    def _save(self, attachments: tuple[Attachment, ...]) -> None:
        """Each file written under `downloads`; its path printed (and the channel it is for)."""
        if attachments:
            self.downloads.mkdir(parents=True, exist_ok=True)
        for attachment in attachments:
            path = self.downloads / Path(attachment.filename).name
            path.write_bytes(attachment.data)
            shared = (
                f" (for #{getattr(self.hw.event.channels(PLATFORM), attachment.channel.value)})"
                if attachment.channel is not None
                else ""
            )
            self.io.write(f"File{shared}: {path.resolve()}")

    async def fill(self, request: ShowForm) -> None:
        """Ask every field, then submit; ask again the fields the core refuses."""
        form = request.form
        self.io.write(f"== {form.title} ==" + (f"\n{form.intro}" if form.intro else ""))
        self.io.write(f"(Type {CANCEL} at any prompt to stop.)")
        values: dict[str, Raw] = dict(request.values)
        to_ask = list(form.fields)
        while True:
            for field in to_ask:
                values[field.name] = await self._ask(field, values)
            try:
                outcome = await self.router.submit(
                    self.hw, self._actor(), form.id, values, request.context
                )
            except InvalidInput as exc:
                to_ask = self._refused_fields(form, exc.errors)
                if not to_ask:
                    raise
                continue
            await self.show(outcome)
            return

    async def _identify(self, email: str) -> Actor:
        actor = await identify(self.hw, PLATFORM, email, email=email)
        self.actor = actor
        self.messenger.persona, self.messenger.zone = email, actor.zone
        self.messenger.can_read = self._channel_filter(actor)
        return actor

    def _refused_fields(self, form: Form, errors: Mapping[str, str]) -> list[Field]:
        refused = []
        for name, problem in errors.items():
            self.io.write(f"! {problem}")
            if any(field.name == name for field in form.fields):
                refused.append(form.field(name))
        return refused

    async def _ask(self, field: Field, values: Mapping[str, Raw]) -> Raw:
        default = self._default(field, values)
        while True:
            typed = await self.io.read(self._prompt(field, default))
            if typed is None or typed.strip() == CANCEL:
                raise _Cancelled
            if typed.strip() == CLEAR and not field.required:
                return None
            raw: Raw = typed.strip() or default
            try:
                parse_field(field, raw, self._actor().tz)
            except InvalidInput as exc:
                self.io.write(f"! {exc.errors[field.name]}")
                continue
            return raw

    def _prompt(self, field: Field, default: str) -> str:
        hints = [field.help] if field.help else []
        if field.kind == "choice" or field.kind == "choices":
            hints.append("one of: " + ", ".join(option.label for option in field.options))
        if field.kind == "datetime":
            hints.append(f"{field.placeholder} in {self._zone_name()}")
        elif field.kind == "people":
            hints.append("e-mails, separated by commas")
        elif field.kind == "confirm":
            hints.append("yes to agree")
        elif field.placeholder:
            hints.append(field.placeholder)
        if not field.required:
            hints.append(
                f"optional, {CLEAR} to leave empty" if default else "optional, Enter to skip"
            )
        shown_default = f" [{default}]" if default else ""
        hint = f" ({'; '.join(hints)})" if hints else ""
        return f"{field.label}{hint}{shown_default}: "

    def _default(self, field: Field, values: Mapping[str, Raw]) -> str:
        current = values.get(field.name)
        if isinstance(current, str) and current:
            return current
        if field.suggest_after is None:
            return ""
        source, minutes = field.suggest_after
        earlier = values.get(source)
        if not isinstance(earlier, str) or not earlier:
            return ""
        try:
            start = parse_local(earlier, self._actor().tz)
        except TimeInputError:
            return ""
        later = start + timedelta(minutes=minutes)
        return later.astimezone(self._actor().tz).strftime("%Y-%m-%d %H:%M")

    def _render(self, message: Message) -> str:
        return render(message, self._actor().tz, self.board)

    def _zone_name(self) -> str:
        actor = self._actor()
        return (
            actor.zone.key if actor.zone else f"UTC (now {plain_time(self.hw.now(), None, 'time')})"
        )

    def _channel_filter(self, actor: Actor) -> Callable[[str], bool]:
        channels = self.hw.event.channels(PLATFORM)
        person = actor.participant

        def can_read(channel: str) -> bool:
            if channel == channels.chairs:
                return person is not None and person.has_role(Role.CHAIR)
            if channel == channels.conduct:
                return person is not None and person.has_role(Role.CONDUCT)
            return True

        return can_read

    def _actor(self) -> Actor:
        if self.actor is None:
            raise RuntimeError("console session not started")
        return self.actor
